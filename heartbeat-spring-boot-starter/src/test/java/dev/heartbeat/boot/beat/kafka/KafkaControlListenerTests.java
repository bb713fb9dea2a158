package dev.heartbeat.boot.beat.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.status.StatusTracker;
import dev.heartbeat.core.time.HeartbeatClock;
import dev.heartbeat.core.wire.ControlGate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Where the control listener starts reading a partition that appears: at the first record
 * written since the listener started, even when that record lands between its look-ups, as the
 * pause that creates the control topic does.
 */
class KafkaControlListenerTests {

	private static final String TOPIC = "heartbeat-control";

	private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

	private final StatusTracker tracker = new StatusTracker(HeartbeatClock.SYSTEM);

	private KafkaControlListener listener;

	@AfterEach
	void stop() {
		if (this.listener != null) {
			this.listener.stop();
		}
	}

	@Test
	void aPauseWrittenWhileThePartitionIsPositionedShouldBeRead() {
		MockConsumer<String, String> consumer = new MockConsumer<>("latest") {

			@Override
			public synchronized Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(
					Map<TopicPartition, Long> query, Duration timeout) {
				// no record since the listener started: the pause is not written yet
				Map<TopicPartition, OffsetAndTimestamp> none = new HashMap<>();
				query.keySet().forEach((partition) -> none.put(partition, null));
				return none;
			}

		};
		consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null)));
		consumer.updateEndOffsets(Map.of(PARTITION, 0L));
		// ... and is, before the first poll
		consumer.schedulePollTask(() -> {
			consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, "app-1", "pause"));
			consumer.updateEndOffsets(Map.of(PARTITION, 1L));
		});
		this.listener = new KafkaControlListener(TOPIC, () -> consumer,
				new ControlGate("app-1", null, Duration.ofMinutes(1), HeartbeatClock.SYSTEM), this.tracker,
				HeartbeatClock.SYSTEM);
		this.listener.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.tracker.status() == RunStatus.PAUSED);
	}

}
