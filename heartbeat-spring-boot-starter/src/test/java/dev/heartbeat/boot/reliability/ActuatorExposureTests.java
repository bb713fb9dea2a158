package dev.heartbeat.boot.reliability;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.endpoint.OperationType;
import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;
import org.springframework.boot.actuate.endpoint.web.WebEndpointsSupplier;
import org.springframework.boot.actuate.endpoint.web.WebOperation;

import dev.heartbeat.boot.monitor.support.LocalApp;
import dev.heartbeat.boot.monitor.support.SharedKafka;
import dev.heartbeat.boot.test.Http;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.monitor.ProcessSnapshot;
import dev.heartbeat.core.status.RunStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The write operations of the {@code heartbeat} and {@code heartbeats} endpoints (pause, resume,
 * snooze, forget) are never reachable over HTTP unless the user grants them: by default neither
 * endpoint is exposed, and exposing one exposes its reads only.
 */
@ExtendWith(SharedKafka.class)
class ActuatorExposureTests {

	private LocalApp app;

	private String process;

	private String controlTopic;

	@AfterEach
	void close() {
		if (this.app != null) {
			this.app.close();
		}
	}

	@Test
	void byDefaultNeitherEndpointIsReachableOverHttp() {
		start();
		assertThat(Http.get(port(), "/actuator/health").status()).isEqualTo(200);
		assertThat(Http.get(port(), "/actuator/heartbeat").status()).isEqualTo(404);
		assertThat(Http.get(port(), "/actuator/heartbeats").status()).isEqualTo(404);
		assertWritesRefusedAndNothingChanged();
	}

	@Test
	void exposingTheEndpointsShouldExposeTheirReadsOnly() {
		start("management.endpoints.web.exposure.include=heartbeat,heartbeats");
		assertThat(Http.get(port(), "/actuator/heartbeat").status()).isEqualTo(200);
		assertThat(Http.get(port(), "/actuator/heartbeats").status()).isEqualTo(200);
		assertThat(Http.get(port(), "/actuator/heartbeats/" + this.process).status()).isEqualTo(200);
		List<ExposableWebEndpoint> endpoints = this.app.context()
			.getBean(WebEndpointsSupplier.class)
			.getEndpoints()
			.stream()
			.filter((endpoint) -> List.of("heartbeat", "heartbeats").contains(endpoint.getEndpointId().toString()))
			.map(ExposableWebEndpoint.class::cast)
			.toList();
		assertThat(endpoints).hasSize(2);
		assertThat(endpoints).flatExtracting(ExposableWebEndpoint::getOperations)
			.extracting(WebOperation::getType)
			.containsOnly(OperationType.READ);
		assertWritesRefusedAndNothingChanged();
	}

	private void assertWritesRefusedAndNothingChanged() {
		List<Http.Answer> writes = List.of(Http.post(port(), "/actuator/heartbeat/pause", "{}"),
				Http.post(port(), "/actuator/heartbeat/resume", "{}"),
				Http.post(port(), "/actuator/heartbeats/" + this.process + "/pause", "{}"),
				Http.post(port(), "/actuator/heartbeats/*/pause", "{}"),
				Http.post(port(), "/actuator/heartbeats/" + this.process + "/resume", "{}"),
				Http.post(port(), "/actuator/heartbeats/" + this.process + "/snooze/PT1H", ""),
				Http.delete(port(), "/actuator/heartbeats/" + this.process));
		assertThat(writes).extracting(Http.Answer::status)
			.allSatisfy((status) -> assertThat(status).isBetween(400, 499));
		assertThat(this.app.tracker().status()).isEqualTo(RunStatus.RUNNING);
		ProcessSnapshot tracked = this.app.context().getBean(DeadlineEngine.class).get(this.process).orElseThrow();
		assertThat(tracked.snoozedUntil()).isNull();
		assertThat(SharedKafka.records(this.controlTopic, this.process)).isEmpty();
		assertThat(SharedKafka.records(this.controlTopic, "*")).isEmpty();
	}

	/**
	 * An application that beats and monitors its own topic: it has both endpoints, and tracks
	 * itself.
	 */
	private void start(String... management) {
		String topic = SharedKafka.createCompactedTopic(SharedKafka.unique("heartbeats"), 1);
		this.controlTopic = SharedKafka.unique("heartbeat-control");
		SharedKafka.broker().addTopics(this.controlTopic);
		this.process = SharedKafka.unique("exposed");
		String[] properties = new String[management.length + 4];
		properties[0] = "heartbeat.monitor.enabled=true";
		properties[1] = "heartbeat.monitor.group-id=" + SharedKafka.unique("group");
		properties[2] = "heartbeat.control.topic=" + this.controlTopic;
		properties[3] = "heartbeat.control.secret=exposure-secret-of-at-least-32-bytes";
		System.arraycopy(management, 0, properties, 4, management.length);
		this.app = LocalApp.start(WebApplicationType.SERVLET, SharedKafka.bootstrapServers(), topic, this.process,
				Duration.ofMillis(500), properties);
		DeadlineEngine engine = this.app.context().getBean(DeadlineEngine.class);
		await().atMost(Duration.ofSeconds(15)).until(() -> engine.get(this.process).isPresent());
	}

	private int port() {
		return this.app.port();
	}

}
