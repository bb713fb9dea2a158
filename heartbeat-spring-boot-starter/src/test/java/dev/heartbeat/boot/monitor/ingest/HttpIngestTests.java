package dev.heartbeat.boot.monitor.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.WebApplicationType;

import dev.heartbeat.boot.monitor.autoconfigure.IngestAutoConfiguration;
import dev.heartbeat.boot.monitor.support.LocalApp;
import dev.heartbeat.boot.monitor.support.MonitorApp;
import dev.heartbeat.boot.monitor.support.SharedKafka;
import dev.heartbeat.boot.test.Http;
import dev.heartbeat.boot.test.Http.Answer;
import dev.heartbeat.core.monitor.ProcessSnapshot;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.status.RunStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Beats over HTTP, end to end on the shared broker: curl-style requests (JDK HttpClient) to the
 * ingest of monitor A are tracked by whichever monitor of the group owns the partition (monitor B
 * for some), a pause from the monitor endpoint shows in the next answer, a Kafka-less app with the
 * starter's HTTP publisher is tracked, paused and resumed, every bad request is refused with its
 * status and reason and writes nothing, and a monitor whose broker is unreachable answers 503
 * within the timeout.
 */
@ExtendWith(SharedKafka.class)
class HttpIngestTests {

	private static final String TOKEN = "ingest-token-of-at-least-32-bytes!!";

	private static final String SECRET = "ingest-control-secret-32-bytes-long";

	private static final Duration WAIT = Duration.ofSeconds(15);

	private static String topic;

	private static MonitorApp monitorA;

	private static MonitorApp monitorB;

	@BeforeAll
	static void startMonitors() {
		topic = SharedKafka.createCompactedTopic(SharedKafka.unique("heartbeats"), 2);
		String controlTopic = SharedKafka.unique("heartbeat-control");
		SharedKafka.broker().addTopics(controlTopic);
		String group = SharedKafka.unique("group");
		// a nightly job's beat/90000 (25 hours) is above the default max-duration of a day
		String[] control = { "heartbeat.control.topic=" + controlTopic, "heartbeat.control.secret=" + SECRET,
				"heartbeat.monitor.max-duration=2d" };
		monitorA = MonitorApp.start(WebApplicationType.SERVLET, topic, group, control[0], control[1], control[2],
				"heartbeat.monitor.ingest.enabled=true", "heartbeat.monitor.ingest.token=" + TOKEN,
				"management.endpoints.web.exposure.include=heartbeats",
				"management.endpoint.heartbeats.access=unrestricted");
		monitorB = MonitorApp.start(topic, group, control[0], control[1], control[2]);
		await().atMost(WAIT)
			.until(() -> monitorA.consumer().assignment().size() == 1 && monitorB.consumer().assignment().size() == 1
					&& monitorA.consumer().isLive() && monitorB.consumer().isLive());
	}

	@AfterAll
	static void close() {
		monitorA.close();
		monitorB.close();
	}

	@Test
	void beatsPostedToOneMonitorAreTrackedByTheMonitorThatOwnsThePartition() {
		int ownedByB = monitorB.consumer().assignment().iterator().next().partition();
		List<String> processes = new ArrayList<>();
		String trackedByB = null;
		for (int i = 0; i < 40 && trackedByB == null; i++) {
			String process = SharedKafka.unique("nightly-backup");
			Answer answer = post(monitorA.port(), "/heartbeat/in/" + process, "beat/90000", "Authorization",
					"Bearer " + TOKEN, "Heartbeat-App", process);
			assertThat(answer.status()).as(answer.body()).isEqualTo(200);
			JsonNode body = answer.json();
			assertThat(body.get("status").asString()).isEqualTo("RUNNING");
			assertThat(body.get("process").asString()).isEqualTo(process);
			assertThat(body.get("kind").asString()).isEqualTo("beat");
			assertThat(body.get("period").asLong()).isEqualTo(90000);
			assertThat(body.get("accepted").asBoolean()).isTrue();
			processes.add(process);
			if (body.get("partition").asInt() == ownedByB) {
				trackedByB = process;
			}
		}
		assertThat(trackedByB).as("a process on monitor B's partition").isNotNull();
		String onB = trackedByB;
		await().atMost(WAIT).until(() -> state(monitorB, onB) == ProcessState.UP);
		assertThat(monitorA.engine().get(onB)).isEmpty();
		for (String process : processes) {
			await().atMost(WAIT).until(() -> state(monitorA, process) != null || state(monitorB, process) != null);
		}
	}

