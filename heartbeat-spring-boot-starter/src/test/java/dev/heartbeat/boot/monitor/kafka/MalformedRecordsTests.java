package dev.heartbeat.boot.monitor.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.heartbeat.boot.monitor.metrics.MonitorMetrics;
import dev.heartbeat.boot.monitor.support.MonitorApp;
import dev.heartbeat.boot.monitor.support.SharedKafka;
import dev.heartbeat.boot.monitor.support.WireBeats;
import dev.heartbeat.core.monitor.ProcessSnapshot;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.wire.WireContract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Garbage on the heartbeat topic is counted exactly, copied to the dead-letter topic and never
 * stops the consumer.
 */
@ExtendWith(SharedKafka.class)
class MalformedRecordsTests {

	private MonitorApp monitor;

	@AfterEach
	void closeMonitor() {
		if (this.monitor != null) {
			this.monitor.close();
		}
	}

	@Test
	void mixOfGarbageAndBeatsShouldTrackTheValidCountTheInvalidAndDeadLetterThem() {
		String topic = SharedKafka.createCompactedTopic(SharedKafka.unique("heartbeats"), 1);
		String deadLetters = SharedKafka.createCompactedTopic(SharedKafka.unique("heartbeats-dlt"), 1);
		String group = SharedKafka.unique("group");
		this.monitor = MonitorApp.start(topic, group, "heartbeat.monitor.dead-letter-topic=" + deadLetters)
			.awaitLive(Duration.ofSeconds(15));
		List<InvalidReason> expected = new ArrayList<>();
		try (WireBeats wire = new WireBeats(SharedKafka.bootstrapServers(), topic)) {
			wire.bare("good-bare", "beat/5");
			// (a record without a key at all is refused by the broker on a compacted topic)
			garbage(wire, expected, InvalidReason.KEY_MISSING, "", "beat/5", null);
			garbage(wire, expected, InvalidReason.KEY_INVALID, "two words", "beat/5", null);
			garbage(wire, expected, InvalidReason.PAYLOAD_UNKNOWN_VERB, "p1", "alive/5", null);
			garbage(wire, expected, InvalidReason.PAYLOAD_UNKNOWN_VERB, "p2", "BEAT/5", null);
			garbage(wire, expected, InvalidReason.PAYLOAD_NOT_A_NUMBER, "p3", "beat/five", null);
			garbage(wire, expected, InvalidReason.PAYLOAD_NEGATIVE_DURATION, "p4", "beat/-1", null);
			garbage(wire, expected, InvalidReason.PAYLOAD_EMPTY, "p5", "", null);
			garbage(wire, expected, InvalidReason.DURATION_ABOVE_MAX, "p6", "beat/86401", null);
			garbage(wire, expected, InvalidReason.SEQ_INVALID, "p7", "beat/5", header(WireContract.HEADER_SEQ, "7x"));
			garbage(wire, expected, InvalidReason.STATUS_INVALID, "p8", "beat/5",
					header(WireContract.HEADER_STATUS, "SLEEPING"));
			wire.beat("good-full", "shop", "a1", 1, "degraded/5", dev.heartbeat.core.status.RunStatus.RUNNING, "DOWN");
		}
		int total = expected.size();
		IngestStats stats = this.monitor.stats();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.monitor.engine().get("good-full").isPresent());
		assertThat(stats.invalid()).isEqualTo(total);
		for (InvalidReason reason : InvalidReason.values()) {
			assertThat(stats.invalid(reason)).as(reason.tag())
				.isEqualTo(expected.stream().filter(reason::equals).count());
		}
		assertThat(this.monitor.engine().get("good-bare")).map(ProcessSnapshot::state).contains(ProcessState.UP);
		assertThat(this.monitor.engine().get("good-full")).map(ProcessSnapshot::state)
			.contains(ProcessState.DEGRADED);
		assertThat(this.monitor.engine().get("p1")).isEmpty();
		assertThat(this.monitor.consumer().isRunning()).isTrue();
		MeterRegistry meters = this.monitor.context().getBean(MeterRegistry.class);
		assertThat(meters.get(MonitorMetrics.RECORDS_INVALID).tag("reason", "payload-unknown-verb")
			.functionCounter()
			.count()).isEqualTo(2);
		assertThat(meters.get(MonitorMetrics.RECORDS_CONSUMED).functionCounter().count())
			.isEqualTo(total + 2);
		List<ConsumerRecord<byte[], byte[]>> letters = read(deadLetters, total);
		assertThat(letters).extracting((letter) -> text(letter.headers().lastHeader(DeadLetterPublisher.HEADER_ERROR).value()))
			.containsExactlyElementsOf(expected.stream().map(InvalidReason::tag).toList());
		ConsumerRecord<byte[], byte[]> status = letters.get(letters.size() - 1);
		assertThat(text(status.key())).isEqualTo("p8");
		assertThat(text(status.value())).isEqualTo("beat/5");
		assertThat(text(status.headers().lastHeader(WireContract.HEADER_STATUS).value())).isEqualTo("SLEEPING");
		assertThat(text(status.headers().lastHeader(DeadLetterPublisher.HEADER_ERROR_ORIGIN).value()))
			.startsWith(topic + "-0@");

