package dev.heartbeat.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged sample jar, AOT-processed by the build, started in a JVM of its own with
 * {@code -Dspring.aot.enabled=true}: it runs on the generated bean definitions (its log says
 * "AOT-processed"), and the status board, {@code /actuator/heartbeat} and
 * {@code /actuator/heartbeats} answer as they do without AOT. Run by failsafe in
 * {@code ./mvnw -B verify}, after the jar is built.
 */
class AotJarIT {

	private static final Duration START_WITHIN = Duration.ofSeconds(90);

	private static final Path LOG = Path.of("target", "aot-jar.log");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private Process sample;

	@AfterEach
	void stop() throws InterruptedException {
		if (this.sample != null) {
			this.sample.destroy();
			if (!this.sample.waitFor(30, TimeUnit.SECONDS)) {
				this.sample.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
	}

	@Test
	void theAotProcessedJarShouldServeTheBoardAndBothEndpoints() throws Exception {
		Path jar = Path.of(System.getProperty("sample.jar", "target/sample-app-0.1.0-SNAPSHOT.jar"));
		assertThat(jar).exists();
		int port = SampleTestSupport.freePort();
		Files.createDirectories(LOG.getParent());
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		this.sample = new ProcessBuilder(List.of(java, "-Dspring.aot.enabled=true", "-Xmx512m", "-jar",
				jar.toAbsolutePath().toString(), "--server.port=" + port))
			.redirectErrorStream(true)
			.redirectOutput(LOG.toFile())
			.start();

		await().atMost(START_WITHIN)
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.until(() -> get(port, "/actuator/heartbeat").statusCode() == 200);
		assertThat(Files.readString(LOG)).contains("Starting AOT-processed SampleApplication");

		HttpResponse<String> board = get(port, "/heartbeat/");
		assertThat(board.statusCode()).isEqualTo(200);
		assertThat(board.body()).contains("<title>Heartbeats</title>").contains("data-writes=\"true\"");
		assertThat(get(port, "/heartbeat/board.js").body()).contains("heartbeats endpoint");
		assertThat(get(port, "/heartbeat/board.css").statusCode()).isEqualTo(200);

		assertThat(get(port, "/actuator/heartbeat").body()).contains("\"process\":\"sample\"")
			.contains("\"runStatus\":\"RUNNING\"");
		// the monitor in the same jar sees the sample's own beats through the embedded broker
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(get(port, "/actuator/heartbeats").body())
				.contains("\"process\":\"sample\"")
				.contains("\"state\":\"UP\""));
	}

	private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(5))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
