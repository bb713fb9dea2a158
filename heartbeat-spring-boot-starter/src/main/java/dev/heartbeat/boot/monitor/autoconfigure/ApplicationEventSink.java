package dev.heartbeat.boot.monitor.autoconfigure;

import java.time.Duration;

import org.springframework.context.ApplicationEventPublisher;

import dev.heartbeat.boot.monitor.listener.EventSink;
import dev.heartbeat.boot.monitor.listener.EventValues;
import dev.heartbeat.boot.monitor.MonitorSightChangedEvent;
import dev.heartbeat.boot.monitor.ProcessStateChangedEvent;
import dev.heartbeat.core.monitor.SightChange;
import dev.heartbeat.core.monitor.StateChange;

/**
 * Publishes every state change as a {@link ProcessStateChangedEvent}, every change of sight as a
 * {@link MonitorSightChangedEvent}.
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
	public void send(StateChange change, EventValues values, Duration timeout) {
		this.publisher.publishEvent(new ProcessStateChangedEvent(this.source, change));
	}

	@Override
	public void send(SightChange change, EventValues values, Duration timeout) {
		this.publisher.publishEvent(new MonitorSightChangedEvent(this.source, change));
	}

	@Override
	public String toString() {
		return "spring application event";
	}

}
