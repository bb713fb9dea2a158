package dev.heartbeat.boot.monitor.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.time.HeartbeatClock;

/**
 * What the monitor's consumer owns of the heartbeat topic: which partitions are assigned, which
 * of them wait for their end offset, are being rebuilt ({@link PartitionRebuild}) or are live,
 * and the watermarks committed for the live ones.
 * <p>
 * <b>Assignment.</b> A newly assigned partition is paused and sought to its beginning; once its
 * end offset and watermark are known it is resumed and rebuilt, then live.
 * <p>
 * <b>Revocation.</b> The processes of a revoked or lost partition are forgotten: the engine
 * remembers the partition each process's records really come from, whatever partitioner wrote
 * them.
 * <p>
 * <b>Watermarks.</b> The positions of live partitions are committed every few seconds and before
 * a partition is revoked: invalid records below the watermark were already read by the group.
 * <p>
 * {@link #assignment()} and {@link #isLive()} may be read from any thread; everything else is
 * called on the consumer's thread.
 */
final class PartitionBook {

	// logs under the consumer's name, where users look for what it does
	private static final Logger logger = LoggerFactory.getLogger(HeartbeatConsumer.class);

	private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration REVOKE_COMMIT_TIMEOUT = Duration.ofSeconds(2);

	private static final long COMMIT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

	private final String topic;

	private final RecordIngest ingest;

	private final DeadlineEngine engine;

	private final Runnable afterRebuild;

	private final HeartbeatClock clock;

	private final PartitionListener listener;

	// partitions assigned and paused until their end offset is known
	private final Set<TopicPartition> pending = new HashSet<>();

	private final Map<TopicPartition, PartitionRebuild> rebuilds = new HashMap<>();

	// offsets committed last, per live partition
	private final Map<TopicPartition, Long> committed = new HashMap<>();

	// partitions of the topic, 0 until known
	private int partitionCount;

	private long lastCommitNanos;

	private volatile Set<TopicPartition> assignment = Set.of();

	private volatile boolean rebuilding;

	/**
	 * An empty book.
	 * @param topic the heartbeat topic
	 * @param ingest the ingest path
	 * @param engine the engine, fed by this consumer alone
	 * @param afterRebuild run after a partition was rebuilt
	 * @param clock times commits and rebuilds
	 */
	PartitionBook(String topic, RecordIngest ingest, DeadlineEngine engine, Runnable afterRebuild,
			HeartbeatClock clock) {
		this(topic, ingest, engine, afterRebuild, clock, PartitionListener.NONE);
	}

	/**
	 * An empty book that tells a listener what happens to its partitions.
	 * @param topic the heartbeat topic
	 * @param ingest the ingest path
	 * @param engine the engine, fed by this consumer alone
	 * @param afterRebuild run after a partition was rebuilt
	 * @param clock times commits and rebuilds
	 * @param listener told of rebuilds, revocations and partitions gone
	 */
	PartitionBook(String topic, RecordIngest ingest, DeadlineEngine engine, Runnable afterRebuild,
			HeartbeatClock clock, PartitionListener listener) {
		this.listener = Objects.requireNonNull(listener, "listener");
		this.topic = Objects.requireNonNull(topic, "topic");
		this.ingest = Objects.requireNonNull(ingest, "ingest");
		this.engine = Objects.requireNonNull(engine, "engine");
		this.afterRebuild = Objects.requireNonNull(afterRebuild, "afterRebuild");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.lastCommitNanos = clock.monotonicTime();
	}

	/**
	 * The partition Kafka's default partitioner picks for a keyed record.
	 * @param key the key bytes
	 * @param partitions the number of partitions
	 * @return the partition
	 */
	static int defaultPartition(byte[] key, int partitions) {
		return Utils.toPositive(Utils.murmur2(key)) % partitions;
	}

	/**
	 * The partitions owned now; any thread.
	 * @return the assigned partitions
	 */
	Set<TopicPartition> assignment() {
		return this.assignment;
	}

	/**
	 * Whether every owned partition is rebuilt and live; any thread.
	 * @return whether partitions are owned and none is being rebuilt
	 */
	boolean isLive() {
		return !this.assignment.isEmpty() && !this.rebuilding;
	}

