package dev.heartbeat.boot.beat.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

import dev.heartbeat.boot.support.internal.Backoff;
import dev.heartbeat.boot.support.internal.ConsumerWorker;
import dev.heartbeat.boot.support.internal.Sleeper;
import dev.heartbeat.core.status.StatusTracker;
import dev.heartbeat.core.time.HeartbeatClock;
import dev.heartbeat.core.wire.ControlCommand;
import dev.heartbeat.core.wire.ControlGate;
import dev.heartbeat.core.wire.ControlVerdict;
import dev.heartbeat.core.wire.WireContract;

/**
 * Listens on the control topic and applies {@code pause} / {@code resume} addressed to this
 * process (or {@code *}) to the status tracker.
 * <ul>
 * <li>Every instance must see every record, so there is no consumer group: the listener assigns
 * itself all partitions of the topic, and looks again now and then for new partitions or for the
 * topic to appear.</li>
 * <li>Only records written after the listener started count: each partition starts at the first
 * record whose timestamp is not older than the start (or at its end).</li>
 * <li>It runs on a thread of its own, never on the start-up thread; a broker that is down or a
 * topic that does not exist yet only delays it.</li>
 * <li>Each record is judged by core's {@link ControlGate}; rejected records (unsigned, forged,
 * stale, replayed, malformed) change nothing, are counted per reason and logged at WARN at most
 * once per reason every {@value #WARN_EVERY_SECONDS} seconds.</li>
 * </ul>
 */
public final class KafkaControlListener implements SmartLifecycle {

	/**
	 * The source of status changes made by this listener.
	 */
	public static final String SOURCE = "control-topic";

	static final int WARN_EVERY_SECONDS = 10;

	private static final Logger logger = LoggerFactory.getLogger(KafkaControlListener.class);

	private static final Duration POLL = Duration.ofMillis(500);

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration REFRESH_WHILE_UNASSIGNED = Duration.ofSeconds(1);

	private static final Duration REFRESH = Duration.ofSeconds(30);

	private final String topic;

	private final Supplier<? extends Consumer<String, String>> consumerFactory;

	private final ControlGate gate;

	private final StatusTracker tracker;

	private final HeartbeatClock clock;

	private final Map<ControlVerdict, LongAdder> rejected = new EnumMap<>(ControlVerdict.class);

	// read and written on the listener thread only; the null key stands for failures of the loop
	private final Map<@Nullable ControlVerdict, Long> lastWarnedNanos = new HashMap<>();

	private final LongAdder accepted = new LongAdder();

	private final Listening worker;

	// written on the listener thread, read for stats
	private volatile Set<TopicPartition> assigned = Set.of();

	/**
	 * Create a listener.
	 * @param topic the control topic
	 * @param consumerFactory creates the consumer, on the listener's thread
	 * @param gate judges each record
	 * @param tracker where accepted commands go
	 * @param clock the clock
	 */
	public KafkaControlListener(String topic, Supplier<? extends Consumer<String, String>> consumerFactory,
			ControlGate gate, StatusTracker tracker, HeartbeatClock clock) {
		this.topic = Objects.requireNonNull(topic, "topic");
		this.consumerFactory = Objects.requireNonNull(consumerFactory, "consumerFactory");
		this.gate = Objects.requireNonNull(gate, "gate");
		this.tracker = Objects.requireNonNull(tracker, "tracker");
		this.clock = Objects.requireNonNull(clock, "clock");
		for (ControlVerdict verdict : ControlVerdict.values()) {
			if (verdict.isRejected()) {
				this.rejected.put(verdict, new LongAdder());
			}
		}
		this.worker = new Listening(Sleeper.of(clock));
	}

	@Override
	public synchronized void start() {
		if (this.worker.isRunning()) {
			return;
		}
		if (!this.gate.isAuthenticated()) {
			logger.warn("Heartbeat control messages on topic '{}' are unauthenticated: anyone who can write to it "
					+ "can pause this process. Set heartbeat.control.secret (at least 32 bytes) to require signed "
					+ "messages.", this.topic);
		}
		this.worker.since = this.clock.wallTime();
		this.worker.start();
	}

	@Override
	public void stop() {
		this.worker.stop(CALL_TIMEOUT.plusSeconds(2));
	}

	@Override
	public boolean isRunning() {
		return this.worker.isRunning();
	}

	private void refreshAssignment(Consumer<String, String> consumer, long since) {
		List<PartitionInfo> partitions = consumer.partitionsFor(this.topic, CALL_TIMEOUT);
		Set<TopicPartition> current = new HashSet<>();
		if (partitions != null) {
			for (PartitionInfo partition : partitions) {
				current.add(new TopicPartition(partition.topic(), partition.partition()));
			}
		}
		if (current.equals(this.assigned)) {
			return;
		}
		Set<TopicPartition> added = new HashSet<>(current);
		added.removeAll(this.assigned);
		consumer.assign(current);
		if (!added.isEmpty()) {
			// the end offsets first: a record written between the two lookups (the pause that created
			// the topic, say) lies at or after them, where a lazy seekToEnd would skip it
			Map<TopicPartition, Long> ends = consumer.endOffsets(added, CALL_TIMEOUT);
			Map<TopicPartition, Long> query = new HashMap<>();
			added.forEach((partition) -> query.put(partition, since));
			Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(query, CALL_TIMEOUT);
			for (TopicPartition partition : added) {
				OffsetAndTimestamp offset = offsets.get(partition);
				consumer.seek(partition, (offset != null) ? offset.offset() : ends.get(partition));
			}
		}
		// only once positioned: after a failed lookup the next refresh positions them again
		this.assigned = Set.copyOf(current);
		if (!added.isEmpty()) {
			logger.info("Heartbeat control listener reads {} partition(s) of '{}'", current.size(), this.topic);
		}
	}

