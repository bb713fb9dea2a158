package dev.heartbeat.boot.monitor.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.heartbeat.boot.monitor.support.SharedKafka;
import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.monitor.BeatRecord;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.monitor.DeadlineEngineConfig;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.monitor.ReportedState;
import dev.heartbeat.core.monitor.StateChange;
import dev.heartbeat.core.time.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event on its way, or just written, in the moment the group took its partition away from this
 * monitor is not told again: its record is held, and should the partition come back (as when the
 * group dropped the monitor for a while and then gave its partitions back), the rebuild takes it
 * as what was told, unless the state topic holds a newer one, and writes it.
 */
@ExtendWith(SharedKafka.class)
class ReportedStateStoreTests {

	private static final int STATE_PARTITIONS = 3;

	private static final String GROUP = "monitors";

	private static final TopicPartition HEARTBEATS_0 = new TopicPartition("heartbeats", 0);

	private final ManualClock clock = new ManualClock(Instant.parse("2026-12-02T10:00:00Z"));

	private final DeadlineEngine engine = new DeadlineEngine(DeadlineEngineConfig.ofDefaults(), this.clock);

	private String stateTopic;

	private ReportedStateStore store;

	@BeforeEach
	void open() {
		this.stateTopic = SharedKafka.createCompactedTopic(SharedKafka.unique("heartbeat-state"), STATE_PARTITIONS);
		Map<String, Object> reader = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		this.store = new ReportedStateStore(this.stateTopic, GROUP, this.engine,
				(topic, heartbeatPartitions) -> STATE_PARTITIONS,
				() -> new KafkaConsumer<>(reader, new StringDeserializer(), new StringDeserializer()),
				LazyProducer.of(producerConfig(), new StringSerializer(), new StringSerializer()), this.clock);
		this.engine.addListener(this.store);
		this.store.partitions(3);
	}

	@AfterEach
	void close() {
		this.store.close();
	}

	@Test
	void anEventOnItsWayAsThePartitionWentAwayShouldBeToldToTheRebuildWhenItComesBack() {
		StateChange dead = ownAndReportDead("orders-1");
		this.store.offered(dead);
		lose();
		// delivered once the partition is gone: its record may not be written now
		this.store.delivered(dead);
		assertThat(this.store.heldCount()).isOne();

		// the group gives the partition back: what was told is not told again
		rebuild("orders-1");
		assertThat(this.engine.reported("orders-1")).map(ReportedState::state).contains(ProcessState.DEAD);
		assertThat(this.store.heldCount()).isZero();
		// and it is written now, for whoever owns the partition next
		String key = StateRecords.key(GROUP, "orders-1");
		await().atMost(Duration.ofSeconds(5))
			.until(() -> SharedKafka.lastRecord(this.stateTopic, key).isPresent());
		assertThat(StateRecords.reported(SharedKafka.lastRecord(this.stateTopic, key).orElseThrow().value()))
			.isEqualTo(ReportedState.of(dead, null));
	}

	@Test
	void anEventDeliveredWhileThePartitionIsRebuiltShouldNotBeToldAgain() {
		StateChange dead = ownAndReportDead("orders-4");
		this.store.offered(dead);
		lose();
		// the state partition is read before the delivery is done
		this.store.rebuilding(Map.of(HEARTBEATS_0, 1L), this.clock.wallTime());
		this.store.delivered(dead);
		this.engine.restore(BeatRecord.of("orders-4", Beat.beat(Duration.ofSeconds(5)), this.clock.wallTime()), 0);
		this.store.rebuilt(HEARTBEATS_0, this.clock.wallTime(), 1);
		assertThat(this.engine.reported("orders-4")).map(ReportedState::state).contains(ProcessState.DEAD);
	}

	@Test
	void aNewerRecordWrittenByAnotherOwnerMeanwhileShouldWinOverTheOneHeld() throws Exception {
		StateChange dead = ownAndReportDead("orders-2");
		this.store.offered(dead);
		lose();
		this.store.delivered(dead);
		assertThat(this.store.heldCount()).isOne();
		// the other owner saw the process come back and told its listeners so, later
		Instant later = dead.at().plusSeconds(30);
		ReportedState up = new ReportedState(ProcessState.UP, later, null, null);
		try (KafkaProducer<String, String> other = new KafkaProducer<>(producerConfig(), new StringSerializer(),
				new StringSerializer())) {
			other.send(new ProducerRecord<>(this.stateTopic, 0, StateRecords.key(GROUP, "orders-2"),
					StateRecords.encode(0, up))).get(5, TimeUnit.SECONDS);
		}

		rebuild("orders-2");
		// the held DEAD lost: the process is taken as reported UP
		assertThat(this.engine.reported("orders-2")).map(ReportedState::state).contains(ProcessState.UP);
		assertThat(this.store.heldCount()).isZero();
	}

	@Test
	void aRecordWrittenLatelyShouldBeHeldWhenThePartitionGoesAndATombstoneShouldDropIt() {
		StateChange dead = ownAndReportDead("orders-3");
		this.store.offered(dead);
		this.store.delivered(dead);
		StateChange other = ownAndReportDead("orders-5");
		this.store.offered(other);
		this.store.delivered(other);
		// forgotten while owned: its tombstone replaces what was written of it
		assertThat(this.engine.forget("orders-5")).isTrue();
		lose();
		assertThat(this.store.heldCount()).isOne();
		rebuild("orders-3");
		assertThat(this.engine.reported("orders-3")).map(ReportedState::state).contains(ProcessState.DEAD);
	}

	// the group takes the partition away: its processes are forgotten, then it is gone
	private void lose() {
		this.engine.forgetPartitions(List.of(0));
		this.store.gone(List.of(HEARTBEATS_0));
	}

	// owns heartbeat partition 0 with the process in it, and has its DEAD made by the engine
	private StateChange ownAndReportDead(String process) {
		this.store.rebuilding(Map.of(HEARTBEATS_0, 0L), this.clock.wallTime());
		this.engine.restore(BeatRecord.of(process, Beat.beat(Duration.ofSeconds(5)), this.clock.wallTime()), 0);
		this.store.rebuilt(HEARTBEATS_0, this.clock.wallTime(), 1);
		Instant at = Instant.ofEpochMilli(this.clock.wallTime()).plusSeconds(20);
		return new StateChange(process, "", ProcessState.UP, ProcessState.DEAD, at, at, null, false);
	}

	// a new assignment of the partition: its processes restored from the log, then what was told
	private void rebuild(String process) {
		this.store.rebuilding(Map.of(HEARTBEATS_0, 1L), this.clock.wallTime());
		this.engine.restore(BeatRecord.of(process, Beat.beat(Duration.ofSeconds(5)), this.clock.wallTime()), 0);
		this.store.rebuilt(HEARTBEATS_0, this.clock.wallTime(), 1);
	}

	private static Map<String, Object> producerConfig() {
		return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG,
				"all", ProducerConfig.LINGER_MS_CONFIG, 0);
	}

}
