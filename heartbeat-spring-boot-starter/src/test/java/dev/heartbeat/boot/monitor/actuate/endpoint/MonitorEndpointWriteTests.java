package dev.heartbeat.boot.monitor.actuate.endpoint;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
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
import dev.heartbeat.core.time.HeartbeatClock;
import dev.heartbeat.core.wire.ControlGate;
import dev.heartbeat.core.wire.ControlSignature;
import dev.heartbeat.core.wire.ControlVerdict;
import dev.heartbeat.core.wire.WireContract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code heartbeats} endpoint's writes, granted with
 * {@code management.endpoint.heartbeats.access=unrestricted}.
 */
@ExtendWith(SharedKafka.class)
@SpringBootTest(classes = TestMonitorApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoint.heartbeats.access=unrestricted")
@AutoConfigureRestTestClient
@DirtiesContext
class MonitorEndpointWriteTests {

	private static final String SECRET = "the-shared-secret-of-at-least-32-bytes";

	private static final String TOPIC = SharedKafka.unique("heartbeats");

	private static final String CONTROL_TOPIC = SharedKafka.unique("heartbeat-control");

	private static WireBeats wire;

	@Autowired
	private RestTestClient client;

	@Autowired
	private DeadlineEngine engine;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		EndpointTestSupport.monitorProperties(registry, TOPIC);
		registry.add("heartbeat.control.topic", () -> CONTROL_TOPIC);
		registry.add("heartbeat.control.secret", () -> SECRET);
	}

	@BeforeAll
	static void beat() {
		SharedKafka.createCompactedTopic(TOPIC, 1);
		SharedKafka.broker().addTopics(CONTROL_TOPIC);
		wire = new WireBeats(SharedKafka.bootstrapServers(), TOPIC);
		wire.beat("billing", "shop", "a1", 1, "beat/60", RunStatus.RUNNING, "UP");
		wire.beat("reports", "shop", "b1", 1, "beat/60", RunStatus.RUNNING, "UP");
	}

	@AfterAll
	static void closeWire() {
		wire.close();
	}

	@Test
	void pauseShouldPublishAControlRecordThatTheAppAcceptsAsSigned() {
		JsonNode sent = post("/actuator/heartbeats/billing/pause", "{}");
		assertThat(sent.get("signed").asBoolean()).isTrue();
		assertThat(sent.get("topic").asString()).isEqualTo(CONTROL_TOPIC);
		ConsumerRecord<String, String> record = controlRecords(1).stream()
			.filter((candidate) -> "billing".equals(candidate.key()))
			.findFirst()
			.orElseThrow();
		assertThat(record.key()).isEqualTo("billing");
		assertThat(record.value()).isEqualTo("pause");
		assertThat(Instant.ofEpochMilli(record.timestamp())).isEqualTo(Instant.parse(sent.get("at").asString()));
		String signature = new String(record.headers().lastHeader(WireContract.HEADER_SIGNATURE).value(),
				StandardCharsets.US_ASCII);
		assertThat(new ControlSignature(SECRET).verify("billing", "pause", record.timestamp(), signature)).isTrue();
		// judged exactly as the beating app judges it
		ControlGate gate = new ControlGate("billing", SECRET, Duration.ofMinutes(1), HeartbeatClock.SYSTEM);
		assertThat(gate.judge(record.key(), record.value(), record.timestamp(), signature))
			.isEqualTo(ControlVerdict.ACCEPTED);
		assertThat(new ControlGate("billing", "another-secret-that-is-32-bytes-long", Duration.ofMinutes(1),
				HeartbeatClock.SYSTEM)
			.judge(record.key(), record.value(), record.timestamp(), signature)).isEqualTo(ControlVerdict.BAD_SIGNATURE);
	}

	@Test
	void resumeShouldAddressEveryProcessWithAStar() {
		post("/actuator/heartbeats/*/resume", "{}");
		assertThat(controlRecords(1)).anySatisfy((record) -> {
			assertThat(record.key()).isEqualTo("*");
			assertThat(record.value()).isEqualTo("resume");
		});
	}

	@Test
	void snoozeShouldHoldBackEventsUntilTheGivenTime() {
		await().atMost(EndpointTestSupport.within()).until(() -> this.engine.get("reports").isPresent());
		JsonNode snoozed = post("/actuator/heartbeats/reports/snooze/PT10M", "");
		Instant until = Instant.parse(snoozed.get("until").asString());
		assertThat(until).isBetween(Instant.now().plusSeconds(590), Instant.now().plusSeconds(600));
		JsonNode process = EndpointTestSupport.get(this.client, "/actuator/heartbeats/reports");
		assertThat(Instant.parse(process.get("snoozedUntil").asString())).isEqualTo(until);
		this.client.post().uri("/actuator/heartbeats/reports/snooze/tomorrow").exchange().expectStatus().isBadRequest();
		this.client.post().uri("/actuator/heartbeats/reports/snooze").exchange().expectStatus().isBadRequest();
	}

	@Test
	void anAppShouldBeSnoozedThroughItsOwnPath() {
		await().atMost(EndpointTestSupport.within()).until(() -> this.engine.app("shop").isPresent());
		JsonNode snoozed = post("/actuator/heartbeats/apps/shop/snooze/PT10M", "");
		assertThat(snoozed.get("app").asString()).isEqualTo("shop");
		Instant until = Instant.parse(snoozed.get("until").asString());
		JsonNode list = EndpointTestSupport.get(this.client, "/actuator/heartbeats?app=shop");
		assertThat(Instant.parse(list.get("apps").get(0).get("snoozedUntil").asString())).isEqualTo(until);
		// its processes' own events are not held
		assertThat(EndpointTestSupport.get(this.client, "/actuator/heartbeats/billing").has("snoozedUntil")).isFalse();
		post("/actuator/heartbeats/apps/shop/snooze/PT0S", "");
		this.client.post().uri("/actuator/heartbeats/apps/nothing/snooze/PT1M").exchange().expectStatus().isNotFound();
	}

	@Test
	void snoozeUntilAnInstantAlreadyPastShouldEndTheSnooze() {
		await().atMost(EndpointTestSupport.within()).until(() -> this.engine.get("reports").isPresent());
		post("/actuator/heartbeats/reports/snooze/PT10M", "");
		post("/actuator/heartbeats/reports/snooze/2020-01-01T00:00:00Z", "");
		assertThat(EndpointTestSupport.get(this.client, "/actuator/heartbeats/reports").has("snoozedUntil")).isFalse();
	}

	@Test
	void pauseShouldNeedNoRequestBodyNorContentType() {
		String response = this.client.post()
			.uri("/actuator/heartbeats/billing/pause")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(EndpointTestSupport.read(response).get("action").asString()).isEqualTo("pause");
	}

	@Test
	void forgetShouldStopTrackingAProcess() {
		String process = SharedKafka.unique("temp");
		wire.beat(process, "shop", "t1", 1, "beat/60", RunStatus.RUNNING, "UP");
		await().atMost(EndpointTestSupport.within()).until(() -> this.engine.get(process).isPresent());
		this.client.delete().uri("/actuator/heartbeats/" + process).exchange().expectStatus().isOk();
		assertThat(this.engine.get(process)).isEmpty();
		this.client.delete().uri("/actuator/heartbeats/" + process).exchange().expectStatus().isNotFound();
	}

	@Test
	void unknownActionShouldBeABadRequest() {
		this.client.post()
			.uri("/actuator/heartbeats/billing/explode")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{}")
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	@Test
	void refusedWritesShouldSayWhichParameterWhichValueAndWhy() {
		badRequest("/actuator/heartbeats/reports/snooze/tomorrow", "until", "tomorrow",
				"'until' must be an ISO instant (2026-01-01T12:00:00Z) or a duration (PT10M), was 'tomorrow'");
		badRequest("/actuator/heartbeats/reports/snooze/-PT5M", "until", "-PT5M",
				"'until' must not be a negative duration, was -PT5M");
		badRequest("/actuator/heartbeats/billing/explode", "action", "explode",
				"Unknown action 'explode': use pause, resume or snooze/{until} (DELETE forgets)");
		badRequest("/actuator/heartbeats/a*b/pause", "process", "a*b", "Invalid process id \"a*b\"");
		this.client.post()
			.uri("/actuator/heartbeats/reports/snooze")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.parameter").isEqualTo("until")
			.jsonPath("$.value").doesNotExist()
			.jsonPath("$.message").value(String.class, (message) -> assertThat(message).contains("snooze needs a time"));
	}

	private void badRequest(String uri, String parameter, String value, String message) {
		this.client.post()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error").isEqualTo("Bad Request")
			.jsonPath("$.parameter").isEqualTo(parameter)
			.jsonPath("$.value").isEqualTo(value)
			.jsonPath("$.message").value(String.class, (text) -> assertThat(text).contains(message));
	}

	private JsonNode post(String uri, String body) {
		String response = this.client.post()
			.uri(uri)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		return EndpointTestSupport.read(response);
	}

	private static List<ConsumerRecord<String, String>> controlRecords(int atLeast) {
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of("bootstrap.servers", SharedKafka.bootstrapServers()), new StringDeserializer(),
				new StringDeserializer())) {
			TopicPartition partition = new TopicPartition(CONTROL_TOPIC, 0);
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			await().atMost(EndpointTestSupport.within()).until(() -> {
				consumer.poll(Duration.ofMillis(100)).forEach(records::add);
				return records.size() >= atLeast;
			});
		}
		return records;
	}

}
