package dev.heartbeat.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.UseMainMethod;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.heartbeat.core.schedule.BeatScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample as the README's tour uses it: started through its main method, so with its embedded
 * Kafka broker, with the workers' story sped up.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT, useMainMethod = UseMainMethod.ALWAYS,
		properties = { "sample.workers.period=500ms", "sample.workers.warmup=5s", "sample.workers.crash-after=3s",
				"sample.workers.stop-after=4s", "sample.workers.restart-after=0s" })
@AutoConfigureRestTestClient
@DirtiesContext
class SampleApplicationTests {

	private static final Duration WITHIN = Duration.ofSeconds(20);

	@Autowired
	private RestTestClient client;

	@Autowired
	private BeatScheduler scheduler;

	@DynamicPropertySource
	static void port(DynamicPropertyRegistry registry) {
		int port = SampleTestSupport.freePort();
		registry.add("server.port", () -> port);
	}

	@Test
	void sampleShouldBeatThroughKafkaAndItsMonitorShouldSeeItAndTheWorkers() {
		await().atMost(WITHIN).untilAsserted(() -> this.client.get()
			.uri("/actuator/heartbeats")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.processes[?(@.process == 'sample')].app").isEqualTo("sample")
			.jsonPath("$.processes[?(@.process == 'worker-steady')].state").isEqualTo("UP")
			.jsonPath("$.processes[?(@.process == 'worker-flappy')].app").isEqualTo("workers"));
		this.client.get()
			.uri("/actuator/heartbeat")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.process").isEqualTo("sample")
			.jsonPath("$.publishers[0].name").isEqualTo("kafka")
			.jsonPath("$.publishers[0].failed").isEqualTo(0);
	}

	@Test
	void crashedWorkerShouldBeReportedDeadAndTheGracefulOneStoppedAlsoToTheWebhook() {
		await().atMost(WITHIN).untilAsserted(() -> this.client.get()
			.uri("/actuator/heartbeats")
			.exchange()
			.expectBody()
			.jsonPath("$.processes[?(@.process == 'worker-crash')].state").isEqualTo("DEAD")
			.jsonPath("$.processes[?(@.process == 'worker-graceful')].state").isEqualTo("STOPPED"));
		await().atMost(WITHIN).untilAsserted(() -> this.client.get()
			.uri("/demo/webhook")
			.exchange()
			.expectBody()
			.jsonPath("$[?(@.body.event == 'heartbeat.worker-crash.dead')]").exists()
			.jsonPath("$[?(@.body.event == 'heartbeat.worker-graceful.stopped')]").exists());
		// the ops-slack listener's messages, Slack's JSON, to the same receiver
		await().atMost(WITHIN).untilAsserted(() -> this.client.get()
			.uri("/demo/webhook")
			.exchange()
			.expectBody()
			.jsonPath("$[?(@.body.blocks)].body.text").exists());
	}

	@Test
	void flippingTheDemoHealthShouldChangeTheNextBeats() {
		try {
			flip("DEGRADED");
			await().atMost(WITHIN).until(() -> "degraded".equals(lastBeatKind()));
			// DEGRADED is ranked and mapped to 200 in application.yml
			this.client.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
				.jsonPath("$.status").isEqualTo("DEGRADED");
			flip("DOWN");
			await().atMost(WITHIN).until(() -> "DOWN".equals(this.scheduler.stats().lastBeat().health()));
			assertThat(lastBeatKind()).isEqualTo("degraded");
			this.client.get().uri("/actuator/health").exchange().expectStatus().isEqualTo(503);
		}
		finally {
			flip("UP");
		}
		await().atMost(WITHIN).until(() -> "beat".equals(lastBeatKind()));
	}

	@Test
	void pauseThroughTheMonitorShouldTakeTheSampleOutOfTrafficUntilResumed() {
		try {
			command("pause");
			await().atMost(WITHIN).untilAsserted(() -> this.client.get()
				.uri("/actuator/health/readiness")
				.exchange()
				.expectStatus()
				.isEqualTo(503));
			this.client.get().uri("/actuator/heartbeat").exchange().expectBody()
				.jsonPath("$.runStatus").isEqualTo("PAUSED");
			await().atMost(WITHIN).untilAsserted(() -> this.client.get()
				.uri("/actuator/heartbeats/sample")
				.exchange()
				.expectBody()
				.jsonPath("$.state").isEqualTo("PAUSED"));
		}
		finally {
			command("resume");
		}
		await().atMost(WITHIN).untilAsserted(
				() -> this.client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk());
	}

	@Test
	void boardShouldBeServed() {
		this.client.get().uri("/heartbeat/").exchange().expectStatus().isOk().expectBody(String.class)
			.value((page) -> assertThat(page).contains("data-api=\"../actuator/heartbeats\"")
				.contains("data-writes=\"true\""));
	}

	@Test
	void prometheusShouldExposeEveryMetricTheDashboardAndTheAlertRulesQuery() {
		List<String> expressions = OpsQueries.expressions();
		assertThat(OpsQueries.dashboardPanels()).hasSizeGreaterThanOrEqualTo(13);
		assertThat(OpsQueries.ruleExpressions()).hasSizeGreaterThanOrEqualTo(11);
		// some series appear only once the monitor's consumer fetched, or after a first recount
		await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			Map<String, List<Map<String, String>>> scraped = OpsQueries.series(this.client.get()
				.uri("/actuator/prometheus")
				.exchange()
				.expectStatus()
				.isOk()
				.returnResult(String.class)
				.getResponseBody());
			for (String expression : expressions) {
				assertThat(OpsQueries.metricNames(expression)).as(expression).isNotEmpty();
				for (String name : OpsQueries.metricNames(expression)) {
					assertThat(scraped).as("%s in %s", name, expression).containsKey(name);
				}
				for (Map.Entry<String, Map<String, String>> selector : OpsQueries.exactMatchers(expression)) {
					assertThat(scraped.get(selector.getKey())).as("%s in %s", selector, expression)
						.anySatisfy((labels) -> assertThat(labels).containsAllEntriesOf(selector.getValue()));
				}
			}
		});
	}

	private void flip(String status) {
		this.client.post().uri("/demo/health/" + status).exchange().expectStatus().isOk();
	}

	private void command(String action) {
		this.client.post()
			.uri("/actuator/heartbeats/sample/" + action)
			.contentType(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.signed").isEqualTo(true);
	}

	private String lastBeatKind() {
		var last = this.scheduler.stats().lastBeat();
		return (last != null) ? last.beat().kind().verb() : null;
	}

}