	@Test
	void aPauseFromTheMonitorEndpointShowsInTheNextAnswer() {
		String process = SharedKafka.unique("cron-job");
		assertThat(beat(process).get("status").asString()).isEqualTo("RUNNING");
		assertThat(Http.post(monitorA.port(), "/actuator/heartbeats/" + process + "/pause", "{}").json()
			.get("signed")
			.asBoolean()).isTrue();
		await().atMost(WAIT).until(() -> "PAUSED".equals(beat(process).get("status").asString()));
		Http.post(monitorA.port(), "/actuator/heartbeats/" + process + "/resume", "{}");
		await().atMost(WAIT).until(() -> "RUNNING".equals(beat(process).get("status").asString()));
	}

	@Test
	void aKafkaLessAppWithTheHttpPublisherIsTrackedPausedAndResumed() {
		String process = SharedKafka.unique("worker");
		try (LocalApp app = LocalApp.start(WebApplicationType.SERVLET, "127.0.0.1:" + closedPort(), topic, process,
				Duration.ofMillis(300), "heartbeat.kafka.enabled=false", "heartbeat.control.enabled=false",
				"heartbeat.http.url=http://127.0.0.1:" + monitorA.port() + "/heartbeat/in/{process}",
				"heartbeat.http.headers.Authorization=Bearer " + TOKEN,
				"management.endpoint.health.probes.enabled=true")) {
			await().atMost(WAIT).until(() -> tracked(process) == ProcessState.UP);
			assertThat(Http.get(app.port(), "/actuator/health/readiness").status()).isEqualTo(200);

			Http.post(monitorA.port(), "/actuator/heartbeats/" + process + "/pause", "{}");
			await().atMost(WAIT).until(app.tracker()::isPaused);
			assertThat(Http.get(app.port(), "/actuator/health/readiness").status()).isEqualTo(503);
			await().atMost(WAIT).until(() -> tracked(process) == ProcessState.PAUSED);

			Http.post(monitorA.port(), "/actuator/heartbeats/" + process + "/resume", "{}");
			await().atMost(WAIT).until(() -> app.tracker().status() == RunStatus.RUNNING);
			assertThat(Http.get(app.port(), "/actuator/health/readiness").status()).isEqualTo(200);
			await().atMost(WAIT).until(() -> tracked(process) == ProcessState.UP);
		}
	}

	@Test
	void everyBadRequestIsRefusedWithItsStatusAndReasonAndWritesNothing() {
		beat(SharedKafka.unique("warm-up"));
		long before = recordsOnTopic();
		String process = SharedKafka.unique("bad");
		String auth = "Bearer " + TOKEN;
		assertRefused(post(monitorA.port(), "/heartbeat/in/" + process, "beat/5"), 401, "token-missing");
		assertRefused(post(monitorA.port(), "/heartbeat/in/" + process, "beat/5", "Authorization", "Bearer wrong"),
				401, "token-wrong");
		assertRefused(post(monitorA.port(), "/heartbeat/in/" + process, "beat/5", "Authorization", TOKEN), 401,
				"token-wrong");
		assertRefused(post(monitorA.port(), "/heartbeat/in/" + process, "beat/" + "9".repeat(1030), "Authorization",
				auth), 413, "body-too-large");
		assertRefused(post(monitorA.port(), "/heartbeat/in/a%20b", "beat/5", "Authorization", auth), 400,
				"key-invalid");
		assertRefused(post(monitorA.port(), "/heartbeat/in/*", "beat/5", "Authorization", auth), 400, "key-invalid");
		assertRefused(post(monitorA.port(), "/heartbeat/in/" + process, "hello", "Authorization", auth), 400,
				"payload-unknown-verb");
		assertRefused(post(monitorA.port(), "/heartbeat/in/" + process, "beat/x", "Authorization", auth), 400,
				"payload-not-a-number");
		assertRefused(post(monitorA.port(), "/heartbeat/in/" + process, "", "Authorization", auth), 400,
				"payload-empty");
		assertRefused(post(monitorA.port(), "/heartbeat/in/" + process, "beat/864000", "Authorization", auth), 400,
				"duration-above-max");
		assertRefused(post(monitorA.port(), "/heartbeat/in/" + process, "beat/5", "Authorization", auth,
				"Heartbeat-Seq", "twelve"), 400, "seq-invalid");
		assertRefused(post(monitorA.port(), "/heartbeat/in/" + process, "beat/5", "Authorization", auth,
				"Heartbeat-Status", "SLEEPING"), 400, "status-invalid");
		assertRefused(post(monitorA.port(), "/heartbeat/in/" + process, "beat/5", "Authorization", auth,
				"Heartbeat-App", "x".repeat(201)), 400, "header-too-long");
		assertThat(recordsOnTopic()).isEqualTo(before);
		assertThat(monitorA.engine().get(process)).isEmpty();
		MeterRegistry meters = monitorA.context().getBean(MeterRegistry.class);
		assertThat(meters.get(IngestAutoConfiguration.REQUESTS).tags("outcome", "unauthorized", "reason", "token-wrong")
			.counter()
			.count()).isEqualTo(2);
		assertThat(meters.get(IngestAutoConfiguration.REQUESTS).tags("outcome", "rejected", "reason", "key-invalid")
			.counter()
			.count()).isEqualTo(2);
		assertThat(meters.get(IngestAutoConfiguration.REQUESTS).tags("outcome", "too-large").counter().count())
			.isEqualTo(1);
	}

