package dev.heartbeat.boot.monitor.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.heartbeat.boot.support.internal.Backoff;
import dev.heartbeat.boot.support.internal.Sleeper;
import dev.heartbeat.boot.support.internal.Worker;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.time.HeartbeatClock;

/**
 * Consumes the heartbeat topic in a consumer group on its own thread and keeps the engine's view
 * of the group's share of processes.
 * <p>
 * <b>Assignment.</b> A newly assigned partition is paused, sought to its beginning and its end
 * offset captured; then its records up to that end are read and, per process, the last valid
 * one is {@linkplain DeadlineEngine#restore restored} silently. Then
 * {@link DeadlineEngine#advance()} reports every process whose deadline passed meanwhile (e.g.
 * DEAD, with its true last beat), and the partition goes live ({@link RecordIngest#apply}).
 * <p>
 * <b>Revocation.</b> The processes of a revoked or lost partition are forgotten: each process
 * belongs to the partition its records really come from. Leaving the group (on {@link #stop})
 * hands the partitions over at once, also with static membership.
 * <p>
 * <b>Sight.</b> Every 0.1 s the end offsets of the live partitions are read; once the consumer
 * has read up to them the partition is seen up to the time of that read, and the engine judges
 * the verdicts it held until then ({@link SightProbe}).
 * <p>
 * <b>Tombstones.</b> As the owner of its partitions it writes, between two polls, the tombstones
 * of the processes the engine forgot ({@link TombstoneWriter}); a tombstone it reads forgets its
 * process ({@link RecordIngest}), and a rebuild does not restore a process whose last record is
 * one ({@link PartitionRebuild}).
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

	// short enough for sight to be measured every SightProbe.INTERVAL_MILLIS
	private static final Duration POLL_TIMEOUT = Duration.ofMillis(SightProbe.INTERVAL_MILLIS);

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

	private static final Backoff RETRY = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));

	private final Supplier<? extends Consumer<byte[], byte[]>> consumerFactory;

	private final String topic;

	private final RecordIngest ingest;

	// the consumer thread only, but for the status it reports
	private final PartitionBook book;

	private final Consuming worker;

	// writes the tombstones of forgotten processes between two polls, or null
	private final TombstoneWriter tombstones;

	// the consumer thread only, but for the lags it reports
	private final SightProbe sight;

	private final List<java.util.function.Consumer<Set<TopicPartition>>> livePartitionListeners =
			new java.util.concurrent.CopyOnWriteArrayList<>();

	/**
	 * A consumer.
	 * @param consumerFactory makes the Kafka consumer (in the group, auto-commit off)
	 * @param topic the heartbeat topic
	 * @param ingest the ingest path
	 * @param engine the engine
	 * @param afterRebuild run after a partition was rebuilt, e.g. to wake the deadline loop
	 * @param clock the clock that times commits, rebuilds and the pauses after failures
	 */
	public HeartbeatConsumer(Supplier<? extends Consumer<byte[], byte[]>> consumerFactory, String topic,
			RecordIngest ingest, DeadlineEngine engine, Runnable afterRebuild, HeartbeatClock clock) {
		this(consumerFactory, topic, ingest, engine, afterRebuild, clock, null, null);
	}

	/**
	 * A consumer that, as the owner of its partitions, writes the tombstones of forgotten
	 * processes, and keeps what its listeners were told in a state store.
	 * @param consumerFactory makes the Kafka consumer (in the group, auto-commit off)
	 * @param topic the heartbeat topic
	 * @param ingest the ingest path
	 * @param engine the engine
	 * @param afterRebuild run after a partition was rebuilt, e.g. to wake the deadline loop
	 * @param clock the clock that times commits, rebuilds, sight and the pauses after failures
	 * @param tombstones writes the tombstones of forgotten processes, or {@code null} for none
	 * @param store where what the listeners were told is kept, or {@code null} for nowhere
	 */
	public HeartbeatConsumer(Supplier<? extends Consumer<byte[], byte[]>> consumerFactory, String topic,
			RecordIngest ingest, DeadlineEngine engine, Runnable afterRebuild, HeartbeatClock clock,
			@Nullable TombstoneWriter tombstones, @Nullable ReportedStateStore store) {
		this.tombstones = tombstones;
		this.consumerFactory = Objects.requireNonNull(consumerFactory, "consumerFactory");
		this.topic = Objects.requireNonNull(topic, "topic");
		this.ingest = Objects.requireNonNull(ingest, "ingest");
		this.sight = new SightProbe(engine, clock, (store != null) ? store : SightCheckpoints.NONE,
				this::liveChanged);
		PartitionListener listener = (store != null) ? PartitionListener.both(store, this.sight) : this.sight;
		this.book = new PartitionBook(topic, ingest, engine, afterRebuild, clock, listener);
		this.worker = new Consuming(Sleeper.of(clock));
	}

	/**
	 * The partition Kafka's default partitioner picks for a keyed record.
	 * @param key the key bytes
	 * @param partitions the number of partitions
	 * @return the partition
	 */
	public static int defaultPartition(byte[] key, int partitions) {
		return PartitionBook.defaultPartition(key, partitions);
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
		return this.book.assignment();
	}

	/**
	 * Whether every owned partition is rebuilt and live.
	 * @return whether the monitor owns partitions and none is being rebuilt
	 */
	public boolean isLive() {
		return this.book.isLive();
	}

	/**
	 * Records behind the end of each live partition, as of the last read of its end offset.
	 * @return the lag per live partition
	 */
	public Map<TopicPartition, Long> lags() {
		return this.sight.lags();
	}

	/**
	 * Why the end offsets cannot be read, which leaves the partitions unseen: the last read failed,
	 * or the one under way has waited for more than a second.
	 * @return the failure, or {@code null} if reads succeed
	 */
	public String sightFailure() {
		return this.sight.lastFailure();
	}

	/**
	 * Be told, on the consumer's thread, the partitions that are rebuilt and judged by sight,
	 * whenever they change (e.g. to register meters per partition).
	 * @param listener told the live partitions
	 */
	public void onLivePartitions(java.util.function.Consumer<Set<TopicPartition>> listener) {
		this.livePartitionListeners.add(Objects.requireNonNull(listener, "listener"));
	}

	private void liveChanged(Set<TopicPartition> live) {
		for (java.util.function.Consumer<Set<TopicPartition>> listener : this.livePartitionListeners) {
			try {
				listener.accept(live);
			}
			catch (RuntimeException ex) {
				logger.warn("A listener of the live partitions failed", ex);
			}
		}
	}

	/**
	 * Whether the consumer thread runs.
	 * @return whether started and not stopped
	 */
	public boolean isRunning() {
		return this.worker.isRunning();
	}

	/**
	 * Start consuming on a thread of its own ({@code heartbeat-monitor-consumer}); returns at once.
	 */
	public void start() {
		this.worker.start();
	}

	/**
	 * Stop consuming: wake the consumer, leave the group and wait for the thread.
	 * @param timeout how long to wait
	 */
	public void stop(Duration timeout) {
		if (!this.worker.stop(timeout)) {
			logger.warn("The heartbeat consumer did not stop within {}", timeout);
		}
	}

	private void pollOnce(Consumer<byte[], byte[]> consumer) {
		this.book.beforePoll(consumer);
		ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
		if (!records.isEmpty()) {
			this.ingest.stats().addConsumed(records.count());
			for (TopicPartition partition : records.partitions()) {
				List<ConsumerRecord<byte[], byte[]>> polled = records.records(partition);
				this.sight.onRecords(partition, polled);
				int history = this.book.readHistory(partition, polled);
				if (history < polled.size()) {
					this.ingest.applyAll(polled.subList(history, polled.size()));
				}
			}
		}
		this.book.afterPoll(consumer);
		if (this.tombstones != null) {
			this.tombstones.write(this.book);
		}
		this.sight.afterPoll(consumer);
	}

	@Override
	public String toString() {
		return "HeartbeatConsumer[" + this.topic + ", assignment=" + assignment() + "]";
	}

	/**
	 * The consumer thread: one poll a round, on a consumer made (and subscribed) when there is none.
	 */
	private final class Consuming extends Worker {

		// written on the consumer thread, read by stop() to wake it up
		private volatile @Nullable Consumer<byte[], byte[]> consumer;

		Consuming(Sleeper sleeper) {
			super("heartbeat-monitor-consumer", RETRY, sleeper);
		}

		@Override
		protected boolean round() {
			Consumer<byte[], byte[]> current = this.consumer;
			if (current == null) {
				current = HeartbeatConsumer.this.consumerFactory.get();
				this.consumer = current;
				if (isStopping()) {
					return false;
				}
				current.subscribe(List.of(HeartbeatConsumer.this.topic), new Rebalance(current));
			}
			pollOnce(current);
			return true;
		}

		@Override
		protected void onFailure(Throwable failure, Duration retryIn) {
			logger.warn("The heartbeat consumer of '{}' failed, starting over in {} ms: {}", HeartbeatConsumer.this.topic,
					retryIn.toMillis(), failure.toString(), failure);
			close();
		}

		@Override
		protected void wakeUp(Thread worker) {
			Consumer<byte[], byte[]> current = this.consumer;
			if (current != null) {
				current.wakeup();
			}
		}

		@Override
		protected void onExit() {
			close();
		}

		private void close() {
			Consumer<byte[], byte[]> current = this.consumer;
			this.consumer = null;
			if (current != null) {
				Thread.interrupted();
				try {
					// leaving the group revokes (and so forgets) the partitions, and hands them over at
					// once even with static membership (which otherwise keeps them for the session)
					current.close(CloseOptions.timeout(CLOSE_TIMEOUT)
						.withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
				}
				catch (Throwable ex) {
					logger.debug("Closing the heartbeat consumer failed", ex);
				}
			}
			// whatever close managed, this monitor owns nothing any more
			HeartbeatConsumer.this.book.clear();
		}

	}

	private final class Rebalance implements ConsumerRebalanceListener {

		private final Consumer<byte[], byte[]> consumer;

		Rebalance(Consumer<byte[], byte[]> consumer) {
			this.consumer = consumer;
		}

		@Override
		public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
			HeartbeatConsumer.this.book.assigned(this.consumer, partitions);
		}

		@Override
		public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
			HeartbeatConsumer.this.book.revoked(this.consumer, partitions);
		}

		@Override
		public void onPartitionsLost(Collection<TopicPartition> partitions) {
			HeartbeatConsumer.this.book.lost(partitions);
		}

	}

}
