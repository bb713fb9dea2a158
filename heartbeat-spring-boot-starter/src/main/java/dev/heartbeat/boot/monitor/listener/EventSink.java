package dev.heartbeat.boot.monitor.listener;

import java.time.Duration;

import dev.heartbeat.core.monitor.MonitorEvent;

/**
 * Where a listener sends an event: one small interface, one implementation per transport (log,
 * HTTP, Kafka). A sink only does I/O; matching, queueing, timeouts and retries are the
 * {@link ListenerChannel}'s.
 */
public interface EventSink extends AutoCloseable {

	/**
	 * Send one event, or throw.
	 * @param event the event: a process's {@code StateChange} or an app's {@code AppStateChange}
	 * @param values its placeholder values
	 * @param timeout how long the attempt may take; the channel abandons (interrupts) it after
	 * that anyway, so a sink should use it for its own I/O timeouts
	 * @throws Exception if the event was not delivered
	 */
	void send(MonitorEvent event, EventValues values, Duration timeout) throws Exception;

	/**
	 * Release what the sink holds. Does nothing by default.
	 */
	@Override
	default void close() {
	}

}
