package dev.heartbeat.boot.monitor.listener;

import java.time.Duration;

import dev.heartbeat.core.monitor.MonitorEvent;

/**
 * A listener bean as a channel's sink: every call goes to the bean, except {@link #close()},
 * which is Spring's to make.
 */
final class BeanEventSink implements EventSink {

	private final String name;

	private final EventSink bean;

	BeanEventSink(String name, EventSink bean) {
		this.name = name;
		this.bean = bean;
	}

	@Override
	public void send(MonitorEvent event, EventValues values, Duration timeout) throws Exception {
		this.bean.send(event, values, timeout);
	}

	@Override
	public void send(Digest digest, Duration timeout) throws Exception {
		this.bean.send(digest, timeout);
	}

	@Override
	public void close() {
		// the bean's lifecycle is the application context's
	}

	@Override
	public String toString() {
		return "bean '" + this.name + "' (" + this.bean.getClass().getSimpleName() + ")";
	}

}
