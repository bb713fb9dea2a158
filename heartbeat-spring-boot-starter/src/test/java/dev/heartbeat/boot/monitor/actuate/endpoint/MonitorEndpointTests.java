package dev.heartbeat.boot.monitor.actuate.endpoint;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

import dev.heartbeat.boot.monitor.support.SharedKafka;
import dev.heartbeat.boot.monitor.support.TestMonitorApplication;
import dev.heartbeat.boot.monitor.support.WireBeats;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.status.RunStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code heartbeats} endpoint through real HTTP calls, with the default (read-only) access.
 */
@ExtendWith(SharedKafka.class)
@SpringBootTest(classes = TestMonitorApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@DirtiesContext
class MonitorEndpointTests {

	private static final String TOPIC = SharedKafka.unique("heartbeats");

	private static WireBeats wire;

	private static long alphaBeat;

	@Autowired
	private RestTestClient client;

	@Autowired
	private DeadlineEngine engine;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		EndpointTestSupport.monitorProperties(registry, TOPIC);
	}

	@BeforeAll
	static void beat() {
		SharedKafka.createCompactedTopic(TOPIC, 1);
		wire = new WireBeats(SharedKafka.bootstrapServers(), TOPIC);
		alphaBeat = wire.beat("svc-alpha", "alpha", "a1", 1, "beat/60", RunStatus.RUNNING, "UP");
		wire.beat("svc-beta", "beta", "b1", 1, "degraded/60", RunStatus.RUNNING, "DOWN");
		wire.beat("svc-gamma", "alpha", "c1", 1, "beat/60", RunStatus.PAUSED, "UP");
		wire.beat("svc-delta", "beta", "d1", 2, "stop", RunStatus.RUNNING, "UP");
	}

	@AfterAll
	static void closeWire() {
		wire.close();
	}

	void awaitTracked() {
		await().atMost(EndpointTestSupport.within()).until(() -> this.engine.size() == 4);
	}

	@Test
	void listShouldShowEveryProcessWithStateAppLastBeatAndDeadline() {
		awaitTracked();
		JsonNode list = EndpointTestSupport.get(this.client, "/actuator/heartbeats");
		assertThat(list.get("total").asInt()).isEqualTo(4);
		assertThat(list.get("truncated").asBoolean()).isFalse();
		assertThat(list.get("limit").asInt()).isEqualTo(MonitorEndpoint.MAX_LIST);
		assertThat(list.get("counts").get("UP").asInt()).isEqualTo(1);
		assertThat(list.get("processes").valueStream().map((process) -> process.get("process").asString()))
			.containsExactly("svc-alpha", "svc-beta", "svc-delta", "svc-gamma");
		JsonNode alpha = list.get("processes").get(0);
		assertThat(alpha.get("app").asString()).isEqualTo("alpha");
		assertThat(alpha.get("state").asString()).isEqualTo("UP");
		assertThat(alpha.get("lastBeat").asString()).isEqualTo("beat/60");
		assertThat(alpha.get("runStatus").asString()).isEqualTo("RUNNING");
		assertThat(Instant.parse(alpha.get("lastBeatAt").asString())).isEqualTo(Instant.ofEpochMilli(alphaBeat));
		assertThat(Instant.parse(alpha.get("nextDeadline").asString()))
			.isEqualTo(Instant.ofEpochMilli(alphaBeat + 90_000));
		assertThat(alpha.get("secondsOverdue").asDouble()).isZero();
		JsonNode gamma = list.get("processes").get(3);
		assertThat(gamma.get("state").asString()).isEqualTo("PAUSED");
		assertThat(gamma.get("runStatus").asString()).isEqualTo("PAUSED");
	}

	@Test
	void listShouldSayWhatTheMonitorCanSeeOfItsPartitions() {
		awaitTracked();
		await().atMost(EndpointTestSupport.within()).until(() -> !this.engine.sights().isEmpty());
		JsonNode sight = EndpointTestSupport.get(this.client, "/actuator/heartbeats").get("sight");
		assertThat(sight.get("blind").asBoolean()).isFalse();
		assertThat(sight.has("blindSince")).as("null, left out").isFalse();
		assertThat(sight.get("heldVerdicts").asLong()).isZero();
		JsonNode partition = sight.get("partitions").get(0);
		assertThat(partition.get("partition").asInt()).isZero();
		assertThat(partition.get("blind").asBoolean()).isFalse();
		assertThat(Instant.parse(partition.get("seenUpTo").asString())).isBefore(Instant.now().plusSeconds(1));
	}

	@Test
	void listShouldFilterByStateAndApp() {
		awaitTracked();
		assertThat(names(EndpointTestSupport.get(this.client, "/actuator/heartbeats?state=degraded")))
			.containsExactly("svc-beta");
		assertThat(names(EndpointTestSupport.get(this.client, "/actuator/heartbeats?app=alpha")))
			.containsExactly("svc-alpha", "svc-gamma");
		assertThat(names(EndpointTestSupport.get(this.client, "/actuator/heartbeats?state=STOPPED&app=beta")))
			.containsExactly("svc-delta");
		this.client.get().uri("/actuator/heartbeats?state=asleep").exchange().expectStatus().isBadRequest();
	}

	@Test
	void aBadRequestShouldSayWhichParameterWhichValueAndWhy() {
		this.client.get()
			.uri("/actuator/heartbeats?state=asleep")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.status").isEqualTo(400)
			.jsonPath("$.parameter").isEqualTo("state")
			.jsonPath("$.value").isEqualTo("asleep")
			.jsonPath("$.message").isEqualTo("Unknown state 'asleep': use starting, up, degraded, paused, late, dead or stopped");
	}

	@Test
	void listShouldShowEveryAppBesideTheProcessesWithItsStateAndCounts() {
		awaitTracked();
		JsonNode list = EndpointTestSupport.get(this.client, "/actuator/heartbeats");
		assertThat(list.get("apps").valueStream().map((app) -> app.get("app").asString())).containsExactly("alpha",
				"beta");
		JsonNode alpha = list.get("apps").get(0);
		assertThat(alpha.get("state").asString()).isEqualTo("UP");
		assertThat(alpha.get("instances").asInt()).isEqualTo(2);
		assertThat(alpha.get("live").asInt()).isEqualTo(2);
		assertThat(alpha.get("minInstances").asInt()).isEqualTo(1);
		assertThat(alpha.get("counts").get("UP").asInt()).isOne();
		assertThat(alpha.get("counts").get("PAUSED").asInt()).isOne();
		assertThat(alpha.get("counts").has("UNKNOWN")).isFalse();
		// a degraded instance makes its app degraded; a stopped one is not alive
		JsonNode beta = list.get("apps").get(1);
		assertThat(beta.get("state").asString()).isEqualTo("DEGRADED");
		assertThat(beta.get("live").asInt()).isOne();
		assertThat(beta.get("counts").get("STOPPED").asInt()).isOne();
		// the app filter narrows the apps too, the state filter only the processes
		JsonNode onlyAlpha = EndpointTestSupport.get(this.client, "/actuator/heartbeats?app=alpha");
		assertThat(onlyAlpha.get("apps").valueStream().map((app) -> app.get("app").asString()))
			.containsExactly("alpha");
		JsonNode dead = EndpointTestSupport.get(this.client, "/actuator/heartbeats?state=dead");
		assertThat(dead.get("processes").isEmpty()).isTrue();
		assertThat(dead.get("apps").size()).isEqualTo(2);
	}

	@Test
	void oneProcessShouldBeFoundByIdAndAnUnknownOneShouldBeNotFound() {
		awaitTracked();
		JsonNode beta = EndpointTestSupport.get(this.client, "/actuator/heartbeats/svc-beta");
		assertThat(beta.get("state").asString()).isEqualTo("DEGRADED");
		assertThat(beta.get("health").asString()).isEqualTo("DOWN");
		assertThat(beta.get("instance").asString()).isEqualTo("b1");
		this.client.get().uri("/actuator/heartbeats/nobody").exchange().expectStatus().isNotFound();
	}

	@Test
	void writesShouldBeRefusedByDefault() {
		awaitTracked();
		this.client.post()
			.uri("/actuator/heartbeats/svc-alpha/pause")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{}")
			.exchange()
			.expectStatus()
			.is4xxClientError();
		this.client.delete().uri("/actuator/heartbeats/svc-alpha").exchange().expectStatus().is4xxClientError();
		assertThat(this.engine.get("svc-alpha")).isPresent();
	}

	private static List<String> names(JsonNode list) {
		return list.get("processes").valueStream().map((process) -> process.get("process").asString()).toList();
	}

}
