package dev.heartbeat.boot.beat.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.heartbeat.boot.beat.RunStatusChangedEvent;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.status.StatusTracker;
import dev.heartbeat.core.wire.ControlSignature;
import dev.heartbeat.core.wire.ControlVerdict;
import dev.heartbeat.core.wire.WireContract;

import static dev.heartbeat.boot.beat.kafka.HeartbeatTopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pause and resume through signed control records, observed through readiness over HTTP, the
 * beats on the topic and the application event.
 */
@SpringBootTest(classes = KafkaControlIntegrationTests.ControlledApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "heartbeat.process=ctl-1", "heartbeat.period=300ms", "heartbeat.health.timeout=200ms",
				"heartbeat.control.secret=" + KafkaControlIntegrationTests.SECRET, "heartbeat.control.max-age=30s",
				"management.endpoint.health.probes.enabled=true",
				"management.endpoints.web.exposure.include=health,heartbeat" })
@AutoConfigureRestTestClient
@EmbeddedKafka(topics = WireContract.DEFAULT_CONTROL_TOPIC)
@DirtiesContext
class KafkaControlIntegrationTests {

	static final String SECRET = "0123456789abcdef0123456789abcdef-test";

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final ControlSignature SIGNATURE = new ControlSignature(SECRET);

	private static KafkaProducer<String, String> producer;

	@Autowired
	private RestTestClient client;

	@Autowired
	private StatusTracker tracker;

	@Autowired
	private KafkaControlListener listener;

	@Autowired
	private ControlledApplication application;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private EmbeddedKafkaBroker broker;

	@AfterAll
	static void closeProducer() {
		if (producer != null) {
			producer.close(Duration.ofSeconds(2));
			producer = null;
		}
	}

	@BeforeEach
	void listenerReadsTheTopicAndStatusIsRunning() {
		if (producer == null) {
			producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
					this.broker.getBrokersAsString(), ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
					StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
		}
		await().atMost(WAIT).until(() -> !this.listener.assignedPartitions().isEmpty());
		this.tracker.apply(RunStatus.RUNNING, "test");
		this.application.events.clear();
	}

	@Test
	void aSignedPauseTakesTheApplicationOutOfTrafficAndResumeBringsItBack() {
		this.client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
		send("ctl-1", "pause", true);
		await().atMost(WAIT).until(this.tracker::isPaused);
		this.client.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503);
		assertThat(this.application.events).singleElement().satisfies((event) -> {
			assertThat(event.to()).isEqualTo(RunStatus.PAUSED);
			assertThat(event.origin()).isEqualTo(KafkaControlListener.SOURCE);
		});
		try (HeartbeatTopicReader reader = new HeartbeatTopicReader(this.broker.getBrokersAsString(), "heartbeats",
				"ctl-1")) {
			var paused = reader.awaitRecord((r) -> "PAUSED".equals(header(r, WireContract.HEADER_STATUS)), WAIT);
			assertThat(paused.value()).isEqualTo("beat/0.3");
			send("*", "resume", true);
			await().atMost(WAIT).until(() -> this.tracker.status() == RunStatus.RUNNING);
			this.client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
			reader.awaitRecord((r) -> r.offset() > paused.offset()
					&& "RUNNING".equals(header(r, WireContract.HEADER_STATUS)), WAIT);
		}
		assertThat(this.application.events).extracting(RunStatusChangedEvent::to)
			.containsExactly(RunStatus.PAUSED, RunStatus.RUNNING);
	}

	@Test
	void unsignedForgedMisaddressedAndStaleRecordsChangeNothingAndAreCounted() {
		long rejectedBefore = this.listener.rejectedTotal();
		long badSignaturesBefore = this.listener.rejected(ControlVerdict.BAD_SIGNATURE);
		long now = System.currentTimeMillis();
		send("ctl-1", "pause", now, null);
		send("ctl-1", "pause", now, new ControlSignature("another-secret-that-is-long-enough!!").sign("ctl-1", "pause", now));
		send("ctl-1", "pause", now, SIGNATURE.sign("ctl-2", "pause", now));
		send("ctl-1", "pause", now - 120_000, SIGNATURE.sign("ctl-1", "pause", now - 120_000));
		send("ctl-2", "pause", now, SIGNATURE.sign("ctl-2", "pause", now));
		await().atMost(WAIT).until(() -> this.listener.rejectedTotal() - rejectedBefore >= 4);
		assertThat(this.listener.rejected(ControlVerdict.BAD_SIGNATURE) - badSignaturesBefore).isEqualTo(2);
		assertThat(this.meters.get("heartbeat.control.rejected").tag("reason", "unsigned").functionCounter().count())
			.isGreaterThanOrEqualTo(1);
		assertThat(this.meters.get("heartbeat.control.rejected").tag("reason", "stale").functionCounter().count())
			.isGreaterThanOrEqualTo(1);
		assertThat(this.tracker.status()).isEqualTo(RunStatus.RUNNING);
		assertThat(this.application.events).isEmpty();
		this.client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
	}

	private static void send(String key, String value, boolean signed) {
		long timestamp = System.currentTimeMillis();
		send(key, value, timestamp, signed ? SIGNATURE.sign(key, value, timestamp) : null);
	}

	private static void send(String key, String value, long timestamp, String signature) {
		ProducerRecord<String, String> record = new ProducerRecord<>(WireContract.DEFAULT_CONTROL_TOPIC, null,
				timestamp, key, value);
		if (signature != null) {
			record.headers()
				.add(new RecordHeader(WireContract.HEADER_SIGNATURE, signature.getBytes(StandardCharsets.UTF_8)));
		}
		try {
			producer.send(record).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ControlledApplication {

		final List<RunStatusChangedEvent> events = new CopyOnWriteArrayList<>();

		@EventListener
		void on(RunStatusChangedEvent event) {
			this.events.add(event);
		}

	}

}
