package dev.heartbeat.boot.beat.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.heartbeat.boot.beat.autoconfigure.HeartbeatAutoConfiguration;
import dev.heartbeat.boot.beat.autoconfigure.HeartbeatHttpAutoConfiguration;
import dev.heartbeat.boot.test.Ready;
import dev.heartbeat.core.schedule.BeatScheduler;
import dev.heartbeat.core.schedule.PublisherStats;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.status.StatusTracker;
import dev.heartbeat.core.wire.WireContract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class HttpBeatPublisherTests {

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private volatile int answerCode = 200;

	private volatile String answerBody = "";

	private HttpServer server;

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/beats", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			// HTTP header names are case-insensitive (the JDK server rewrites their case)
			Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
			this.received.add(new Received(exchange.getRequestMethod(), body, headers));
			byte[] answer = this.answerBody.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(this.answerCode, (answer.length == 0) ? -1 : answer.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(answer);
			}
		});
		this.server.start();
		String url = "http://127.0.0.1:" + this.server.getAddress().getPort() + "/beats";
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HeartbeatHttpAutoConfiguration.class, HeartbeatAutoConfiguration.class))
			.withPropertyValues("heartbeat.http.url=" + url, "heartbeat.process=web-1", "spring.application.name=web",
					"heartbeat.instance=i1", "heartbeat.period=300ms", "heartbeat.health.timeout=100ms",
					"heartbeat.min-interval=0s");
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void eachBeatIsPostedWithThePayloadAndHeartbeatHeaders() {
		this.contextRunner.run((context) -> {
			Ready.announce(context);
			await().atMost(Duration.ofSeconds(5)).until(() -> this.received.size() >= 2);
			Received start = this.received.get(0);
			assertThat(start.method()).isEqualTo("POST");
			assertThat(start.body()).isEqualTo("start/60");
			Received beat = this.received.get(1);
			assertThat(beat.body()).isEqualTo("beat/0.3");
			Map<String, String> headers = beat.headers();
			assertThat(headers.get(WireContract.HTTP_SUBJECT)).isEqualTo("heartbeat.web-1");
			assertThat(headers.get(WireContract.HTTP_PROCESS)).isEqualTo("web-1");
			assertThat(headers.get(WireContract.HTTP_APP)).isEqualTo("web");
			assertThat(headers.get(WireContract.HTTP_INSTANCE)).isEqualTo("i1");
			assertThat(headers.get(WireContract.HTTP_SEQ)).isEqualTo("2");
			assertThat(headers.get(WireContract.HTTP_STATUS)).isEqualTo("RUNNING");
			assertThat(headers.get(WireContract.HTTP_HEALTH)).isEqualTo("UP");
			assertThat(java.time.Instant.parse(headers.get(WireContract.HTTP_SENT_AT))).isNotNull();
			assertThat(headers.get("Content-Type")).startsWith("text/plain");
		});
	}

	@Test
	void aPausedAnswerPausesTheApplication() {
		this.answerBody = "{\"status\":\"PAUSED\"}";
		this.contextRunner.run((context) -> {
			Ready.announce(context);
			StatusTracker tracker = context.getBean(StatusTracker.class);
			await().atMost(Duration.ofSeconds(5)).until(tracker::isPaused);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> this.received.stream().anyMatch((r) -> "PAUSED".equals(r.headers().get(WireContract.HTTP_STATUS))));
			this.answerBody = "{\"status\":\"RUNNING\"}";
			await().atMost(Duration.ofSeconds(5)).until(() -> tracker.status() == RunStatus.RUNNING);
		});
	}

	@Test
	void anotherSuccessfulAnswerIsIgnored() {
		this.answerBody = "{\"ok\":true}";
		this.contextRunner.run((context) -> {
			Ready.announce(context);
			await().atMost(Duration.ofSeconds(5)).until(() -> this.received.size() >= 3);
			assertThat(context.getBean(StatusTracker.class).status()).isEqualTo(RunStatus.RUNNING);
			assertThat(httpStats(context).failed()).isZero();
			assertThat(httpStats(context).sent()).isGreaterThanOrEqualTo(2);
		});
	}

	@Test
	void anErrorAnswerCountsAsAFailureAndChangesNothing() {
		this.answerCode = 503;
		this.answerBody = "{\"status\":\"PAUSED\"}";
		this.contextRunner.run((context) -> {
			Ready.announce(context);
			await().atMost(Duration.ofSeconds(5)).until(() -> httpStats(context).failed() >= 2);
			PublisherStats stats = httpStats(context);
			assertThat(stats.sent()).isZero();
			assertThat(stats.lastError()).contains("HTTP 503");
			assertThat(context.getBean(StatusTracker.class).status()).isEqualTo(RunStatus.RUNNING);
		});
	}

	private static PublisherStats httpStats(org.springframework.context.ApplicationContext context) {
		return context.getBean(BeatScheduler.class).stats().publishers().get(0);
	}

	record Received(String method, String body, Map<String, String> headers) {
	}

}
