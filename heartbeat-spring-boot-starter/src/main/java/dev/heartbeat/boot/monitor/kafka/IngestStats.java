package dev.heartbeat.boot.monitor.kafka;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counters of the records the monitor read. Thread-safe; written by the consumer thread, read by
 * meters and tests.
 */
public final class IngestStats {

	private static final InvalidReason[] REASONS = InvalidReason.values();

	private final AtomicLong consumed = new AtomicLong();

	private final AtomicLong stale = new AtomicLong();

	private final AtomicLong restored = new AtomicLong();

	private final AtomicLong tombstones = new AtomicLong();

	private final AtomicLongArray invalid = new AtomicLongArray(REASONS.length);

	/**
	 * Records read from the heartbeat topic, valid or not, live or during a rebuild.
	 * @return the count
	 */
	public long consumed() {
		return this.consumed.get();
	}

	/**
	 * Valid records the engine ignored as out of order or duplicate.
	 * @return the count
	 */
	public long stale() {
		return this.stale.get();
	}

	/**
	 * Processes restored from the topic after a partition was assigned.
	 * @return the count
	 */
	public long restored() {
		return this.restored.get();
	}

	/**
	 * Tombstones read (records without a value, each forgetting its process), live or during a
	 * rebuild.
	 * @return the count
	 */
	public long tombstones() {
		return this.tombstones.get();
	}

	/**
	 * Invalid records with a reason.
	 * @param reason the reason
	 * @return the count
	 */
	public long invalid(InvalidReason reason) {
		return this.invalid.get(reason.ordinal());
	}

	/**
	 * Invalid records of all reasons.
	 * @return the count
	 */
	public long invalid() {
		long total = 0;
		for (int i = 0; i < REASONS.length; i++) {
			total += this.invalid.get(i);
		}
		return total;
	}

	/**
	 * Invalid records per reason, every reason included.
	 * @return the counts
	 */
	public Map<InvalidReason, Long> invalidByReason() {
		Map<InvalidReason, Long> counts = new EnumMap<>(InvalidReason.class);
		for (InvalidReason reason : REASONS) {
			counts.put(reason, invalid(reason));
		}
		return counts;
	}

	void addConsumed(long count) {
		this.consumed.addAndGet(count);
	}

	void addRestored(long count) {
		this.restored.addAndGet(count);
	}

	void onTombstone() {
		this.tombstones.incrementAndGet();
	}

	void onStale() {
		this.stale.incrementAndGet();
	}

	/**
	 * Count an invalid record.
	 * @param reason the reason
	 * @return the new count of that reason
	 */
	long onInvalid(InvalidReason reason) {
		return this.invalid.incrementAndGet(reason.ordinal());
	}

}