	@Test
	void anUnreachableBrokerIsAnswered503WithinTheTimeoutAndExtraRequestsAreRefusedAtOnce() {
		try (MonitorApp cut = MonitorApp.start(WebApplicationType.SERVLET, topic, SharedKafka.unique("group"),
				"spring.kafka.bootstrap-servers=127.0.0.1:" + closedPort(), "heartbeat.monitor.ingest.enabled=true",
				"heartbeat.monitor.ingest.token=" + TOKEN, "heartbeat.monitor.ingest.timeout=1500ms",
				"heartbeat.monitor.ingest.max-concurrent=1")) {
			CompletableFuture<Answer> first = CompletableFuture
				.supplyAsync(() -> post(cut.port(), "/heartbeat/in/job", "beat/5", "Authorization", "Bearer " + TOKEN));
			IngestEndpoint endpoint = cut.context().getBean(IngestEndpoint.class);
			await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> endpoint.inFlight() == 1);
			Answer second = post(cut.port(), "/heartbeat/in/job", "beat/5", "Authorization", "Bearer " + TOKEN);
			assertRefused(second, 503, "max-concurrent");
			assertThat(second.took()).isLessThan(Duration.ofMillis(500));
			Answer answer = first.join();
			assertRefused(answer, 503, "broker");
			assertThat(answer.took()).isLessThan(Duration.ofMillis(1500 + 1500));
			Answer again = post(cut.port(), "/heartbeat/in/job", "beat/5", "Authorization", "Bearer " + TOKEN);
			assertRefused(again, 503, "broker");
			assertThat(again.took()).isLessThan(Duration.ofMillis(1500 + 1500));
		}
	}

	private static JsonNode beat(String process) {
		Answer answer = post(monitorA.port(), "/heartbeat/in/" + process, "beat/60", "Authorization",
				"Bearer " + TOKEN);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer.json();
	}

	private static void assertRefused(Answer answer, int status, String reason) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(status);
		JsonNode body = answer.json();
		assertThat(body.get("reason").asString()).as(answer.body()).isEqualTo(reason);
		assertThat(body.get("accepted").asBoolean()).isFalse();
		assertThat(body.get("message").asString()).isNotBlank();
	}

	private static ProcessState tracked(String process) {
		ProcessState onA = state(monitorA, process);
		return (onA != null) ? onA : state(monitorB, process);
	}

	private static ProcessState state(MonitorApp monitor, String process) {
		return monitor.engine().get(process).map(ProcessSnapshot::state).orElse(null);
	}

	private static long recordsOnTopic() {
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()),
				new StringDeserializer(), new StringDeserializer())) {
			List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
			return consumer.endOffsets(partitions, Duration.ofSeconds(10)).values().stream().mapToLong(Long::longValue)
				.sum();
		}
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Answer post(int port, String path, String body, String... headers) {
		return Http.postText(port, path, body, headers);
	}

}
