package dev.heartbeat.boot.monitor.listener;

import dev.heartbeat.core.monitor.StateChange;

/**
 * Told when every listener an event went to is done with it, e.g. to keep what the listeners
 * were told ({@link ListenerDispatcher#deliveries}). Called on the dispatching thread
 * ({@link #offered}) and on the listeners' threads; must be quick.
 */
public interface DeliveryListener {

	/**
	 * Told nothing.
	 */
	DeliveryListener NONE = new DeliveryListener() {
	};

	/**
	 * An event is about to go to its listeners.
	 * @param change the event
	 */
	default void offered(StateChange change) {
	}

	/**
	 * Every listener the event went to delivered it, or gave up on it after its retries (none, if
	 * no listener took it).
	 * @param change the event
	 */
	default void delivered(StateChange change) {
	}

	/**
	 * A listener dropped the event without trying it to the end: its queue was full, or the
	 * monitor stopped first.
	 * @param change the event
	 */
	default void dropped(StateChange change) {
	}

}
