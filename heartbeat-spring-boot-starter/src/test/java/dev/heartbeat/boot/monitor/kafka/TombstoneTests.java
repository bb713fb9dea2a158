package dev.heartbeat.boot.monitor.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.heartbeat.boot.beat.kafka.BeatRecords;
import dev.heartbeat.boot.monitor.metrics.AppMetrics;
import dev.heartbeat.boot.monitor.support.MonitorApp;
import dev.heartbeat.boot.monitor.support.SharedKafka;
import dev.heartbeat.boot.monitor.support.WireBeats;
import dev.heartbeat.core.monitor.ProcessSnapshot;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.wire.WireContract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Forgotten processes get a tombstone from the owner of their partition, in the partition their
 * records are in, and a monitor that rebuilds the partition later does not bring them back.
 */
@ExtendWith(SharedKafka.class)
class TombstoneTests {

	private static final int PARTITIONS = 3;

	private String topic;

	private WireBeats wire;

	private MonitorApp monitor;

	@BeforeEach
	void createTopic() {
		this.topic = SharedKafka.createCompactedTopic(SharedKafka.unique("heartbeats"), PARTITIONS);
		this.wire = new WireBeats(SharedKafka.bootstrapServers(), this.topic);
	}

	@AfterEach
	void close() {
		if (this.monitor != null) {
			this.monitor.close();
		}
		this.wire.close();
	}

	@Test
	void aForgottenProcessShouldGetATombstoneInItsPartitionAndARebuildShouldNotBringItBack() {
		this.monitor = MonitorApp.start(this.topic, SharedKafka.unique("group"),
				"heartbeat.monitor.forget-stopped-after=1s").awaitLive(Duration.ofSeconds(15));
		String app = SharedKafka.unique("orders");
		// the partition of the app, as the starter's publisher picks it (not where the keys would go)
		int partition = BeatRecords.partitionOf(app, PARTITIONS);
		String stopped = app + "-stopped";
		String deleted = app + "-deleted";
		String alive = app + "-alive";
		send(partition, stopped, app, 1, "beat/60");
		send(partition, deleted, app, 1, "beat/60");
		send(partition, alive, app, 1, "beat/60");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.monitor.engine().size() == 3);
		send(partition, stopped, app, 2, "stop");
		assertThat(this.monitor.engine().forget(deleted)).isTrue();

		// stopped for a second, then forgotten; both get their tombstone, where their records are
		await().atMost(Duration.ofSeconds(10)).until(() -> this.monitor.engine().size() == 1);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> isTombstone(stopped, partition) && isTombstone(deleted, partition));
		assertThat(this.monitor.engine().get(alive)).map(ProcessSnapshot::state).contains(ProcessState.UP);
		assertThat(this.monitor.events().states(stopped)).doesNotContain(ProcessState.DEAD);
		MeterRegistry meters = this.monitor.context().getBean(MeterRegistry.class);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> meters.get(AppMetrics.TOMBSTONES).tag("outcome", "written").functionCounter().count() == 2);
		assertThat(meters.get(AppMetrics.FORGOTTEN).tag("reason", "retention").counter().count()).isOne();
		assertThat(meters.get(AppMetrics.FORGOTTEN).tag("reason", "request").counter().count()).isOne();
		assertThat(meters.get(AppMetrics.APPS).tag("state", "up").gauge().value()).isOne();
		assertThat(meters.get(AppMetrics.APP_EVENTS).tag("state", "up").counter().count()).isOne();
		// the monitor reads its own tombstones back: they forget nothing more, and are not invalid
		await().atMost(Duration.ofSeconds(5)).until(() -> this.monitor.stats().tombstones() == 2);
		assertThat(this.monitor.stats().invalid()).isZero();
		this.monitor.close();

		// a monitor of a new group rebuilds the partition from the beginning: only the live one
		this.monitor = MonitorApp.start(this.topic, SharedKafka.unique("group")).awaitLive(Duration.ofSeconds(15));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.monitor.stats().restored() == 1);
		assertThat(this.monitor.engine().list((snapshot) -> true, 10)).extracting(ProcessSnapshot::process)
			.containsExactly(alive);
		assertThat(this.monitor.events().changes()).isEmpty();

		// and a beat after a tombstone tracks the process again
		send(partition, stopped, app, 3, "beat/60");
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.monitor.engine().get(stopped).map(ProcessSnapshot::state).orElse(null) == ProcessState.UP);
	}

	private boolean isTombstone(String process, int partition) {
		List<ConsumerRecord<String, String>> records = SharedKafka.records(this.topic, process);
		ConsumerRecord<String, String> last = records.get(records.size() - 1);
		return last.value() == null && records.stream().allMatch((record) -> record.partition() == partition);
	}

	private void send(int partition, String process, String app, long seq, String payload) {
		RecordHeaders headers = new RecordHeaders();
		headers.add(WireContract.HEADER_APP, utf8(app));
		headers.add(WireContract.HEADER_INSTANCE, utf8("i-" + process.hashCode()));
		headers.add(WireContract.HEADER_SEQ, utf8(Long.toString(seq)));
		this.wire.send(new ProducerRecord<>(this.topic, partition, System.currentTimeMillis(), utf8(process),
				utf8(payload), headers));
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
