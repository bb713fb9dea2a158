package dev.heartbeat.boot.monitor.listener;

import java.time.Duration;

import dev.heartbeat.core.monitor.MonitorEvent;

/**
 * Where a listener sends an event: one small interface, one implementation per transport (log,
 * HTTP, Kafka, and the notifiers of {@code boot.monitor.notify}). A sink only does I/O; matching,
 * queueing, digests, timeouts and retries are the {@link ListenerChannel}'s.
 * <p>
 * A bean that implements it is a listener too, named after its bean and delivered to like the
 * configured ones ({@code heartbeat.monitor.listeners.<bean name>.*} sets its routing, queue,
 * timeout, retries and digest). The monitor never closes a bean; Spring does.
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
	 * Send the events of a digest window as one message, or throw. By default each is sent in
	 * turn with {@link #send(MonitorEvent, EventValues, Duration)}; sinks that can list events in
	 * one message override it.
	 * @param digest the events, in the order they arrived
	 * @param timeout how long the whole attempt may take
	 * @throws Exception if the digest was not delivered
	 */
	default void send(Digest digest, Duration timeout) throws Exception {
		for (Digest.Entry entry : digest.entries()) {
			send(entry.event(), entry.values(), timeout);
		}
	}

	/**
	 * Release what the sink holds. Does nothing by default.
	 */
	@Override
	default void close() {
	}

}
