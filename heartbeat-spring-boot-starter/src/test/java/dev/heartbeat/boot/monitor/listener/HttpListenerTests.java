package dev.heartbeat.boot.monitor.listener;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import dev.heartbeat.boot.monitor.support.MonitorApp;
import dev.heartbeat.boot.monitor.support.SharedKafka;
import dev.heartbeat.boot.monitor.support.SimulatedApp;
import dev.heartbeat.boot.monitor.support.WireBeats;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.monitor.StateChange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * HTTP listeners of a real monitor against a real loopback server.
 */
@ExtendWith(SharedKafka.class)
class HttpListenerTests {

	private static final Duration PERIOD = Duration.ofMillis(300);

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final CountDownLatch release = new CountDownLatch(1);

	private final ExecutorService handlers = Executors.newCachedThreadPool();

	private HttpServer server;

	private MonitorApp monitor;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.handlers);
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.release.countDown();
		if (this.monitor != null) {
			this.monitor.close();
		}
		this.server.stop(0);
		this.handlers.shutdownNow();
	}

	@Test
	void listenersShouldGetTheTemplatedJsonOfTheEventsTheyMatchWhileAHangingOneTimesOut() {
		String topic = SharedKafka.createCompactedTopic(SharedKafka.unique("heartbeats"), 1);
		String base = "http://127.0.0.1:" + this.server.getAddress().getPort();
		this.monitor = MonitorApp.start(topic, SharedKafka.unique("group"),
				"heartbeat.monitor.listeners.everything.kind=http",
				"heartbeat.monitor.listeners.everything.url=" + base + "/all",
				"heartbeat.monitor.listeners.everything.headers.X-Token=s3cret",
				"heartbeat.monitor.listeners.everything.body={\"text\":\"{process} of {app} is {state}, was {previous}\","
						+ "\"at\":\"{at}\",\"lastBeatAt\":\"{lastBeatAt}\",\"period\":{period},"
						// Spring resolves ${...} when it reads configuration; \${ keeps it for the template
						+ "\"literal\":\"#{T(java.lang.Runtime).getRuntime().exec('x')} \\${user.home} {unknown}\"}",
				"heartbeat.monitor.listeners.deaths.kind=http",
				"heartbeat.monitor.listeners.deaths.url=" + base + "/deaths",
				"heartbeat.monitor.listeners.deaths.event-regex=heartbeat\\.[^.]+\\.(dead|stopped)",
				"heartbeat.monitor.listeners.hanging.kind=http",
				"heartbeat.monitor.listeners.hanging.url=" + base + "/hang",
				"heartbeat.monitor.listeners.hanging.timeout=200ms", "heartbeat.monitor.listeners.hanging.retries=2",
				"heartbeat.monitor.listeners.hanging.backoff=50ms")
			.awaitLive(Duration.ofSeconds(15));
		ListenerDispatcher dispatcher = this.monitor.context().getBean(ListenerDispatcher.class);
		String process = SharedKafka.unique("checkout");
		// event data is never evaluated either: quotes are escaped, expressions stay text
		String app = "web \"shop\"\n${user.home}#{1+1}";
		try (WireBeats wire = new WireBeats(SharedKafka.bootstrapServers(), topic)) {
			SimulatedApp beating = SimulatedApp.start(wire, process, app, PERIOD);
			StateChange up = this.monitor.events().await(process, ProcessState.UP, Duration.ofSeconds(3));
			// the process's event, then its app's (a listener without a match gets both)
			await().atMost(Duration.ofSeconds(1)).until(() -> received("/all", "UP").size() == 2);
			beating.kill();
			this.monitor.events().await(process, ProcessState.DEAD, PERIOD.multipliedBy(3).plusSeconds(1));
			await().atMost(Duration.ofSeconds(1)).until(() -> received("/deaths", "DEAD").size() == 1);

			JsonNode json = new ObjectMapper().readTree(ofProcess(received("/all", "UP"), process).body());
			assertThat(json.get("text").asString()).isEqualTo(process + " of " + app + " is UP, was STARTING");
			assertThat(json.get("at").asString()).isEqualTo(up.at().toString());
			assertThat(Instant.parse(json.get("lastBeatAt").asString())).isEqualTo(up.lastBeat().recordTime());
			assertThat(json.get("period").asDouble()).isEqualTo(0.3);
			assertThat(json.get("literal").asString())
				.isEqualTo("#{T(java.lang.Runtime).getRuntime().exec('x')} ${user.home} {unknown}");
			Request first = ofProcess(received("/all", "UP"), process);
			assertThat(first.contentType()).isEqualTo("application/json");
			assertThat(first.token()).isEqualTo("s3cret");
			assertThat(first.method()).isEqualTo("POST");

			assertThat(this.requests).filteredOn((request) -> request.path().equals("/deaths"))
				.extracting((request) -> new ObjectMapper().readTree(request.body()).get("state").asString())
				.containsExactly("DEAD");
			assertThat(received("/all", "LATE")).isNotEmpty();
		}
		// STARTING, UP, LATE, DEAD (more if a beat came late on a busy machine), and the app's
		// STARTING, UP, DEAD
		int events = this.monitor.events().of(process).size() + this.monitor.events().ofApp(app).size();
		assertThat(events).isGreaterThanOrEqualTo(4 + 3);
		assertThat(dispatcher.channel("everything").orElseThrow().stats().delivered()).isEqualTo(events);
		// each tried 3 times, 200 ms each, then given up
		ListenerChannel hanging = dispatcher.channel("hanging").orElseThrow();
		await().atMost(Duration.ofSeconds(2L + events)).until(() -> hanging.stats().failed() == events);
		assertThat(hanging.stats().timeouts()).isEqualTo(3L * events);
		assertThat(hanging.stats().delivered()).isZero();
		// (an attempt may time out before its request even reaches the server, e.g. while connecting)
		assertThat(this.requests).filteredOn((request) -> request.path().equals("/hang")).hasSizeBetween(1, 3 * events);
	}

	private List<Request> received(String path, String state) {
		return this.requests.stream()
			.filter((request) -> request.path().equals(path))
			.filter((request) -> request.body().contains(" is " + state + ",")
					|| request.body().contains("\"state\":\"" + state + "\""))
			.toList();
	}

	// the first request about the process itself (an app event has no process)
	private static Request ofProcess(List<Request> requests, String process) {
		return requests.stream()
			.filter((request) -> request.body().startsWith("{\"text\":\"" + process + " of "))
			.findFirst()
			.orElseThrow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (InputStream body = exchange.getRequestBody()) {
			this.requests.add(new Request(exchange.getRequestURI().getPath(), exchange.getRequestMethod(),
					exchange.getRequestHeaders().getFirst("Content-Type"),
					exchange.getRequestHeaders().getFirst("X-Token"),
					new String(body.readAllBytes(), StandardCharsets.UTF_8)));
		}
		if (exchange.getRequestURI().getPath().equals("/hang")) {
			try {
				this.release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		exchange.sendResponseHeaders(204, -1);
		exchange.close();
	}

	record Request(String path, String method, String contentType, String token, String body) {
	}

}
