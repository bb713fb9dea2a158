package dev.heartbeat.boot.monitor.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.monitor.DeadlineEngineConfig;
import dev.heartbeat.core.monitor.ProcessSnapshot;
import dev.heartbeat.core.time.ManualClock;
import dev.heartbeat.core.wire.WireContract;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild reads a partition's history: a tombstone forgets what came before it of its process,
 * a beat after it counts again.
 */
class PartitionRebuildTests {

	private static final long NOW = 1_767_225_600_000L;

	private final ManualClock clock = new ManualClock(Instant.ofEpochMilli(NOW));

	private final DeadlineEngine engine = new DeadlineEngine(DeadlineEngineConfig.ofDefaults(), this.clock);

	private final RecordIngest ingest = new RecordIngest(this.engine, new BeatRecordDecoder(Duration.ofHours(24)),
			new IngestStats(), new InvalidRecordLog(this.clock, InvalidRecordLog.DEFAULT_INTERVAL), null);

	@Test
	void aProcessWhoseLastRecordIsATombstoneShouldNotBeRestored() {
		PartitionRebuild rebuild = new PartitionRebuild(new TopicPartition("heartbeats", 0), 6, 0, 0, NOW);
		List<ConsumerRecord<byte[], byte[]>> history = List.of(record(0, "orders-a", "beat/5"),
				record(1, "orders-b", "beat/5"), record(2, "orders-a", null), record(3, "orders-c", "stop"),
				record(4, "orders-c", null), record(5, "orders-c", "beat/5"), record(6, "orders-d", "beat/5"));
		assertThat(rebuild.readHistory(history, this.ingest)).isEqualTo(6);
		rebuild.finish(this.ingest, this.engine, this.clock, new PartitionListener() {
		});
		assertThat(this.engine.list((snapshot) -> true, 10)).extracting(ProcessSnapshot::process)
			.containsExactlyInAnyOrder("orders-b", "orders-c");
		assertThat(this.ingest.stats().tombstones()).isEqualTo(2);
		assertThat(this.ingest.stats().invalid()).isZero();
	}

	private static ConsumerRecord<byte[], byte[]> record(long offset, String key, String payload) {
		RecordHeaders headers = new RecordHeaders();
		headers.add(WireContract.HEADER_APP, "orders".getBytes(StandardCharsets.UTF_8));
		headers.add(WireContract.HEADER_SEQ, Long.toString(offset + 1).getBytes(StandardCharsets.UTF_8));
		byte[] value = (payload != null) ? payload.getBytes(StandardCharsets.UTF_8) : null;
		return new ConsumerRecord<>("heartbeats", 0, offset, NOW, TimestampType.CREATE_TIME, key.length(),
				(value != null) ? value.length : -1, key.getBytes(StandardCharsets.UTF_8), value, headers,
				Optional.empty());
	}

}
