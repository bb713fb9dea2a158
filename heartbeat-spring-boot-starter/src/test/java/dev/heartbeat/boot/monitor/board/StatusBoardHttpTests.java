package dev.heartbeat.boot.monitor.board;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.heartbeat.boot.monitor.support.SharedKafka;
import dev.heartbeat.boot.monitor.support.TestMonitorApplication;
import dev.heartbeat.boot.monitor.support.WireBeats;
import dev.heartbeat.core.status.RunStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The board over real HTTP, behind a context path, at a custom path and with the actuator under
 * a custom base path: the endpoint URL the page is given, resolved against the page's own URL
 * as a browser resolves it, reaches the heartbeats endpoint.
 */
@ExtendWith(SharedKafka.class)
@SpringBootTest(classes = TestMonitorApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.servlet.context-path=/app", "heartbeat.monitor.board.path=/ops/board",
				"management.endpoints.web.base-path=/manage", "management.endpoint.heartbeats.access=unrestricted" })
@DirtiesContext
class StatusBoardHttpTests {

	private static final String TOPIC = SharedKafka.unique("heartbeats");

	private static final Pattern API = Pattern.compile("data-api=\"([^\"]*)\"");

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", SharedKafka::bootstrapServers);
		registry.add("heartbeat.kafka.topic", () -> TOPIC);
		registry.add("heartbeat.monitor.group-id", () -> SharedKafka.unique("group"));
		registry.add("heartbeat.monitor.enabled", () -> "true");
		registry.add("heartbeat.enabled", () -> "false");
		registry.add("management.endpoints.web.exposure.include", () -> "heartbeats");
	}

	@BeforeAll
	static void beat() {
		SharedKafka.createCompactedTopic(TOPIC, 1);
		try (WireBeats wire = new WireBeats(SharedKafka.bootstrapServers(), TOPIC)) {
			wire.beat("billing", "shop", "a1", 1, "beat/60", RunStatus.RUNNING, "UP");
		}
	}

	@Test
	void pathShouldRedirectToThePageKeepingTheContextPath() throws Exception {
		HttpResponse<String> response = get(url("/app/ops/board"));
		assertThat(response.statusCode()).isEqualTo(302);
		URI page = url("/app/ops/board").resolve(response.headers().firstValue("Location").orElseThrow());
		assertThat(page.getPath()).isEqualTo("/app/ops/board/");
	}

	@Test
	void endpointUrlOfThePageShouldReachTheHeartbeatsEndpoint() throws Exception {
		URI page = url("/app/ops/board/");
		HttpResponse<String> response = get(page);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("data-writes=\"true\"");
		Matcher api = API.matcher(response.body());
		assertThat(api.find()).isTrue();
		URI endpoint = page.resolve(api.group(1));
		assertThat(endpoint.getPath()).isEqualTo("/app/manage/heartbeats");
		await().untilAsserted(() -> assertThat(get(endpoint).body()).contains("\"process\":\"billing\""));
		assertThat(get(page.resolve("board.js")).statusCode()).isEqualTo(200);
		assertThat(get(page.resolve("board.css")).statusCode()).isEqualTo(200);
	}

	private URI url(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri).header("Accept", "application/json, text/html").build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
