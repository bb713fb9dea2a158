package dev.heartbeat.boot.monitor.listener;

import java.time.Duration;

import dev.heartbeat.core.monitor.SightChange;
import dev.heartbeat.core.monitor.StateChange;

/**
 * Where a listener sends an event: one small interface, one implementation per transport (log,
 * HTTP, Kafka). A sink only does I/O; matching, queueing, timeouts and retries are the
 * {@link ListenerChannel}'s.
 */
public interface EventSink extends AutoCloseable {

	/**
	 * Send one event, or throw.
	 * @param change the state change
	 * @param values its placeholder values
	 * @param timeout how long the attempt may take; the channel abandons (interrupts) it after
	 * that anyway, so a sink should use it for its own I/O timeouts
	 * @throws Exception if the event was not delivered
	 */
	void send(StateChange change, EventValues values, Duration timeout) throws Exception;

	/**
	 * Send a change of the monitor's sight ({@code monitor.blind}, {@code monitor.sighted}), or
	 * throw. By default as a state change without one: the sinks that fill in templates need the
	 * values only.
	 * @param change the change of sight
	 * @param values its placeholder values
	 * @param timeout how long the attempt may take
	 * @throws Exception if the event was not delivered
	 */
	default void send(SightChange change, EventValues values, Duration timeout) throws Exception {
		send((StateChange) null, values, timeout);
	}

	/**
	 * Release what the sink holds. Does nothing by default.
	 */
	@Override
	default void close() {
	}

}
