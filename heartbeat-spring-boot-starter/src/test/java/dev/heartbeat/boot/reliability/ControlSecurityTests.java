package dev.heartbeat.boot.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;

import dev.heartbeat.boot.beat.kafka.KafkaControlListener;
import dev.heartbeat.boot.beat.RunStatusChangedEvent;
import dev.heartbeat.boot.monitor.support.LocalApp;
import dev.heartbeat.boot.monitor.support.SharedKafka;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.wire.ControlSignature;
import dev.heartbeat.core.wire.ControlVerdict;
import dev.heartbeat.core.wire.WireContract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With a secret, only fresh control records signed for this very process change its run status;
 * everything else on the control topic is rejected, counted by reason and changes nothing.
 */
@ExtendWith({ SharedKafka.class, OutputCaptureExtension.class })
class ControlSecurityTests {

	private static final String SECRET = "control-secret-of-at-least-32-bytes!";

	private static final Duration MAX_AGE = Duration.ofSeconds(2);

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ControlSignature signature = new ControlSignature(SECRET);

	private LocalApp app;

	private KafkaProducer<String, String> producer;

	@AfterEach
	void close() {
		if (this.producer != null) {
			this.producer.close(Duration.ofSeconds(2));
		}
		if (this.app != null) {
			this.app.close();
		}
	}

	@Test
	void forgedMisaddressedReplayedStaleAndUnsignedRecordsShouldChangeNothingAndBeCounted(CapturedOutput output) {
		String topic = SharedKafka.unique("heartbeat-control");
		SharedKafka.broker().addTopics(topic);
		String process = SharedKafka.unique("guarded");
		this.app = LocalApp.start(WebApplicationType.NONE, SharedKafka.bootstrapServers(),
				SharedKafka.unique("heartbeats"), process, Duration.ofMillis(500), "heartbeat.control.topic=" + topic,
				"heartbeat.control.secret=" + SECRET, "heartbeat.control.max-age=" + MAX_AGE.toMillis() + "ms");
		List<RunStatusChangedEvent> events = new CopyOnWriteArrayList<>();
		this.app.context().addApplicationListener((ApplicationListener<RunStatusChangedEvent>) events::add);
		KafkaControlListener listener = this.app.context().getBean(KafkaControlListener.class);
		await().atMost(WAIT).until(() -> !listener.assignedPartitions().isEmpty());
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedKafka.bootstrapServers()), new StringSerializer(), new StringSerializer());

		// what an operator may do: a signed pause, then a signed resume
		long paused = now();
		ProducerRecord<String, String> pause = signed(topic, process, "pause", paused, this.signature.sign(process,
				"pause", paused));
		send(pause);
		await().atMost(WAIT).until(() -> this.app.tracker().isPaused());
		send(topic, process, "resume", now() + 1, this.signature);
		await().atMost(WAIT).until(() -> listener.accepted() == 2 && !this.app.tracker().isPaused());

		long now = now();
		send(topic, process, "pause", now, null);
		send(topic, process, "pause", now, new ControlSignature("another-secret-of-at-least-32-bytes"));
		sendSigned(topic, process, "pause", now, this.signature.sign("other-process", "pause", now));
		sendSigned(topic, process, "pause", now, "00".repeat(32));
		send(topic, process, "explode", now, this.signature);
		send(topic, process, "pause", now + MAX_AGE.toMillis() + 60_000, this.signature);
		// the very record that paused it, copied back: a newer one was applied since
		send(pause);
		await().atMost(WAIT).until(() -> listener.rejectedTotal() == 7);
		// and again once it is older than the window
		await().atMost(WAIT).until(() -> now() > paused + MAX_AGE.toMillis());
		send(pause);
		await().atMost(WAIT).until(() -> listener.rejectedTotal() == 8);

		assertThat(listener.rejected(ControlVerdict.UNSIGNED)).isEqualTo(1);
		assertThat(listener.rejected(ControlVerdict.BAD_SIGNATURE)).isEqualTo(3);
		assertThat(listener.rejected(ControlVerdict.MALFORMED)).isEqualTo(1);
		assertThat(listener.rejected(ControlVerdict.REPLAYED)).isEqualTo(1);
		assertThat(listener.rejected(ControlVerdict.STALE)).isEqualTo(2);
		assertThat(listener.accepted()).isEqualTo(2);
		MeterRegistry meters = this.app.context().getBean(MeterRegistry.class);
		assertThat(meters.get("heartbeat.control.rejected").tag("reason", "bad_signature").functionCounter().count())
			.isEqualTo(3);
		assertThat(meters.get("heartbeat.control.rejected").tag("reason", "replayed").functionCounter().count())
			.isEqualTo(1);
		assertThat(this.app.tracker().status()).isEqualTo(RunStatus.RUNNING);
		assertThat(events).extracting(RunStatusChangedEvent::to)
			.containsExactly(RunStatus.PAUSED, RunStatus.RUNNING);
		// with a secret there is nothing to warn about
		assertThat(output).doesNotContain("are unauthenticated");
	}

	private void send(String topic, String key, String value, long timestamp, ControlSignature signer) {
		sendSigned(topic, key, value, timestamp, (signer != null) ? signer.sign(key, value, timestamp) : null);
	}

	private void sendSigned(String topic, String key, String value, long timestamp, String signature) {
		send(signed(topic, key, value, timestamp, signature));
	}

	private static ProducerRecord<String, String> signed(String topic, String key, String value, long timestamp,
			String signature) {
		RecordHeaders headers = new RecordHeaders();
		if (signature != null) {
			headers.add(WireContract.HEADER_SIGNATURE, signature.getBytes(StandardCharsets.US_ASCII));
		}
		return new ProducerRecord<>(topic, null, timestamp, key, value, headers);
	}

	private void send(ProducerRecord<String, String> record) {
		try {
			this.producer.send(record).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static long now() {
		return System.currentTimeMillis();
	}

}
