package dev.heartbeat.boot.monitor.listener;

import java.util.concurrent.atomic.AtomicInteger;

import dev.heartbeat.core.monitor.StateChange;

/**
 * Counts down the channels one event went to, and tells a {@link DeliveryListener} once all are
 * done with it. Thread-safe.
 */
final class Completion {

	private final StateChange change;

	private final DeliveryListener listener;

	private final AtomicInteger remaining;

	private volatile boolean dropped;

	Completion(StateChange change, DeliveryListener listener, int channels) {
		this.change = change;
		this.listener = listener;
		this.remaining = new AtomicInteger(channels);
	}

	/**
	 * One channel is done with the event.
	 * @param tried whether it delivered the event or gave up after its retries; {@code false} if it
	 * dropped it untried
	 */
	void done(boolean tried) {
		if (!tried) {
			this.dropped = true;
		}
		if (this.remaining.decrementAndGet() == 0) {
			if (this.dropped) {
				this.listener.dropped(this.change);
			}
			else {
				this.listener.delivered(this.change);
			}
		}
	}

}
