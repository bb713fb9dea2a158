package dev.heartbeat.boot.monitor.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.heartbeat.boot.monitor.listener.DeliveryListener;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.monitor.MonitorListener;
import dev.heartbeat.core.monitor.ReportedState;
import dev.heartbeat.core.monitor.StateChange;
import dev.heartbeat.core.time.HeartbeatClock;

/**
 * What the listeners were told about each process, kept in a compacted topic of Kafka's own so
 * that a monitor taking over a partition (after a restart, a crash or a rebalance) repeats no
 * event its predecessor delivered, and reports once a process that died while no monitor ran.
 * <p>
 * <b>Writing.</b> The owner of a heartbeat partition writes one record per process, keyed by its
 * id, to the state partition of the same number (modulo the state topic's partitions), once every
 * listener an event went to is done with it ({@link DeliveryListener}); an event dropped by a
 * stopping monitor is not written, so the next owner sends it. A snooze is written when it is set
 * (or with the event then on its way), a forgotten process gets a tombstone, and every few
 * seconds and before it is revoked the owner notes up to when it saw the partition
 * ({@link SightCheckpoints}). Only partitions owned and live are written to, so a monitor that
 * lost a partition cannot overwrite what its new owner writes.
 * <p>
 * <b>Reading.</b> When a heartbeat partition is assigned, its state partition is read to its end
 * before the rebuild, and once the beats are restored what the listeners were told is restored
 * with them ({@link DeadlineEngine#restoreReported}); records of processes no longer in the
 * heartbeat partition are removed.
 * <p>
 * <b>Guarantee.</b> At least once: an event being delivered when its monitor dies (or whose
 * record had not reached the broker) is sent once more by the next owner, then written; it is
 * never lost silently.
 * <p>
 * The consumer-side methods run on the consumer's thread; the listener methods on any thread.
 */
