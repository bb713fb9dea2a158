package dev.heartbeat.boot.monitor.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.heartbeat.core.monitor.ReportedState;

/**
 * The state records a monitor could not write because their heartbeat partition was no longer
 * its own when their turn came (an event delivered in the moment the group took the partition
 * away), by partition and key, at most {@value #LIMIT}. Should the partition come back, its rebuild
 * takes them as what was told, unless the state topic holds a newer record of their process.
 * Records are held from the writer's thread and taken on the consumer's.
 */
final class HeldStateRecords implements StateWriter.Refused {

	// logs under the consumer's name, where users look for what it does
	private static final Logger logger = LoggerFactory.getLogger(HeartbeatConsumer.class);

	static final int LIMIT = 100_000;

	private final String group;

	private final Map<Integer, Map<String, String>> held = new ConcurrentHashMap<>();

	private final AtomicInteger count = new AtomicInteger();

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

}
