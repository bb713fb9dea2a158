package dev.heartbeat.boot.monitor.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.heartbeat.core.monitor.BeatRecord;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.time.HeartbeatClock;

/**
 * Consumes the heartbeat topic in a consumer group on its own thread and keeps the engine's view
 * of the group's share of processes.
 * <p>
 * <b>Assignment.</b> A newly assigned partition is paused, sought to its beginning and its end
 * offset captured; then its records up to that end are read and, per process, the last valid
 * one is {@linkplain DeadlineEngine#restore restored} silently. Only the last one per process:
 * restoring every historic beat would let the deadline loop report deadlines of beats that are
 * already superseded further down the partition. Then {@link DeadlineEngine#advance()} reports
 * every process whose deadline passed meanwhile (e.g. DEAD, with its true last beat), and the
 * partition goes live ({@link RecordIngest#apply}).
 * <p>
 * <b>Revocation.</b> The processes of a revoked or lost partition are forgotten. A process's
 * partition is computed as Kafka's default partitioner does for keyed records
 * ({@code toPositive(murmur2(key)) % partitions}), which costs no memory per process; records
 * found in another partition (a custom partitioner, or partitions added later) are remembered
 * individually, so the mapping stays exact.
 * <p>
 * <b>Offsets.</b> Positions are not needed (every assignment rebuilds from the beginning), but
 * they are committed every few seconds as a watermark: invalid records below it were already read
 * by the group, so a rebuild counts them again but does not copy them to the dead-letter topic a
 * second time.
 * <p>
 * <b>Failures.</b> A missing topic, an unreachable broker or any error just delays: the consumer
 * is closed (its processes forgotten) and made again after a growing pause. Start-up never waits
 * for Kafka.
 */
public final class HeartbeatConsumer {

	private static final Logger logger = LoggerFactory.getLogger(HeartbeatConsumer.class);

	private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