	void handle(ConsumerRecord<String, String> record) {
		Header header = record.headers().lastHeader(WireContract.HEADER_SIGNATURE);
		String signature = (header != null && header.value() != null)
				? new String(header.value(), StandardCharsets.UTF_8) : null;
		ControlVerdict verdict = this.gate.judge(record.key(), record.value(), record.timestamp(), signature);
		if (verdict == ControlVerdict.ACCEPTED) {
			this.accepted.increment();
			ControlCommand command = ControlCommand.fromValue(record.value());
			boolean changed = this.tracker.apply(command.status(), SOURCE);
			logger.info("Heartbeat control '{}' for '{}' accepted{}", record.value(), record.key(),
					changed ? "" : " (status unchanged)");
		}
		else if (verdict.isRejected()) {
			this.rejected.get(verdict).increment();
			warn(verdict, "Heartbeat control record rejected ({}): key '{}', value '{}', offset {} of {}", verdict,
					printable(record.key()), printable(record.value()), record.offset(), record.partition());
		}
	}

	private void warn(@Nullable ControlVerdict reason, String message, Object... arguments) {
		long now = this.clock.monotonicTime();
		Long last = this.lastWarnedNanos.get(reason);
		if (last == null || now - last >= TimeUnit.SECONDS.toNanos(WARN_EVERY_SECONDS)) {
			this.lastWarnedNanos.put(reason, now);
			logger.warn(message, arguments);
		}
		else {
			logger.debug(message, arguments);
		}
	}

	private static String printable(@Nullable String text) {
		if (text == null) {
			return "null";
		}
		String shortened = (text.length() > 64) ? text.substring(0, 64) + "..." : text;
		return dev.heartbeat.core.beat.BeatCodec.escape(shortened);
	}

	/**
	 * How many records were rejected for a reason.
	 * @param reason a rejecting verdict
	 * @return the count, 0 for verdicts that do not reject
	 */
	public long rejected(ControlVerdict reason) {
		LongAdder count = this.rejected.get(reason);
		return (count != null) ? count.sum() : 0;
	}

	/**
	 * How many records were rejected in all.
	 * @return the count
	 */
	public long rejectedTotal() {
		return this.rejected.values().stream().mapToLong(LongAdder::sum).sum();
	}

	/**
	 * How many records were accepted and applied.
	 * @return the count
	 */
	public long accepted() {
		return this.accepted.sum();
	}

	/**
	 * The partitions read now.
	 * @return the partitions, empty until the topic was found
	 */
	public Set<TopicPartition> assignedPartitions() {
		return this.assigned;
	}

	/**
	 * The control topic.
	 * @return the topic
	 */
	public String topic() {
		return this.topic;
	}

	/**
	 * The listener's thread: one poll a round, on a consumer made in the first round.
	 */
	private final class Listening extends ConsumerWorker<String, String> {

		// written by start() before the thread starts: records older than this do not count
		long since;

		// the listener's thread only
		private long nextRefresh;

		Listening(Sleeper sleeper) {
			super("heartbeat-control", Backoff.fixed(REFRESH_WHILE_UNASSIGNED), sleeper);
		}

		@Override
		protected boolean round() throws InterruptedException {
			HeartbeatClock clock = KafkaControlListener.this.clock;
			Consumer<String, String> current = consumer();
			if (current == null) {
				try {
					current = KafkaControlListener.this.consumerFactory.get();
				}
				catch (RuntimeException ex) {
					logger.error("Could not create the heartbeat control consumer; pause and resume over Kafka are off",
							ex);
					return false;
				}
				use(current);
				this.nextRefresh = clock.monotonicTime();
			}
			if (clock.monotonicTime() - this.nextRefresh >= 0) {
				refreshAssignment(current, this.since);
				this.nextRefresh = clock.monotonicTime()
						+ (KafkaControlListener.this.assigned.isEmpty() ? REFRESH_WHILE_UNASSIGNED : REFRESH).toNanos();
			}
			if (KafkaControlListener.this.assigned.isEmpty()) {
				return pause(REFRESH_WHILE_UNASSIGNED);
			}
			for (ConsumerRecord<String, String> record : current.poll(POLL)) {
				handle(record);
			}
			return true;
		}

		@Override
		protected void onRoundFailed(Throwable failure) {
			warn(null, "Heartbeat control listener on '{}' failed, retrying: {}", KafkaControlListener.this.topic,
					failure.toString());
		}

		@Override
		protected void onConsumerClosed() {
			// a new consumer, if started again, is assigned afresh
			KafkaControlListener.this.assigned = Set.of();
		}

	}

}
