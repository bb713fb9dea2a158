package dev.heartbeat.boot.monitor.listener;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What happened to the events of one listener. Thread-safe counters.
 */
public final class DeliveryStats {

	private final AtomicLong delivered = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicLong dropped = new AtomicLong();

	private final AtomicLong errors = new AtomicLong();

	private final AtomicLong timeouts = new AtomicLong();

	/**
	 * Events delivered, possibly after retries.
	 * @return the count
	 */
	public long delivered() {
		return this.delivered.get();
	}

	/**
	 * Events given up after every attempt failed.
	 * @return the count
	 */
	public long failed() {
		return this.failed.get();
	}

	/**
	 * Events never attempted: dropped from a full queue (the oldest goes) or at shutdown.
	 * @return the count
	 */
	public long dropped() {
		return this.dropped.get();
	}

	/**
	 * Attempts that failed with an error.
	 * @return the count
	 */
	public long errors() {
		return this.errors.get();
	}

	/**
	 * Attempts that did not finish within the timeout.
	 * @return the count
	 */
	public long timeouts() {
		return this.timeouts.get();
	}

	void onDelivered(int events) {
		this.delivered.addAndGet(events);
	}

	void onFailed(int events) {
		this.failed.addAndGet(events);
	}

	void onDropped(int events) {
		this.dropped.addAndGet(events);
	}

	void onError() {
		this.errors.incrementAndGet();
	}

	void onTimeout() {
		this.timeouts.incrementAndGet();
	}

	@Override
	public String toString() {
		return "delivered=" + delivered() + ", failed=" + failed() + ", dropped=" + dropped() + ", errors="
				+ errors() + ", timeouts=" + timeouts();
	}

}