	private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);

	private static final long COMMIT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

	private static final long MIN_RETRY_MILLIS = 200;

	private static final long MAX_RETRY_MILLIS = 30_000;

	private final Supplier<? extends Consumer<byte[], byte[]>> consumerFactory;

	private final String topic;

	private final RecordIngest ingest;

	private final DeadlineEngine engine;

	private final Runnable afterRebuild;

	private final HeartbeatClock clock;

	// consumer thread only: partitions assigned and paused until their end offset is known
	private final Set<TopicPartition> pending = new HashSet<>();

	// consumer thread only: partitions being rebuilt
	private final Map<TopicPartition, Rebuild> rebuilds = new HashMap<>();

	// consumer thread only: processes whose records are not where the default partitioner puts them
	private final Map<String, Integer> misplaced = new HashMap<>();

	// consumer thread only: offsets committed last, per live partition
	private final Map<TopicPartition, Long> committed = new HashMap<>();

	// consumer thread only: partitions of the topic, 0 until known
	private int partitionCount;

	// consumer thread only
	private long lastCommitNanos;

	private final CountDownLatch stopped = new CountDownLatch(1);

	private volatile boolean running;

	private volatile Consumer<byte[], byte[]> current;

	private volatile Set<TopicPartition> assignment = Set.of();

	private volatile boolean rebuilding;

	// guarded by this
	private Thread thread;

	/**
	 * A consumer.
	 * @param consumerFactory makes the Kafka consumer (in the group, auto-commit off)
	 * @param topic the heartbeat topic
	 * @param ingest the ingest path
	 * @param engine the engine
	 * @param afterRebuild run after a partition was rebuilt, e.g. to wake the deadline loop
	 * @param clock the clock that times commits and rebuilds
	 */
	public HeartbeatConsumer(Supplier<? extends Consumer<byte[], byte[]>> consumerFactory, String topic,
			RecordIngest ingest, DeadlineEngine engine, Runnable afterRebuild, HeartbeatClock clock) {
		this.consumerFactory = Objects.requireNonNull(consumerFactory, "consumerFactory");
		this.topic = Objects.requireNonNull(topic, "topic");
		this.ingest = Objects.requireNonNull(ingest, "ingest");
		this.engine = Objects.requireNonNull(engine, "engine");
		this.afterRebuild = Objects.requireNonNull(afterRebuild, "afterRebuild");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.lastCommitNanos = clock.monotonicTime();
	}

	/**
	 * The heartbeat topic.
	 * @return the topic
	 */
	public String topic() {
		return this.topic;
	}

	/**
	 * The partitions this monitor owns now.
	 * @return the assigned partitions
	 */
	public Set<TopicPartition> assignment() {
		return this.assignment;
	}

	/**
	 * Whether every owned partition is rebuilt and live.
	 * @return whether the monitor owns partitions and none is being rebuilt
	 */
	public boolean isLive() {
		return !this.assignment.isEmpty() && !this.rebuilding;
	}

	/**
	 * Whether the consumer thread runs.
	 * @return whether started and not stopped
	 */
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Start consuming on a new thread; returns at once.
	 * @param threadFactory where the thread comes from
	 */
	public synchronized void start(ThreadFactory threadFactory) {
		if (this.thread != null) {
			return;
		}
		this.running = true;
		this.thread = threadFactory.newThread(this::run);
		this.thread.start();
	}

	/**
	 * Stop consuming: wake the consumer, leave the group and wait for the thread.
	 * @param timeout how long to wait
	 */
	public void stop(Duration timeout) {
		Thread stopping;
		synchronized (this) {
			stopping = this.thread;
			this.thread = null;
			this.running = false;
		}
		this.stopped.countDown();
		Consumer<byte[], byte[]> consumer = this.current;
		if (consumer != null) {
			consumer.wakeup();
		}
		if (stopping != null) {
			try {
				stopping.join(timeout.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			if (stopping.isAlive()) {
				logger.warn("The heartbeat consumer did not stop within {}", timeout);
			}
		}
	}

	private void run() {
		long retryMillis = MIN_RETRY_MILLIS;
		while (this.running) {
			Consumer<byte[], byte[]> consumer = null;
			try {
				consumer = this.consumerFactory.get();
				this.current = consumer;
				if (!this.running) {
					break;
				}
				consumer.subscribe(List.of(this.topic), new Rebalance(consumer));
				while (this.running) {
					pollOnce(consumer);
					retryMillis = MIN_RETRY_MILLIS;
				}
			}
			catch (WakeupException ex) {
				// stop() woke us up; the loop condition ends it
			}
			catch (Throwable ex) {
				if (this.running) {
					logger.warn("The heartbeat consumer of '{}' failed, starting over in {} ms: {}", this.topic,
							retryMillis, ex.toString(), ex);
				}
			}
			finally {
				this.current = null;
				close(consumer);
			}
			if (this.running) {
				try {
					this.stopped.await(retryMillis, TimeUnit.MILLISECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				retryMillis = Math.min(retryMillis * 2, MAX_RETRY_MILLIS);
			}
		}
	}

	private void close(Consumer<byte[], byte[]> consumer) {
		if (consumer != null) {
			Thread.interrupted();
			try {
				// leaving the group revokes (and so forgets) the partitions
				consumer.close(Duration.ofSeconds(5));
			}
			catch (Throwable ex) {
				logger.debug("Closing the heartbeat consumer failed", ex);
			}
		}
		// whatever close managed, this monitor owns nothing any more; the engine is fed by this
		// consumer alone, so everything it tracks goes
		this.engine.forgetIf((process) -> true);
		this.pending.clear();
		this.rebuilds.clear();
		this.committed.clear();
		this.misplaced.clear();
		updateStatus(Set.of());
	}

	private void pollOnce(Consumer<byte[], byte[]> consumer) {
		if (!this.pending.isEmpty()) {
			resolvePending(consumer);
			// an empty partition is rebuilt at once, without waiting for a poll to come back empty
			checkRebuilds(consumer);
		}
		ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
		if (!records.isEmpty()) {
			this.ingest.stats().addConsumed(records.count());
			for (TopicPartition partition : records.partitions()) {
				consume(partition, records.records(partition));
			}
		}
		if (!this.rebuilds.isEmpty()) {
			checkRebuilds(consumer);
		}
		maybeCommit(consumer);
	}

	private void consume(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records) {
		Rebuild rebuild = this.rebuilds.get(partition);
		int live = 0;
		if (rebuild != null) {
			// history before the rebuild's end: keep each process's last record
			for (; live < records.size(); live++) {
				ConsumerRecord<byte[], byte[]> record = records.get(live);
				if (record.offset() >= rebuild.end) {
					finish(partition, rebuild);
					break;
				}
				BeatRecord beat = this.ingest.decode(record, record.offset() >= rebuild.watermark);
				if (beat != null) {
					rebuild.latest.put(beat.process(), beat);
				}
				checkPlacement(record);
			}
		}
		if (live < records.size()) {
			List<ConsumerRecord<byte[], byte[]>> liveRecords = records.subList(live, records.size());
			this.ingest.applyAll(liveRecords);
			for (ConsumerRecord<byte[], byte[]> record : liveRecords) {
				checkPlacement(record);
			}
		}
	}

	private void checkPlacement(ConsumerRecord<byte[], byte[]> record) {
		byte[] key = record.key();
		if (key != null && key.length > 0 && this.partitionCount > 0
				&& defaultPartition(key, this.partitionCount) != record.partition()) {
			this.misplaced.put(new String(key, StandardCharsets.UTF_8), record.partition());
		}
	}

	/**
	 * The partition Kafka's default partitioner picks for a keyed record.
	 * @param key the key bytes
	 * @param partitions the number of partitions
	 * @return the partition
	 */
	public static int defaultPartition(byte[] key, int partitions) {
		return Utils.toPositive(Utils.murmur2(key)) % partitions;
	}

	private void resolvePending(Consumer<byte[], byte[]> consumer) {
		Set<TopicPartition> partitions = new HashSet<>(this.pending);
		try {
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, METADATA_TIMEOUT);
			Map<TopicPartition, OffsetAndMetadata> marks = consumer.committed(partitions, METADATA_TIMEOUT);
			List<PartitionInfo> infos = consumer.partitionsFor(this.topic, METADATA_TIMEOUT);
			if (infos != null && !infos.isEmpty()) {
				this.partitionCount = infos.size();
			}
			for (TopicPartition partition : partitions) {
				OffsetAndMetadata mark = marks.get(partition);
				long end = ends.getOrDefault(partition, 0L);
				this.rebuilds.put(partition, new Rebuild(end, (mark != null) ? mark.offset() : 0, this.clock.monotonicTime()));
			}
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

	private void checkRebuilds(Consumer<byte[], byte[]> consumer) {
		for (Map.Entry<TopicPartition, Rebuild> entry : new ArrayList<>(this.rebuilds.entrySet())) {
			long position;
			try {
				position = consumer.position(entry.getKey(), METADATA_TIMEOUT);
			}
			catch (org.apache.kafka.common.errors.TimeoutException ex) {
				continue;
			}
			if (position >= entry.getValue().end) {
				finish(entry.getKey(), entry.getValue());
			}
		}
	}

	private void finish(TopicPartition partition, Rebuild rebuild) {
		this.rebuilds.remove(partition);
		for (BeatRecord beat : rebuild.latest.values()) {
			this.ingest.restore(beat);
		}
		this.ingest.stats().addRestored(rebuild.latest.size());
		int events = this.engine.advance();
		this.afterRebuild.run();
		updateStatus(this.assignment);
		logger.info("Rebuilt {} process(es) of {} up to offset {} in {} ms; {} event(s) for deadlines passed meanwhile",
				rebuild.latest.size(), partition, rebuild.end,
				TimeUnit.NANOSECONDS.toMillis(this.clock.monotonicTime() - rebuild.startNanos), events);
		rebuild.latest.clear();
	}

	private void maybeCommit(Consumer<byte[], byte[]> consumer) {
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

	private Map<TopicPartition, OffsetAndMetadata> livePositions(Consumer<byte[], byte[]> consumer,
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
		int count = this.partitionCount;
		int forgotten = 0;
		if (count > 0) {
			forgotten = this.engine.forgetIf((process) -> numbers.contains(partitionOf(process, count)));
		}
		this.misplaced.values().removeIf(numbers::contains);
		logger.debug("Forgot {} process(es) of revoked partitions {}", forgotten, partitions);
	}

	private int partitionOf(String process, int count) {
		Integer partition = this.misplaced.get(process);
		return (partition != null) ? partition : defaultPartition(process.getBytes(StandardCharsets.UTF_8), count);
	}

	private void updateStatus(Set<TopicPartition> assigned) {
		this.assignment = Set.copyOf(assigned);
		this.rebuilding = !this.pending.isEmpty() || !this.rebuilds.isEmpty();
	}

	@Override
	public String toString() {
		return "HeartbeatConsumer[" + this.topic + ", assignment=" + this.assignment + "]";
	}

	private final class Rebalance implements ConsumerRebalanceListener {

		private final Consumer<byte[], byte[]> consumer;

		Rebalance(Consumer<byte[], byte[]> consumer) {
			this.consumer = consumer;
		}

		@Override
		public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
			Set<TopicPartition> assigned = new HashSet<>(HeartbeatConsumer.this.assignment);
			assigned.addAll(partitions);
			if (!partitions.isEmpty()) {
				this.consumer.seekToBeginning(partitions);
				this.consumer.pause(partitions);
				HeartbeatConsumer.this.pending.addAll(partitions);
				logger.info("Assigned {}; rebuilding them from the beginning", partitions);
			}
			updateStatus(assigned);
		}

		@Override
		public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
			if (partitions.isEmpty()) {
				return;
			}
			Map<TopicPartition, OffsetAndMetadata> offsets = livePositions(this.consumer, partitions);
			if (!offsets.isEmpty()) {
				try {
					this.consumer.commitSync(offsets, Duration.ofSeconds(2));
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

		@Override
		public void onPartitionsLost(Collection<TopicPartition> partitions) {
			lose(partitions);
			logger.info("Lost {}; their processes are now another monitor's", partitions);
		}

		private void lose(Collection<TopicPartition> partitions) {
			forget(partitions);
			Set<TopicPartition> assigned = new HashSet<>(HeartbeatConsumer.this.assignment);
			assigned.removeAll(partitions);
			updateStatus(assigned);
		}

	}

	private static final class Rebuild {

		final long end;

		final long watermark;

		final long startNanos;

		final Map<String, BeatRecord> latest = new HashMap<>();

		Rebuild(long end, long watermark, long startNanos) {
			this.end = end;
			this.watermark = watermark;
			this.startNanos = startNanos;
		}

	}

}
