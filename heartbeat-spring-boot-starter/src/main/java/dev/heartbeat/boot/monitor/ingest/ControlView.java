package dev.heartbeat.boot.monitor.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.time.HeartbeatClock;
import dev.heartbeat.core.wire.ControlCommand;
import dev.heartbeat.core.wire.ControlSignature;
import dev.heartbeat.core.wire.WireContract;

/**
 * The run status the monitors want for each process: the latest {@code pause} or {@code resume}
 * on the control topic for the process or for {@code *}, whichever is later.
 * <p>
 * Reads the whole control topic from its beginning on a thread of its own, without a consumer
 * group (it assigns itself every partition, and looks again now and then for new ones). With a
 * secret ({@code heartbeat.control.secret}) only records with a valid {@link ControlSignature}
 * count; there is no freshness window, since an old pause is still the wish of the monitors
 * until a resume follows. A record older than the one already known for its key changes
 * nothing. Thread-safe.
 */
public final class ControlView implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ControlView.class);

	private static final Duration POLL = Duration.ofMillis(200);

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration REFRESH = Duration.ofSeconds(30);

	private static final Duration RETRY = Duration.ofSeconds(1);

	private final String topic;

	private final Supplier<? extends Consumer<String, String>> consumerFactory;

	private final @Nullable ControlSignature signature;

	private final HeartbeatClock clock;

	private final Map<String, Wish> wishes = new ConcurrentHashMap<>();

	private final LongAdder rejected = new LongAdder();

	private final Reading worker;

	/**
	 * A view.
	 * @param topic the control topic
	 * @param consumerFactory creates the consumer, on the view's thread
	 * @param signature verifies records, or {@code null} when control is unauthenticated
	 * @param clock the clock
	 */
	public ControlView(String topic, Supplier<? extends Consumer<String, String>> consumerFactory,
			@Nullable ControlSignature signature, HeartbeatClock clock) {
		this.topic = Objects.requireNonNull(topic, "topic");
		this.consumerFactory = Objects.requireNonNull(consumerFactory, "consumerFactory");
		this.signature = signature;
		this.clock = Objects.requireNonNull(clock, "clock");
		this.worker = new Reading(Sleeper.of(clock));
	}

	/**
	 * The run status wanted for a process.
	 * @param process the process id
	 * @return {@code PAUSED} if the latest command for it or for {@code *} is a pause
	 */
	public RunStatus wanted(String process) {
		Wish own = this.wishes.get(process);
		Wish every = this.wishes.get(WireContract.CONTROL_EVERY_PROCESS);
		Wish latest = (own == null) ? every : (every == null || own.isAfter(every)) ? own : every;
		return (latest != null) ? latest.status() : RunStatus.RUNNING;
	}

	/**
	 * Apply one control record.
	 * @param record the record
	 * @return whether it was taken
	 */
	boolean apply(ConsumerRecord<String, String> record) {
		String key = record.key();
		String value = record.value();
		ControlCommand command = (key != null && value != null) ? ControlCommand.fromValue(value) : null;
		if (command == null || !verified(key, value, record)) {
			this.rejected.increment();
			return false;
		}
		Wish wish = new Wish(command.status(), record.timestamp(), record.partition(), record.offset());
		this.wishes.merge(key, wish, (known, next) -> next.isAfter(known) ? next : known);
		return true;
	}

	private boolean verified(String key, String value, ConsumerRecord<String, String> record) {
		if (this.signature == null) {
			return true;
		}
		Header header = record.headers().lastHeader(WireContract.HEADER_SIGNATURE);
		String signed = (header != null && header.value() != null)
				? new String(header.value(), StandardCharsets.US_ASCII) : null;
		return this.signature.verify(key, value, record.timestamp(), signed);
	}

	/**
	 * How many records were not taken: malformed, unsigned or with a bad signature.
	 * @return the count
	 */
	public long rejected() {
		return this.rejected.sum();
	}

	@Override
	public void start() {
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

	/**
	 * A command for a key, ordered by record time, then by position.
	 */
	private record Wish(RunStatus status, long timestamp, int partition, long offset) {

		boolean isAfter(Wish other) {
			if (this.timestamp != other.timestamp) {
				return this.timestamp > other.timestamp;
			}
			return this.partition == other.partition && this.offset > other.offset;
		}

	}

	/**
	 * The view's thread: one poll a round, on a consumer made in the first round.
	 */
	private final class Reading extends ConsumerWorker<String, String> {

		// the view's thread only
		private Set<TopicPartition> assigned = Set.of();

		// the view's thread only
		private long nextRefresh;

		Reading(Sleeper sleeper) {
			super("heartbeat-ingest-control", Backoff.fixed(RETRY), sleeper);
		}

		@Override
		protected boolean round() throws InterruptedException {
			Consumer<String, String> current = consumer();
			if (current == null) {
				current = use(ControlView.this.consumerFactory.get());
				this.nextRefresh = ControlView.this.clock.monotonicTime();
			}
			if (ControlView.this.clock.monotonicTime() - this.nextRefresh >= 0) {
				refresh(current);
				this.nextRefresh = ControlView.this.clock.monotonicTime()
						+ (this.assigned.isEmpty() ? RETRY : REFRESH).toNanos();
			}
			if (this.assigned.isEmpty()) {
				return pause(RETRY);
			}
			for (ConsumerRecord<String, String> record : current.poll(POLL)) {
				apply(record);
			}
			return true;
		}

		private void refresh(Consumer<String, String> consumer) {
			List<PartitionInfo> partitions = consumer.partitionsFor(ControlView.this.topic, CALL_TIMEOUT);
			Set<TopicPartition> current = new HashSet<>();
			if (partitions != null) {
				partitions.forEach((partition) -> current.add(new TopicPartition(partition.topic(), partition.partition())));
			}
			if (current.equals(this.assigned)) {
				return;
			}
			Set<TopicPartition> added = new HashSet<>(current);
			added.removeAll(this.assigned);
			consumer.assign(current);
			consumer.seekToBeginning(added);
			this.assigned = Set.copyOf(current);
			logger.info("Heartbeat ingest reads {} partition(s) of '{}' for the wanted run status", current.size(),
					ControlView.this.topic);
		}

		@Override
		protected void onRoundFailed(Throwable failure) {
			logger.warn("Heartbeat ingest's control reader on '{}' failed, retrying: {}", ControlView.this.topic,
				failure.toString());
		}

		@Override
		protected void onConsumerClosed() {
			this.assigned = Set.of();
		}

	}

}
