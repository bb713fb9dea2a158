package dev.heartbeat.boot.beat.actuate.endpoint;

import java.time.Duration;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.heartbeat.core.schedule.BeatScheduler;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.status.StatusTracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The endpoint over real HTTP: what it shows, and that writes need unrestricted access.
 */
class HeartbeatEndpointIntegrationTests {

	private static final String COMMON = "heartbeat.process=web-7";

	@Nested
	@SpringBootTest(classes = WebApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { COMMON, "spring.application.name=web", "heartbeat.instance=i7",
					"management.endpoints.web.exposure.include=heartbeat,health",
					"management.endpoint.health.probes.enabled=true" })
	@AutoConfigureRestTestClient
	class WithDefaultAccess {

		@Autowired
		RestTestClient client;

		@Autowired
		StatusTracker tracker;

		@Autowired
		BeatScheduler scheduler;

		@Test
		void showsWhoBeatsTheLastBeatAndEachPublisher() {
			await().atMost(Duration.ofSeconds(10)).until(() -> this.scheduler.stats().lastBeat() != null
					&& "beat".equals(this.scheduler.stats().lastBeat().beat().kind().verb()));
			this.client.get()
				.uri("/actuator/heartbeat")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.process").isEqualTo("web-7")
				.jsonPath("$.app").isEqualTo("web")
				.jsonPath("$.instance").isEqualTo("i7")
				.jsonPath("$.runStatus").isEqualTo("RUNNING")
				.jsonPath("$.health").isEqualTo("UP")
				.jsonPath("$.decision").isEqualTo("beat")
				.jsonPath("$.running").isEqualTo(true)
				.jsonPath("$.period").isEqualTo("PT5S")
				.jsonPath("$.lastBeat.kind").isEqualTo("beat")
				.jsonPath("$.lastBeat.payload").isEqualTo("beat/5")
				.jsonPath("$.lastBeat.seq").isEqualTo(2)
				.jsonPath("$.lastBeat.at").isNotEmpty()
				.jsonPath("$.nextBeatDue").isNotEmpty()
				.jsonPath("$.watchdog").isEqualTo("OK")
				.jsonPath("$.publishers[0].name").isEqualTo("log")
				.jsonPath("$.publishers[0].sent").isEqualTo(2)
				.jsonPath("$.publishers[0].failed").isEqualTo(0)
				.jsonPath("$.publishers[0].timedOut").isEqualTo(0);
		}

		@Test
		void refusesToPauseWithoutUnrestrictedAccess() {
			int status = this.client.post().uri("/actuator/heartbeat/pause").exchange().returnResult().getStatus().value();
			assertThat(status).isBetween(400, 499);
			assertThat(this.tracker.status()).isEqualTo(RunStatus.RUNNING);
			this.client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
		}

		@Test
		void theHeartbeatHealthIsPartOfHealth() {
			this.client.get()
				.uri("/actuator/health")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.status").isEqualTo("UP");
		}

	}

	@Nested
	@SpringBootTest(classes = WebApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { COMMON, "management.endpoints.web.exposure.include=heartbeat,health",
					"management.endpoint.heartbeat.access=unrestricted",
					"management.endpoint.health.probes.enabled=true" })
	@AutoConfigureRestTestClient
	class WithUnrestrictedAccess {

		@Autowired
		RestTestClient client;

		@Autowired
		StatusTracker tracker;

		@Test
		void pausesAndResumesLocally() {
			this.client.post()
				.uri("/actuator/heartbeat/pause")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.runStatus").isEqualTo("PAUSED");
			assertThat(this.tracker.status()).isEqualTo(RunStatus.PAUSED);
			this.client.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503);
			this.client.post()
				.uri("/actuator/heartbeat/resume")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.runStatus").isEqualTo("RUNNING");
			this.client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
		}

		@Test
		void anUnknownActionIsABadRequest() {
			this.client.post().uri("/actuator/heartbeat/explode").exchange().expectStatus().isBadRequest();
			assertThat(this.tracker.status()).isEqualTo(RunStatus.RUNNING);
		}

		@Test
		void anUnknownActionIsAnsweredWithWhichActionAndWhy() {
			this.client.post()
				.uri("/actuator/heartbeat/explode")
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.parameter").isEqualTo("action")
				.jsonPath("$.value").isEqualTo("explode")
				.jsonPath("$.message").isEqualTo("Unknown heartbeat action 'explode', expected pause or resume");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration(excludeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
	static class WebApplication {

	}

}
