package dev.heartbeat.boot.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.WebApplicationType;

import dev.heartbeat.boot.beat.kafka.KafkaControlListener;
import dev.heartbeat.boot.monitor.support.LocalApp;
import dev.heartbeat.boot.monitor.support.MonitorApp;
import dev.heartbeat.boot.monitor.support.SharedKafka;
import dev.heartbeat.boot.test.Http;
import dev.heartbeat.core.monitor.ProcessSnapshot;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.monitor.StateChange;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.wire.ControlVerdict;
import dev.heartbeat.core.wire.WireContract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An operator pauses a real application from the monitor's endpoint: the monitor signs a control
 * record, the application (a web application with the starter) accepts it from Kafka, refuses
 * traffic and beats {@code PAUSED}, and the monitor shows it paused. Resume undoes it all.
 */
@ExtendWith(SharedKafka.class)
class PauseFromTheMonitorTests {

	private static final String SECRET = "e2e-secret-shared-by-monitor-and-app";

	private static final Duration PERIOD = Duration.ofMillis(300);

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static String topic;

	private static String process;

	private static LocalApp app;

	private static MonitorApp monitor;

	@BeforeAll
	static void startApplicationAndMonitor() {
		topic = SharedKafka.createCompactedTopic(SharedKafka.unique("heartbeats"), 1);
		String controlTopic = SharedKafka.unique("heartbeat-control");
		SharedKafka.broker().addTopics(controlTopic);
		process = SharedKafka.unique("checkout");
		String[] control = { "heartbeat.control.topic=" + controlTopic, "heartbeat.control.secret=" + SECRET };
		app = LocalApp.start(WebApplicationType.SERVLET, SharedKafka.bootstrapServers(), topic, process, PERIOD,
				control[0], control[1], "management.endpoints.web.exposure.include=health,heartbeat",
				"management.endpoint.health.probes.enabled=true");
		monitor = MonitorApp.start(WebApplicationType.SERVLET, topic, SharedKafka.unique("group"), control[0],
				control[1], "management.endpoints.web.exposure.include=heartbeats",
				"management.endpoint.heartbeats.access=unrestricted");
	}

	@AfterAll
	static void close() {
		app.close();
		monitor.close();
	}

	@Test
	void pauseFromTheMonitorEndpointShouldPauseTheRealAppOverKafkaAndResumeShouldRestoreIt() {
		KafkaControlListener listener = app.context().getBean(KafkaControlListener.class);
		await().atMost(WAIT).until(() -> !listener.assignedPartitions().isEmpty());
		await().atMost(WAIT).until(() -> state() == ProcessState.UP);
		assertThat(Http.get(app.port(), "/actuator/health/readiness").status()).isEqualTo(200);
		int before = monitor.events().of(process).size();

		JsonNode sent = Http.post(monitor.port(), "/actuator/heartbeats/" + process + "/pause", "{}").json();
		assertThat(sent.get("signed").asBoolean()).isTrue();
		await().atMost(WAIT).until(app.tracker()::isPaused);
		assertThat(listener.accepted()).isEqualTo(1);
		assertThat(listener.rejected(ControlVerdict.UNSIGNED) + listener.rejected(ControlVerdict.BAD_SIGNATURE))
			.isZero();
		assertThat(Http.get(app.port(), "/actuator/heartbeat").json().get("runStatus").asString()).isEqualTo("PAUSED");
		assertThat(Http.get(app.port(), "/actuator/health/readiness").status()).isEqualTo(503);
		StateChange paused = monitor.events().awaitAfter(process, ProcessState.PAUSED, before, WAIT);
		assertThat(paused.lastBeat().status()).isEqualTo(RunStatus.PAUSED);
		ConsumerRecord<String, String> beat = SharedKafka.lastRecord(topic, process).orElseThrow();
		assertThat(header(beat, WireContract.HEADER_STATUS)).isEqualTo("PAUSED");
		assertThat(beat.value()).isEqualTo("beat/0.3");
		assertThat(Http.get(monitor.port(), "/actuator/heartbeats/" + process).json().get("state").asString())
			.isEqualTo("PAUSED");
		int whilePaused = monitor.events().of(process).size();

		Http.post(monitor.port(), "/actuator/heartbeats/" + process + "/resume", "{}");
		await().atMost(WAIT).until(() -> app.tracker().status() == RunStatus.RUNNING);
		assertThat(Http.get(app.port(), "/actuator/heartbeat").json().get("runStatus").asString())
			.isEqualTo("RUNNING");
		assertThat(Http.get(app.port(), "/actuator/health/readiness").status()).isEqualTo(200);
		monitor.events().awaitAfter(process, ProcessState.UP, whilePaused, WAIT);
		assertThat(header(SharedKafka.lastRecord(topic, process).orElseThrow(), WireContract.HEADER_STATUS))
			.isEqualTo("RUNNING");
		assertThat(Http.get(monitor.port(), "/actuator/heartbeats/" + process).json().get("state").asString())
			.isEqualTo("UP");
	}

	private static ProcessState state() {
		return monitor.engine().get(process).map(ProcessSnapshot::state).orElse(null);
	}

	private static String header(ConsumerRecord<String, String> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

}
