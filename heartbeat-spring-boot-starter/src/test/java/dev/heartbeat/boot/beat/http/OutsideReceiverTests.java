package dev.heartbeat.boot.beat.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.heartbeat.boot.beat.autoconfigure.HeartbeatAutoConfiguration;
import dev.heartbeat.boot.beat.autoconfigure.HeartbeatHttpAutoConfiguration;
import dev.heartbeat.boot.beat.autoconfigure.HeartbeatMetricsAutoConfiguration;
import dev.heartbeat.boot.beat.metrics.BeatMetrics;
import dev.heartbeat.core.publish.BeatMetadata;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.status.StatusTracker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-kind URLs and methods against a real HTTP server on loopback standing in for
 * healthchecks.io, Uptime Kuma and a Consul agent, and the strict reading of the answer.
 */
class OutsideReceiverTests {

	private static final String UUID = "5f9a3b1e-0c2d-4e6f-8a9b-1c2d3e4f5a6b";

	private static final BeatMetadata METADATA = new BeatMetadata("nightly", "i1", 1, RunStatus.RUNNING, "UP",
			Instant.parse("2026-01-01T00:00:00Z"));

	private final List<String> received = new CopyOnWriteArrayList<>();

	private volatile String answer = "OK";

	private HttpServer server;

	private String base;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			String auth = exchange.getRequestHeaders().getFirst("Authorization");
			this.received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
					+ ((exchange.getRequestURI().getRawQuery() != null) ? "?" + exchange.getRequestURI().getRawQuery() : "")
					+ " [" + body + "]" + ((auth != null) ? " " + auth : ""));
			byte[] bytes = this.answer.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, (bytes.length == 0) ? -1 : bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		this.server.start();
		this.base = "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	private ApplicationContextRunner runner(String... properties) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
					HeartbeatHttpAutoConfiguration.class, HeartbeatAutoConfiguration.class,
					HeartbeatMetricsAutoConfiguration.class))
			.withPropertyValues("heartbeat.process=nightly-backup", "spring.application.name=nightly",
					"heartbeat.instance=i1")
			.withPropertyValues(properties);
	}

	private static void sendEveryKind(HttpBeatPublisher publisher) throws Exception {
		for (String payload : List.of("start/60", "beat/5", "degraded/5", "stop")) {
			publisher.publish("heartbeat.nightly-backup", "nightly-backup", payload, METADATA);
		}
	}

	@Test
	void healthchecksIoGetsStartSuccessFailAndSuccessOnItsOwnPaths() {
		runner("heartbeat.http.url=" + this.base + "/" + UUID, "heartbeat.http.urls.start=" + this.base + "/" + UUID
				+ "/start", "heartbeat.http.urls.degraded=" + this.base + "/" + UUID + "/fail").run((context) -> {
					sendEveryKind(context.getBean(HttpBeatPublisher.class));
					assertThat(this.received).containsExactly("POST /" + UUID + "/start [start/60]",
							"POST /" + UUID + " [beat/5]", "POST /" + UUID + "/fail [degraded/5]",
							"POST /" + UUID + " [stop]");
				});
	}

	@Test
	void aConsulTtlCheckGetsPassWarnAndFailAsPutRequests() {
		String check = this.base + "/v1/agent/check/";
		runner("heartbeat.http.urls.start=" + check + "pass/service:{process}",
				"heartbeat.http.urls.beat=" + check + "pass/service:{process}",
				"heartbeat.http.urls.degraded=" + check + "warn/service:{process}",
				"heartbeat.http.urls.stop=" + check + "fail/service:{process}", "heartbeat.http.methods.start=PUT",
				"heartbeat.http.methods.beat=put", "heartbeat.http.methods.degraded=PUT",
				"heartbeat.http.methods.stop=PUT", "heartbeat.http.headers.Authorization=Bearer consul-acl-token")
			.run((context) -> {
				sendEveryKind(context.getBean(HttpBeatPublisher.class));
				assertThat(this.received).containsExactly(
						"PUT /v1/agent/check/pass/service:nightly-backup [start/60] Bearer consul-acl-token",
						"PUT /v1/agent/check/pass/service:nightly-backup [beat/5] Bearer consul-acl-token",
						"PUT /v1/agent/check/warn/service:nightly-backup [degraded/5] Bearer consul-acl-token",
						"PUT /v1/agent/check/fail/service:nightly-backup [stop] Bearer consul-acl-token");
			});
	}

	@Test
	void uptimeKumaGetsItsPushUrlWithPlaceholdersFilledInAsEncodedData() {
		String push = this.base + "/api/push/k3y?status=";
		runner("heartbeat.http.url=" + push + "up&msg={kind}%20{period}s",
				"heartbeat.http.urls.degraded=" + push + "down&msg={kind}+of+{process}",
				"heartbeat.http.methods.beat=GET", "heartbeat.http.methods.degraded=GET",
				"heartbeat.http.methods.start=GET", "heartbeat.http.methods.stop=GET")
			.run((context) -> {
				HttpBeatPublisher publisher = context.getBean(HttpBeatPublisher.class);
				sendEveryKind(publisher);
				// a value is data: "a&b=c" cannot add a parameter
				publisher.publish("heartbeat.a&b=c", "a&b=c", "degraded/1", METADATA);
				assertThat(this.received).containsExactly("GET /api/push/k3y?status=up&msg=start%2060s []",
						"GET /api/push/k3y?status=up&msg=beat%205s []",
						"GET /api/push/k3y?status=down&msg=degraded+of+nightly-backup []",
						"GET /api/push/k3y?status=up&msg=stop%20s []",
						"GET /api/push/k3y?status=down&msg=degraded+of+a%26b%3Dc []");
			});
	}

	@Test
	void malformedFeedbackChangesNothingAndIsCounted() {
		runner("heartbeat.http.url=" + this.base + "/in").run((context) -> {
			HttpBeatPublisher publisher = context.getBean(HttpBeatPublisher.class);
			StatusTracker tracker = context.getBean(StatusTracker.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			for (String body : List.of("{\"a\": nnn, \"status\":\"PAUSED\"}", "{\"status\":PAUSED}",
					"{\"status\":\"PAUSED\"} trailing", "{\"status\":\"RUNNING\",\"status\":\"PAUSED\"}",
					"{\"status\":true}", "OK", "", "{\"ok\":true}")) {
				this.answer = body;
				publisher.publish("heartbeat.nightly-backup", "nightly-backup", "beat/5", METADATA);
				assertThat(tracker.status()).as(body).isEqualTo(RunStatus.RUNNING);
			}
			assertThat(publisher.feedbackRejected()).isEqualTo(5);
			assertThat(registry.get(BeatMetrics.HTTP_FEEDBACK_REJECTED).functionCounter().count()).isEqualTo(5);
			this.answer = "{\"status\":\"PAUSED\",\"accepted\":true}";
			publisher.publish("heartbeat.nightly-backup", "nightly-backup", "beat/5", METADATA);
			assertThat(tracker.status()).isEqualTo(RunStatus.PAUSED);
		});
	}

	@Test
	void badUrlsMethodsAndHeadersFailStartupNamingTheProperty() {
		runner("heartbeat.http.url=" + this.base + "/{uuid}").run((context) -> assertThat(context).getFailure()
			.rootCause()
			.hasMessageContaining("heartbeat.http.url has the unknown placeholder {uuid}"));
		runner("heartbeat.http.urls.start=" + this.base + "/start").run((context) -> assertThat(context)
			.getFailure()
			.rootCause()
			.hasMessageContaining("heartbeat.http.urls.beat must be set when heartbeat.http.url is not"));
		runner("heartbeat.http.url=" + this.base, "heartbeat.http.methods.stop=TRACE").run((context) -> assertThat(
				context)
			.getFailure()
			.rootCause()
			.hasMessageContaining("heartbeat.http.methods.stop must be one of GET, HEAD, DELETE, POST, PUT, PATCH"));
		runner("heartbeat.http.url=" + this.base, "heartbeat.http.headers.Host=secret-value").run((context) -> {
			assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("heartbeat.http.headers.Host is not a header the HTTP client may send");
			assertThat(context.getStartupFailure()).rootCause().message().doesNotContain("secret-value");
		});
	}

}