	/**
	 * Partitions were assigned: read each from its beginning once its end offset is known.
	 * @param consumer the consumer
	 * @param partitions the partitions
	 */
	void assigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		Set<TopicPartition> assigned = new HashSet<>(this.assignment);
		assigned.addAll(partitions);
		if (!partitions.isEmpty()) {
			consumer.seekToBeginning(partitions);
			consumer.pause(partitions);
			this.pending.addAll(partitions);
			logger.info("Assigned {}; rebuilding them from the beginning", partitions);
		}
		updateStatus(assigned);
	}

	/**
	 * Partitions are revoked: commit their watermark, then forget their processes.
	 * @param consumer the consumer
	 * @param partitions the partitions
	 */
	void revoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		if (partitions.isEmpty()) {
			return;
		}
		this.listener.revoking(partitions);
		Map<TopicPartition, OffsetAndMetadata> offsets = livePositions(consumer, partitions);
		if (!offsets.isEmpty()) {
			try {
				consumer.commitSync(offsets, REVOKE_COMMIT_TIMEOUT);
			}
			catch (WakeupException ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				logger.debug("Committing the watermark of revoked {} failed: {}", partitions, ex.toString());
			}
		}
		lose(partitions);
		logger.info("Revoked {}; their processes are now another monitor's", partitions);
	}

	/**
	 * Partitions were lost: forget their processes.
	 * @param partitions the partitions
	 */
	void lost(Collection<TopicPartition> partitions) {
		lose(partitions);
		logger.info("Lost {}; their processes are now another monitor's", partitions);
	}

	/**
	 * The consumer is gone: this monitor owns nothing any more, and the engine, fed by this
	 * consumer alone, forgets every process.
	 */
	void clear() {
		this.engine.forgetIf((process) -> true);
		this.listener.gone(this.assignment);
		this.pending.clear();
		this.rebuilds.clear();
		this.committed.clear();
		updateStatus(Set.of());
	}

	/**
	 * Before a poll: start the rebuilds of partitions whose end offset is now known; an empty one
	 * is rebuilt at once, without waiting for a poll to come back empty.
	 * @param consumer the consumer
	 */
	void beforePoll(Consumer<?, ?> consumer) {
		if (!this.pending.isEmpty()) {
			resolvePending(consumer);
			checkRebuilds(consumer);
		}
	}

	/**
	 * Records were polled from a partition: read what is history of a rebuild.
	 * @param partition the partition
	 * @param records its records, in offset order
	 * @return how many of them were history; the ones after those are live
	 */
	int readHistory(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records) {
		PartitionRebuild rebuild = this.rebuilds.get(partition);
		int history = (rebuild != null) ? rebuild.readHistory(records, this.ingest) : 0;
		if (rebuild != null && history < records.size()) {
			finish(partition, rebuild);
		}
		return history;
	}

	/**
	 * After a poll: finish the rebuilds that reached their end, commit the watermarks when due.
	 * @param consumer the consumer
	 */
	void afterPoll(Consumer<?, ?> consumer) {
		if (!this.rebuilds.isEmpty()) {
			checkRebuilds(consumer);
		}
		maybeCommit(consumer);
	}

	private void resolvePending(Consumer<?, ?> consumer) {
		Set<TopicPartition> partitions = new HashSet<>(this.pending);
		try {
			long asOf = this.clock.wallTime();
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, METADATA_TIMEOUT);
			Map<TopicPartition, OffsetAndMetadata> marks = consumer.committed(partitions, METADATA_TIMEOUT);
			List<PartitionInfo> infos = consumer.partitionsFor(this.topic, METADATA_TIMEOUT);
			if (infos != null && !infos.isEmpty()) {
				this.partitionCount = infos.size();
				this.listener.partitions(this.partitionCount);
			}
			Map<TopicPartition, Long> rebuilt = new HashMap<>();
			for (TopicPartition partition : partitions) {
				OffsetAndMetadata mark = marks.get(partition);
				this.rebuilds.put(partition, new PartitionRebuild(partition, ends.getOrDefault(partition, 0L),
						(mark != null) ? mark.offset() : 0, this.clock.monotonicTime(), asOf));
				rebuilt.put(partition, ends.getOrDefault(partition, 0L));
			}
			this.listener.rebuilding(rebuilt, asOf);
			this.pending.removeAll(partitions);
			consumer.resume(partitions);
			logger.debug("Rebuilding {} from the beginning up to offsets {}", partitions, ends);
		}
		catch (WakeupException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			logger.info("Could not read the end offsets of {} yet, will retry: {}", partitions, ex.toString());
		}
	}

	private void checkRebuilds(Consumer<?, ?> consumer) {
		for (Map.Entry<TopicPartition, PartitionRebuild> entry : new ArrayList<>(this.rebuilds.entrySet())) {
			long position;
			try {
				position = consumer.position(entry.getKey(), METADATA_TIMEOUT);
			}
			catch (org.apache.kafka.common.errors.TimeoutException ex) {
				continue;
			}
			if (entry.getValue().isRead(position)) {
				finish(entry.getKey(), entry.getValue());
			}
		}
	}

	private void finish(TopicPartition partition, PartitionRebuild rebuild) {
		this.rebuilds.remove(partition);
		rebuild.finish(this.ingest, this.engine, this.clock, this.listener);
		this.afterRebuild.run();
		updateStatus(this.assignment);
	}

	private void maybeCommit(Consumer<?, ?> consumer) {
		long now = this.clock.monotonicTime();
		if (now - this.lastCommitNanos < COMMIT_INTERVAL_NANOS) {
			return;
		}
		this.lastCommitNanos = now;
		Map<TopicPartition, OffsetAndMetadata> offsets = livePositions(consumer, this.assignment);
		if (!offsets.isEmpty()) {
			consumer.commitAsync(offsets, (done, exception) -> {
				if (exception != null) {
					logger.debug("Committing the heartbeat watermark failed: {}", exception.toString());
				}
				else {
					done.forEach((partition, offset) -> this.committed.put(partition, offset.offset()));
				}
			});
		}
	}

	private Map<TopicPartition, OffsetAndMetadata> livePositions(Consumer<?, ?> consumer,
			Collection<TopicPartition> partitions) {
		Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
		for (TopicPartition partition : partitions) {
			if (this.pending.contains(partition) || this.rebuilds.containsKey(partition)) {
				continue;
			}
			try {
				long position = consumer.position(partition, Duration.ZERO);
				Long last = this.committed.get(partition);
				if (last == null || last != position) {
					offsets.put(partition, new OffsetAndMetadata(position));
				}
			}
			catch (RuntimeException ex) {
				// position unknown right now; the next commit will have it
			}
		}
		return offsets;
	}

	private void lose(Collection<TopicPartition> partitions) {
		forget(partitions);
		Set<TopicPartition> assigned = new HashSet<>(this.assignment);
		assigned.removeAll(partitions);
		updateStatus(assigned);
	}

	private void forget(Collection<TopicPartition> partitions) {
		if (partitions.isEmpty()) {
			return;
		}
		Set<Integer> numbers = new HashSet<>();
		for (TopicPartition partition : partitions) {
			numbers.add(partition.partition());
			this.pending.remove(partition);
			this.rebuilds.remove(partition);
			this.committed.remove(partition);
		}
		// each process is forgotten with the partition its records really come from
		int forgotten = this.engine.forgetPartitions(numbers);
		this.listener.gone(partitions);
		logger.debug("Forgot {} process(es) of revoked partitions {}", forgotten, partitions);
	}

	/**
	 * Whether this monitor owns a partition of the heartbeat topic.
	 * @param partition the partition
	 * @return whether it is assigned here
	 */
	boolean owns(int partition) {
		return partition >= 0 && this.assignment.contains(new TopicPartition(this.topic, partition));
	}

	private void updateStatus(Set<TopicPartition> assigned) {
		this.assignment = Set.copyOf(assigned);
		this.rebuilding = !this.pending.isEmpty() || !this.rebuilds.isEmpty();
	}

}
