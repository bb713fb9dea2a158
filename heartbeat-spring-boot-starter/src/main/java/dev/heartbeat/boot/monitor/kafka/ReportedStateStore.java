package dev.heartbeat.boot.monitor.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.heartbeat.boot.monitor.listener.DeliveryListener;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.monitor.MonitorListener;
import dev.heartbeat.core.monitor.ProcessForgotten;
import dev.heartbeat.core.monitor.ProcessSnapshot;
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
 * lost a partition cannot overwrite what its new owner writes. A record refused that way (an event
 * delivered in the moment the group took the partition away, as when it dropped this monitor for a
 * while) is held: should the group give the partition back to this monitor, the rebuild takes it
 * as what was told unless the state topic holds a newer one, and writes it then.
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

	private static final Duration REVOKE_FLUSH = Duration.ofSeconds(2);

	private final String topic;

	private final String group;

	private final DeadlineEngine engine;

	private final StateTopic stateTopic;

	private final Supplier<? extends Consumer<String, String>> readerFactory;

	private final StateWriter writer;

	private final HeartbeatClock clock;

	// the state topic's partitions, 0 while unknown (nothing is read or written then)
	private volatile int statePartitions;

	// heartbeat partitions owned and live: the only ones written to
	private final Set<Integer> owned = ConcurrentHashMap.newKeySet();

	// the newest event of a process on its way to the listeners
	private final Map<String, Offered> inFlight = new ConcurrentHashMap<>();

	// consumer thread: read when a partition is assigned, restored once it is rebuilt
	private final Map<Integer, Map<String, ReportedState>> toRestore = new HashMap<>();

	private final Map<Integer, Checkpoint> checkpoints = new HashMap<>();

	// records refused because their partition was no longer owned
	private final HeldStateRecords held;

	// consumer thread: held records newer than the state topic's, written once the partition is owned
	private final Map<Integer, Map<String, String>> toRewrite = new HashMap<>();

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
		this.clock = Objects.requireNonNull(clock, "clock");
		this.held = new HeldStateRecords(group);
		this.writer = new StateWriter(topic, Objects.requireNonNull(producer, "producer"), this.owned::contains,
				() -> this.statePartitions, clock, this.held);
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

	// how many records are held for partitions not owned
	int heldCount() {
		return this.held.count();
	}

	// consumer thread

	@Override
	public void partitions(int count) {
		if (this.statePartitions == 0) {
			this.statePartitions = this.stateTopic.partitions(this.topic, count);
		}
	}

	@Override
	public void rebuilding(Map<TopicPartition, Long> ends, long asOf) {
		Set<Integer> partitions = new HashSet<>();
		for (TopicPartition partition : ends.keySet()) {
			partitions.add(partition.partition());
			this.toRestore.remove(partition.partition());
			this.checkpoints.remove(partition.partition());
			this.toRewrite.remove(partition.partition());
		}
		if (isReady()) {
			read(partitions);
		}
	}

	@Override
	public void rebuilt(TopicPartition partition, long asOf, long endOffset) {
		int number = partition.partition();
		this.owned.add(number);
		Map<String, String> rewrite = this.toRewrite.remove(number);
		if (rewrite != null) {
			rewrite.forEach((key, value) -> send(number, key, value));
		}
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
			if (restored > 0) {
				// and of their apps, so that no app event is repeated either
				this.engine.restoreReportedApps(number);
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
				this.writer.flush(REVOKE_FLUSH);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not flush what the listeners of {} were told: {}", partitions, ex.toString());
			}
		}
	}

	@Override
	public void gone(Collection<TopicPartition> partitions) {
		Set<Integer> numbers = new HashSet<>();
		long now = this.clock.monotonicTime();
		for (TopicPartition partition : partitions) {
			this.owned.remove(partition.partition());
			this.toRestore.remove(partition.partition());
			this.held.gone(partition.partition(), now);
			numbers.add(partition.partition());
		}
		// an event on its way is told, by this monitor: should the partition come back, it is not
		// told again
		this.inFlight.forEach((process, offered) -> {
			if (numbers.contains(offered.partition())) {
				this.held.refused(offered.partition(), StateRecords.key(this.group, process),
						StateRecords.encode(offered.partition(), ReportedState.of(offered.change(), null)));
			}
		});
	}

	// listeners' side, any thread

	@Override
	public void offered(StateChange change) {
		this.inFlight.put(change.process(), new Offered(change, this.engine.partitionOf(change.process())));
	}

	@Override
	public void delivered(StateChange change) {
		// an older event done after a newer one was offered writes nothing: the newer one will
		Offered offered = takeInFlight(change);
		if (offered != null) {
			Instant snoozedUntil = this.engine.get(change.process()).map(ProcessSnapshot::snoozedUntil).orElse(null);
			int partition = this.engine.partitionOf(change.process());
			if (partition < 0) {
				// its partition went away meanwhile: the record is held, should it come back
				partition = offered.partition();
			}
			write(partition, change.process(), ReportedState.of(change, snoozedUntil));
		}
		doneWith(change);
	}

	@Override
	public void dropped(StateChange change) {
		takeInFlight(change);
		doneWith(change);
	}

	// the event's entry, removed, unless a newer event of its process was offered since
	private Offered takeInFlight(StateChange change) {
		Offered offered = this.inFlight.get(change.process());
		if (offered != null && offered.change().equals(change) && this.inFlight.remove(change.process(), offered)) {
			return offered;
		}
		return null;
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
			this.engine.reported(process).ifPresent((reported) -> write(this.engine.partitionOf(process), process, reported));
		}
	}

	@Override
	public void onForgotten(ProcessForgotten forgotten) {
		send(forgotten.partition(), StateRecords.key(this.group, forgotten.process()), null);
	}

	@Override
	public void close() {
		this.writer.close();
		Consumer<String, String> closing = this.reader;
		this.reader = null;
		if (closing != null) {
			closing.close(Duration.ofSeconds(2));
		}
	}

	private void write(int partition, String process, ReportedState reported) {
		if (partition >= 0) {
			send(partition, StateRecords.key(this.group, process), StateRecords.encode(partition, reported));
		}
	}

	// a record about heartbeat partition p, if this monitor owns it; value null for a tombstone
	private void send(int partition, String key, String value) {
		if (isReady()) {
			if (this.owned.contains(partition)) {
				this.held.written(partition, key, value, this.clock.monotonicTime());
			}
			this.writer.write(partition, key, value);
		}
	}

	// what the listeners of heartbeat partitions' processes were told, and their checkpoints, in
	// one pass over the state partitions they are kept in
	private void read(Set<Integer> partitions) {
		Set<TopicPartition> states = new HashSet<>();
		Map<Integer, Map<String, ReportedState>> told = new HashMap<>();
		for (Integer partition : partitions) {
			states.add(new TopicPartition(this.topic, partition % this.statePartitions));
			told.put(partition, new HashMap<>());
		}
		try {
			Consumer<String, String> consumer = reader();
			consumer.assign(states);
			consumer.seekToBeginning(states);
			Map<TopicPartition, Long> ends = consumer.endOffsets(states, READ_TIMEOUT);
			long deadline = this.clock.monotonicTime() + READ_TIMEOUT.toNanos();
			while (!readTo(consumer, ends)) {
				if (this.clock.monotonicTime() > deadline) {
					throw new org.apache.kafka.common.errors.TimeoutException("reading " + states + " took too long");
				}
				for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
					if (record.offset() < ends.getOrDefault(new TopicPartition(record.topic(), record.partition()), 0L)) {
						take(record, told);
					}
				}
			}
			told.forEach((partition, ofPartition) -> {
				Map<String, String> won = this.held.take(partition, ofPartition);
				if (!won.isEmpty()) {
					this.toRewrite.put(partition, won);
				}
			});
			this.toRestore.putAll(told);
		}
		catch (WakeupException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			logger.warn("Could not read what the listeners of the processes of partitions {} were told from {}; events "
					+ "already delivered for them may be sent again: {}", partitions, this.topic, ex.toString());
		}
	}

	private static boolean readTo(Consumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
		for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
			if (consumer.position(end.getKey(), READ_TIMEOUT) < end.getValue()) {
				return false;
			}
		}
		return true;
	}

	private void take(ConsumerRecord<String, String> record, Map<Integer, Map<String, ReportedState>> told) {
		String key = (record.key() != null) ? StateRecords.name(this.group, record.key()) : null;
		if (key == null) {
			return;
		}
		if (record.value() == null) {
			told.values().forEach((ofPartition) -> ofPartition.remove(key));
			return;
		}
		int partition = StateRecords.partition(record.value());
		Map<String, ReportedState> ofPartition = told.get(partition);
		if (ofPartition == null) {
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
			ofPartition.put(key, reported);
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

	// an event on its way to the listeners, with its process's partition when it was offered (-1 if
	// unknown)
	private record Offered(StateChange change, int partition) {
	}

}