		// a restart of the group reads (and counts) the garbage again, but does not dead-letter it twice
		this.monitor.close();
		this.monitor = MonitorApp.start(topic, group, "heartbeat.monitor.dead-letter-topic=" + deadLetters)
			.awaitLive(Duration.ofSeconds(15));
		assertThat(this.monitor.stats().invalid()).isEqualTo(total);
		assertThat(this.monitor.context().getBean(DeadLetterPublisher.class).published()).isZero();
		assertThat(this.monitor.engine().get("good-full")).isPresent();
	}

	@Test
	void floodOfGarbageShouldBeCountedExactlyAndLeaveTheConsumerAlive() throws Exception {
		String topic = SharedKafka.createCompactedTopic(SharedKafka.unique("heartbeats"), 2);
		this.monitor = MonitorApp.start(topic, SharedKafka.unique("group")).awaitLive(Duration.ofSeconds(15));
		String[] payloads = { "alive/5", "beat/x", "beat/-5", "" };
		List<Future<RecordMetadata>> sent = new ArrayList<>();
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
						ProducerConfig.LINGER_MS_CONFIG, 5),
				new ByteArraySerializer(), new ByteArraySerializer())) {
			for (int i = 0; i < 10_000; i++) {
				sent.add(producer.send(new ProducerRecord<>(topic, bytes("junk-" + i), bytes(payloads[i % 4]))));
			}
			for (Future<RecordMetadata> future : sent) {
				future.get();
			}
		}
		IngestStats stats = this.monitor.stats();
		await().atMost(Duration.ofSeconds(20)).until(() -> stats.invalid() == 10_000);
		assertThat(stats.invalid(InvalidReason.PAYLOAD_UNKNOWN_VERB)).isEqualTo(2500);
		assertThat(stats.invalid(InvalidReason.PAYLOAD_NOT_A_NUMBER)).isEqualTo(2500);
		assertThat(stats.invalid(InvalidReason.PAYLOAD_NEGATIVE_DURATION)).isEqualTo(2500);
		assertThat(stats.invalid(InvalidReason.PAYLOAD_EMPTY)).isEqualTo(2500);
		assertThat(this.monitor.engine().size()).isZero();
		try (WireBeats wire = new WireBeats(SharedKafka.bootstrapServers(), topic)) {
			wire.bare("still-alive", "beat/5");
		}
		this.monitor.events().await("still-alive", ProcessState.UP, Duration.ofSeconds(5));
	}

	private static void garbage(WireBeats wire, List<InvalidReason> expected, InvalidReason reason, String key,
			String payload, RecordHeaders headers) {
		wire.raw((key != null) ? bytes(key) : null, bytes(payload), (headers != null) ? headers : new RecordHeaders());
		expected.add(reason);
	}

	private static RecordHeaders header(String key, String value) {
		RecordHeaders headers = new RecordHeaders();
		headers.add(key, bytes(value));
		return headers;
	}

	private static List<ConsumerRecord<byte[], byte[]>> read(String topic, int count) {
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
				Map.of("bootstrap.servers", SharedKafka.bootstrapServers()), new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			TopicPartition partition = new TopicPartition(topic, 0);
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				consumer.poll(Duration.ofMillis(100)).forEach(records::add);
				return records.size() >= count;
			});
		}
		return records;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