public final class ReportedStateStore
		implements MonitorListener, DeliveryListener, PartitionListener, SightCheckpoints, AutoCloseable {

	// logs under the consumer's name, where users look for what it does
	private static final Logger logger = LoggerFactory.getLogger(HeartbeatConsumer.class);

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration POLL = Duration.ofMillis(200);

	// how long a revocation waits, in steps, for the events of its partitions on their way
	private static final long REVOKE_WAIT_STEP_MILLIS = 50;

	private static final int REVOKE_WAIT_STEPS = 40;

	private final String topic;

	private final String group;

	private final DeadlineEngine engine;

	private final StateTopic stateTopic;

	private final Supplier<? extends Consumer<String, String>> readerFactory;

	private final Supplier<? extends Producer<String, String>> producer;

	private final HeartbeatClock clock;

	// the state topic's partitions, 0 while unknown (nothing is read or written then)
	private volatile int statePartitions;

	// heartbeat partitions owned and live: the only ones written to
	private final Set<Integer> owned = ConcurrentHashMap.newKeySet();

	// the newest event of a process on its way to the listeners
	private final Map<String, StateChange> inFlight = new ConcurrentHashMap<>();

	// consumer thread: read when a partition is assigned, restored once it is rebuilt
	private final Map<Integer, Map<String, ReportedState>> toRestore = new HashMap<>();

	private final Map<Integer, Checkpoint> checkpoints = new HashMap<>();

	// consumer thread
	private Consumer<String, String> reader;

	/**
	 * A store.
	 * @param topic the state topic
	 * @param group the monitors' consumer group, whose records these are
	 * @param engine the engine whose listeners' reports are kept
	 * @param stateTopic finds (and creates) the state topic
	 * @param readerFactory makes the consumer that reads the state topic (no group)
	 * @param producer the producer that writes it
	 * @param clock times the records
	 */
	public ReportedStateStore(String topic, String group, DeadlineEngine engine, StateTopic stateTopic,
			Supplier<? extends Consumer<String, String>> readerFactory, Supplier<? extends Producer<String, String>> producer,
			HeartbeatClock clock) {
		this.topic = Objects.requireNonNull(topic, "topic");
		this.group = Objects.requireNonNull(group, "group");
		this.engine = Objects.requireNonNull(engine, "engine");
		this.stateTopic = Objects.requireNonNull(stateTopic, "stateTopic");
		this.readerFactory = Objects.requireNonNull(readerFactory, "readerFactory");
		this.producer = Objects.requireNonNull(producer, "producer");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * The state topic.
	 * @return the topic
	 */
	public String topic() {
		return this.topic;
	}

	/**
	 * Whether the state topic is known and used.
	 * @return whether reads and writes go to it
	 */
	public boolean isReady() {
		return this.statePartitions > 0;
	}

	// consumer thread

	@Override
	public void partitions(int count) {
		if (this.statePartitions == 0) {
			this.statePartitions = this.stateTopic.partitions(this.topic, count);
		}
	}

	@Override
	public void rebuilding(TopicPartition partition, long asOf, long endOffset) {
		this.toRestore.remove(partition.partition());
		this.checkpoints.remove(partition.partition());
		if (isReady()) {
			read(partition.partition());
		}
	}

	@Override
	public void rebuilt(TopicPartition partition, long asOf, long endOffset) {
		int number = partition.partition();
		this.owned.add(number);
		Map<String, ReportedState> told = this.toRestore.remove(number);
		int restored = 0;
		if (told != null) {
			for (Map.Entry<String, ReportedState> entry : told.entrySet()) {
				if (this.engine.restoreReported(entry.getKey(), entry.getValue())) {
					restored++;
				}
				else {
					// the process is gone from the heartbeat partition: so is what it was told
					send(number, StateRecords.key(this.group, entry.getKey()), null);
				}
			}
			logger.debug("Restored what the listeners of {} process(es) of {} were told", restored, partition);
		}
	}

	@Override
	public Checkpoint lastSeen(TopicPartition partition) {
		return this.checkpoints.remove(partition.partition());
	}

	@Override
	public void seen(TopicPartition partition, long upTo, long endOffset) {
		send(partition.partition(), StateRecords.checkpointKey(this.group, partition.partition()),
				StateRecords.encode(partition.partition(), new Checkpoint(upTo, endOffset)));
	}

	@Override
	public void revoking(Collection<TopicPartition> partitions) {
		if (isReady()) {
			awaitDeliveries(partitions);
			try {
				// what was written for them reaches the broker before their new owner reads it
				this.producer.get().flush();
			}
			catch (RuntimeException ex) {
				logger.warn("Could not flush what the listeners of {} were told: {}", partitions, ex.toString());
			}
		}
	}

	@Override
	public void gone(Collection<TopicPartition> partitions) {
		for (TopicPartition partition : partitions) {
			this.owned.remove(partition.partition());
			this.toRestore.remove(partition.partition());
		}
	}

	// listeners' side, any thread

	@Override
	public void offered(StateChange change) {
		this.inFlight.put(change.process(), change);
	}

	@Override
	public void delivered(StateChange change) {
		// an older event done after a newer one was offered writes nothing: the newer one will
		if (this.inFlight.remove(change.process(), change)) {
			Instant snoozedUntil = this.engine.get(change.process()).map((process) -> process.snoozedUntil()).orElse(null);
			write(change.process(), ReportedState.of(change, snoozedUntil));
		}
		doneWith(change);
	}

	@Override
	public void dropped(StateChange change) {
		this.inFlight.remove(change.process(), change);
		doneWith(change);
	}

	private void doneWith(StateChange change) {
		synchronized (this.inFlight) {
			this.inFlight.notifyAll();
		}
	}

	// the events of processes of these partitions still on their way get a moment to arrive, so
	// that their records are written before the partitions' next owner reads them
	private void awaitDeliveries(Collection<TopicPartition> partitions) {
		Set<Integer> numbers = ConcurrentHashMap.newKeySet();
		partitions.forEach((partition) -> numbers.add(partition.partition()));
		synchronized (this.inFlight) {
			for (int step = 0; step < REVOKE_WAIT_STEPS && inFlightIn(numbers); step++) {
				try {
					this.inFlight.wait(REVOKE_WAIT_STEP_MILLIS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	private boolean inFlightIn(Set<Integer> partitions) {
		for (String process : this.inFlight.keySet()) {
			if (partitions.contains(this.engine.partitionOf(process))) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void onSnoozed(String process, Instant until) {
		if (!this.inFlight.containsKey(process)) {
			// with an event on its way, that event writes the snooze once delivered
			this.engine.reported(process).ifPresent((reported) -> write(process, reported));
		}
	}

	@Override
	public void onForgotten(String process, int partition) {
		send(partition, StateRecords.key(this.group, process), null);
	}

	@Override
	public void close() {
		Consumer<String, String> closing = this.reader;
		this.reader = null;
		if (closing != null) {
			closing.close(Duration.ofSeconds(2));
		}
	}

	private void write(String process, ReportedState reported) {
		int partition = this.engine.partitionOf(process);
		if (partition >= 0) {
			send(partition, StateRecords.key(this.group, process), StateRecords.encode(partition, reported));
		}
	}

	// a record about heartbeat partition p, if this monitor owns it; value null for a tombstone
	private void send(int partition, String key, String value) {
		int count = this.statePartitions;
		if (count == 0 || !this.owned.contains(partition)) {
			return;
		}
		try {
			this.producer.get()
				.send(new ProducerRecord<>(this.topic, partition % count, this.clock.wallTime(), key, value),
						(metadata, error) -> {
							if (error != null) {
								logger.warn("Could not keep what the listeners of {} were told: {}", key, error.toString());
							}
						});
		}
		catch (RuntimeException ex) {
			logger.warn("Could not keep what the listeners of {} were told: {}", key, ex.toString());
		}
	}

	// what the listeners of a heartbeat partition's processes were told, and its checkpoint
	private void read(int partition) {
		TopicPartition state = new TopicPartition(this.topic, partition % this.statePartitions);
		Map<String, ReportedState> told = new HashMap<>();
		try {
			Consumer<String, String> consumer = reader();
			consumer.assign(List.of(state));
			consumer.seekToBeginning(List.of(state));
			long end = consumer.endOffsets(List.of(state), READ_TIMEOUT).getOrDefault(state, 0L);
			long deadline = this.clock.monotonicTime() + READ_TIMEOUT.toNanos();
			while (consumer.position(state, READ_TIMEOUT) < end) {
				if (this.clock.monotonicTime() > deadline) {
					throw new org.apache.kafka.common.errors.TimeoutException("reading " + state + " took too long");
				}
				for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
					if (record.offset() < end) {
						take(record, partition, told);
					}
				}
			}
			this.toRestore.put(partition, told);
		}
		catch (WakeupException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			logger.warn("Could not read what the listeners of {}-{} were told from {}; events already delivered for "
					+ "its processes may be sent again: {}", this.topic, partition, state, ex.toString());
		}
	}

	private void take(ConsumerRecord<String, String> record, int partition, Map<String, ReportedState> told) {
		String key = (record.key() != null) ? StateRecords.name(this.group, record.key()) : null;
		if (key == null) {
			return;
		}
		if (record.value() == null) {
			told.remove(key);
			return;
		}
		if (StateRecords.partition(record.value()) != partition) {
			return;
		}
		if (StateRecords.isCheckpoint(key)) {
			Checkpoint checkpoint = StateRecords.checkpoint(record.value());
			if (checkpoint != null) {
				this.checkpoints.put(partition, checkpoint);
			}
			return;
		}
		ReportedState reported = StateRecords.reported(record.value());
		if (reported != null) {
			told.put(key, reported);
		}
	}

	private Consumer<String, String> reader() {
		if (this.reader == null) {
			this.reader = this.readerFactory.get();
		}
		return this.reader;
	}

	@Override
	public String toString() {
		return "ReportedStateStore[" + this.topic + ", partitions=" + this.statePartitions + "]";
	}

	/**
	 * Finds the state topic, and creates it when it is missing and that is wanted.
	 */
	@FunctionalInterface
	public interface StateTopic {

		/**
		 * The number of partitions of the state topic.
		 * @param topic the state topic
		 * @param heartbeatPartitions the partitions of the heartbeat topic, for one it creates
		 * @return its partitions, or 0 if it is not there (yet), which leaves the store unused for now
		 */
		int partitions(String topic, int heartbeatPartitions);

	}

}
