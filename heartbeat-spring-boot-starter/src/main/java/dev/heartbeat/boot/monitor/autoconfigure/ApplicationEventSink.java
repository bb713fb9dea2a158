package dev.heartbeat.boot.monitor.autoconfigure;

import java.time.Duration;

import org.springframework.context.ApplicationEventPublisher;

import dev.heartbeat.boot.monitor.AppStateChangedEvent;
import dev.heartbeat.boot.monitor.MonitorSightChangedEvent;
import dev.heartbeat.boot.monitor.ProcessStateChangedEvent;
import dev.heartbeat.boot.monitor.listener.EventSink;
import dev.heartbeat.boot.monitor.listener.EventValues;
import dev.heartbeat.core.monitor.AppStateChange;
import dev.heartbeat.core.monitor.MonitorEvent;
import dev.heartbeat.core.monitor.SightChange;
import dev.heartbeat.core.monitor.StateChange;

/**
 * Publishes every process event as a {@link ProcessStateChangedEvent}, every app event as an
 * {@link AppStateChangedEvent}, every change of sight as a {@link MonitorSightChangedEvent}.
 */
final class ApplicationEventSink implements EventSink {

	/**
	 * The name of its channel, reserved among listener names.
	 */
	static final String NAME = "application-event";

	private final ApplicationEventPublisher publisher;

	private final Object source;

	ApplicationEventSink(ApplicationEventPublisher publisher, Object source) {
		this.publisher = publisher;
		this.source = source;
	}

	@Override
	public void send(MonitorEvent event, EventValues values, Duration timeout) {
		if (event instanceof AppStateChange change) {
			this.publisher.publishEvent(new AppStateChangedEvent(this.source, change));
		}
		else if (event instanceof SightChange change) {
			this.publisher.publishEvent(new MonitorSightChangedEvent(this.source, change));
		}
		else {
			this.publisher.publishEvent(new ProcessStateChangedEvent(this.source, (StateChange) event));
		}
	}

	@Override
	public String toString() {
		return "spring application event";
	}

}
