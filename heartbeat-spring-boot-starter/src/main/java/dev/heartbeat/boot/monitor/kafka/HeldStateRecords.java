package dev.heartbeat.boot.monitor.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.heartbeat.core.monitor.ReportedState;

/**
 * The state records a monitor may not find in the state topic when the group gives it back a
 * partition it just lost: those it could not write because the partition was no longer its own
 * when their turn came (an event delivered in the moment the group took the partition away), and,
 * once the partition is gone, those it wrote in the last {@value #RECENT_SECONDS} seconds (which
 * may not have reached the broker yet) and those of events still on their way to the listeners.
 * They are held by partition and key, at most {@value #LIMIT}. Should the partition come back, its
 * rebuild takes them as what was told, unless the state topic holds a newer record of their
 * process. Records are held from any thread and taken on the consumer's.
 */
final class HeldStateRecords implements StateWriter.Refused {

	// logs under the consumer's name, where users look for what it does
	private static final Logger logger = LoggerFactory.getLogger(HeartbeatConsumer.class);

	static final int LIMIT = 100_000;

	static final int RECENT_SECONDS = 30;

	private static final long RECENT_NANOS = TimeUnit.SECONDS.toNanos(RECENT_SECONDS);

	// a partition's recent records are pruned of the old ones when they grow past this
	private static final int RECENT_PRUNE_AT = 1_024;

	private final String group;

	private final Map<Integer, Map<String, String>> held = new ConcurrentHashMap<>();

	private final AtomicInteger count = new AtomicInteger();

	// the records written of partitions owned, by partition and key, with when
	private final Map<Integer, Map<String, Recent>> recent = new ConcurrentHashMap<>();

	/**
	 * Records of one group of monitors.
	 * @param group the monitors' consumer group, whose records these are
	 */
	HeldStateRecords(String group) {
		this.group = group;
	}

	@Override
	public void refused(int partition, String key, String value) {
		Map<String, String> ofPartition = this.held.computeIfAbsent(partition, (number) -> new ConcurrentHashMap<>());
		if (value == null || StateRecords.reported(value) == null) {
			// a tombstone (or a checkpoint, which the next rebuild does not need): nothing to hold
			if (ofPartition.remove(key) != null) {
				this.count.decrementAndGet();
			}
			return;
		}
		if (this.count.get() >= LIMIT && !ofPartition.containsKey(key)) {
			logger.debug("Too many records held for partitions not owned: not holding the one of {}", key);
			return;
		}
		if (ofPartition.put(key, value) == null) {
			this.count.incrementAndGet();
		}
	}

	/**
	 * A record written for a partition owned: remembered for a while, should the partition be lost.
	 * @param partition the heartbeat partition
	 * @param key the key
	 * @param value the value, {@code null} for a tombstone
	 * @param now the monotonic time, nanoseconds
	 */
	void written(int partition, String key, String value, long now) {
		Map<String, Recent> ofPartition = this.recent.computeIfAbsent(partition, (number) -> new ConcurrentHashMap<>());
		if (value == null || StateRecords.reported(value) == null) {
			ofPartition.remove(key);
			return;
		}
		ofPartition.put(key, new Recent(value, now));
		if (ofPartition.size() > RECENT_PRUNE_AT) {
			ofPartition.values().removeIf((written) -> now - written.at() > RECENT_NANOS);
		}
	}

	/**
	 * A partition is gone: hold the records written for it lately, which its next rebuild may not
	 * find in the state topic yet.
	 * @param partition the heartbeat partition
	 * @param now the monotonic time, nanoseconds
	 */
	void gone(int partition, long now) {
		Map<String, Recent> ofPartition = this.recent.remove(partition);
		if (ofPartition != null) {
			ofPartition.forEach((key, written) -> {
				if (now - written.at() <= RECENT_NANOS) {
					refused(partition, key, written.value());
				}
			});
		}
	}

	/**
	 * Take the records held of a partition whose state was just read: each wins over what was read
	 * of its process unless that is newer.
	 * @param partition the heartbeat partition
	 * @param told what was read of its processes, by process; the winners are put in it
	 * @return the winning records, by key, to write once the partition is owned again
	 */
	Map<String, String> take(int partition, Map<String, ReportedState> told) {
		Map<String, String> ofPartition = this.held.remove(partition);
		if (ofPartition == null) {
			return Map.of();
		}
		this.count.addAndGet(-ofPartition.size());
		Map<String, String> won = new HashMap<>();
		ofPartition.forEach((key, value) -> {
			String name = StateRecords.name(this.group, key);
			ReportedState reported = StateRecords.reported(value);
			ReportedState kept = (name != null) ? told.get(name) : null;
			if (name != null && reported != null && (kept == null || reported.at().isAfter(kept.at()))) {
				told.put(name, reported);
				won.put(key, value);
			}
		});
		if (!won.isEmpty()) {
			logger.debug("Took {} record(s) of partition {} held while it was not owned", won.size(), partition);
		}
		return won;
	}

	/**
	 * How many records are held.
	 * @return the count
	 */
	int count() {
		return this.count.get();
	}

	private record Recent(String value, long at) {
	}

}
