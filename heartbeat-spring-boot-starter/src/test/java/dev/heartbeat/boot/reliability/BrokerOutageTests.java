package dev.heartbeat.boot.reliability;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.WebApplicationType;

import dev.heartbeat.boot.support.KafkaClientSettings;
import dev.heartbeat.boot.monitor.support.LocalApp;
import dev.heartbeat.boot.monitor.support.SharedKafka;
import dev.heartbeat.boot.test.Http;
import dev.heartbeat.core.schedule.PublisherStats;
import dev.heartbeat.core.schedule.SchedulerStats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real broker that the application cannot reach, at start-up or in the middle of its run.
 * <p>
 * The application reaches the shared broker only through a loopback proxy (the broker
 * advertises the proxy's address, see {@link SharedKafka}), which the test takes down: new
 * connections are refused and open ones cut, exactly what a client sees when a broker dies,
 * while the broker itself, its topics and the test's own clients carry on.
 */
@ExtendWith(SharedKafka.class)
class BrokerOutageTests {

	private static final Duration PERIOD = Duration.ofMillis(300);

	/**
	 * At start-up the topic is still to be created once the broker is back, and its partitions
	 * get their leaders: up to a second on this broker, so two periods of 300 ms would be too
	 * short for that alone. (Its report-by-buffer of 1.5 keeps the health window short.)
	 */
	private static final Duration START_UP_PERIOD = Duration.ofSeconds(1);

	private LocalApp app;

	@AfterEach
	void restore() {
		SharedKafka.proxy().up();
		if (this.app != null) {
			this.app.close();
		}
	}

	@Test
	void unreachableBrokerAtStartUpShouldNotDelayStartUpNorBlockRequestsAndBeatsShouldArriveWithinTwoPeriods() {
		LocalApp[] withBroker = new LocalApp[1];
		Duration reachable = timed(() -> withBroker[0] = start(SharedKafka.unique("reachable"), START_UP_PERIOD,
				"heartbeat.report-by-buffer=1.5"));
		withBroker[0].close();
		SharedKafka.proxy().down();
		Duration unreachable = timed(() -> this.app = start(SharedKafka.unique("unreachable"), START_UP_PERIOD,
				"heartbeat.report-by-buffer=1.5"));
		assertThat(unreachable).as("start-up without a broker, vs %s with one", reachable)
			.isLessThan(reachable.plusSeconds(3));

		Http.Answer endpoint = Http.get(this.app.port(), "/actuator/heartbeat");
		Http.Answer health = Http.get(this.app.port(), "/actuator/health");
		assertThat(endpoint.status()).isEqualTo(200);
		assertThat(endpoint.took()).isLessThan(Duration.ofSeconds(1));
		assertThat(health.took()).isLessThan(Duration.ofSeconds(1));
		await().atMost(START_UP_PERIOD.multipliedBy(2).plusSeconds(3))
			.until(() -> "DOWN".equals(heartbeatHealth().get("status").asString()));
		JsonNode details = heartbeatHealth().get("details");
		assertThat(details.get("reason").asString()).startsWith("no publisher delivered a beat within");
		assertThat(details.at("/publishers/kafka/lastError").asString()).isNotEmpty();
		JsonNode kafka = Http.get(this.app.port(), "/actuator/heartbeat").json().at("/publishers/0");
		assertThat(kafka.get("name").asString()).isEqualTo("kafka");
		assertThat(kafka.get("sent").asLong()).isZero();
		assertThat(kafka.get("failed").asLong() + kafka.get("timedOut").asLong()).isPositive();

		assertBoundedThroughTheOutage(heartbeatThreads(), 5);
		assertBeatsArriveWithinTwoPeriodsOfTheBrokersReturn();
	}

	@Test
	void brokerGoneMidRunShouldCostNoThreadsNorMemoryAndBeatsShouldArriveWithinTwoPeriodsOfItsReturn() {
		this.app = start(SharedKafka.unique("mid-run"), PERIOD);
		await().atMost(Duration.ofSeconds(10)).until(() -> kafka().sent() > 3);
		List<String> threadsBefore = heartbeatThreads();

		SharedKafka.proxy().down();
		await().atMost(PERIOD.multipliedBy(3).plusSeconds(3))
			.until(() -> "DOWN".equals(heartbeatHealth().get("status").asString()));
		assertThat(Http.get(this.app.port(), "/actuator/heartbeat").took()).isLessThan(Duration.ofSeconds(1));
		assertThat(Http.get(this.app.port(), "/actuator/health").took()).isLessThan(Duration.ofSeconds(1));
		long sent = kafka().sent();

		assertBoundedThroughTheOutage(threadsBefore, 30);
		assertThat(kafka().sent()).as("nothing delivered during the outage").isEqualTo(sent);
		assertThat(producerBufferBytes("buffer-total-bytes")).isEqualTo(KafkaClientSettings.PRODUCER_BUFFER_MEMORY);
		// beats are tiny and expire after the delivery timeout: the buffer never fills up
		assertThat(producerBufferBytes("buffer-available-bytes"))
			.isGreaterThan(KafkaClientSettings.PRODUCER_BUFFER_MEMORY - 16 * 1024);
		assertBeatsArriveWithinTwoPeriodsOfTheBrokersReturn();
	}

	/**
	 * Through some more periods of outage: the same threads at the end as before, every beat that
	 * could not be sent counted (failed, timed out, or dropped for a newer one), never more than
	 * one in flight and one waiting.
	 */
	private void assertBoundedThroughTheOutage(List<String> threadsBefore, int periods) {
		Duration outage = period().multipliedBy(periods);
		long failedBefore = undelivered(kafka());
		long ticksBefore = this.app.scheduler().stats().ticks();
		await().pollDelay(outage).atMost(outage.plusSeconds(1)).until(() -> true);
		SchedulerStats stats = this.app.scheduler().stats();
		assertThat(stats.ticks() - ticksBefore).as("ticks during the outage").isGreaterThanOrEqualTo(periods - 3);
		assertThat(heartbeatThreads()).as("threads after %s of outage", outage).hasSameSizeAs(threadsBefore)
			.containsExactlyInAnyOrderElementsOf(threadsBefore);
		PublisherStats kafka = stats.publishers().get(0);
		assertThat(undelivered(kafka) - failedBefore).as("beats counted as not delivered")
			.isGreaterThanOrEqualTo(stats.ticks() - ticksBefore - 3);
		long attempted = 1 + stats.ticks() - stats.silentTicks() - stats.suppressedBeats();
		assertThat(attempted - kafka.sent() - undelivered(kafka)).as("beats neither delivered nor counted")
			.isBetween(0L, 3L);
	}

	private void assertBeatsArriveWithinTwoPeriodsOfTheBrokersReturn() {
		long sent = kafka().sent();
		long back = System.nanoTime();
		SharedKafka.proxy().up();
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> kafka().sent() > sent);
		Duration arrived = Duration.ofNanos(System.nanoTime() - back);
		assertThat(arrived).as("first beat after the broker came back").isLessThan(period().multipliedBy(2));
		await().atMost(period().multipliedBy(3).plusSeconds(2))
			.until(() -> "UP".equals(heartbeatHealth().get("status").asString()));
		assertThat(SharedKafka.records(topic(), process())).isNotEmpty();
	}

	private LocalApp start(String name, Duration period, String... properties) {
		List<String> all = new ArrayList<>(List.of("heartbeat.control.topic=heartbeat-control-" + name,
				"management.endpoints.web.exposure.include=health,heartbeat",
				"management.endpoint.health.show-details=always"));
		all.addAll(List.of(properties));
		return LocalApp.start(WebApplicationType.SERVLET, SharedKafka.proxiedBootstrapServers(), "heartbeats-" + name,
				name, period, all.toArray(new String[0]));
	}

	private Duration period() {
		return this.app.scheduler().config().period();
	}

	private String process() {
		return this.app.scheduler().heart().config().process();
	}

	private String topic() {
		return this.app.context().getEnvironment().getRequiredProperty("heartbeat.kafka.topic");
	}

	private JsonNode heartbeatHealth() {
		return Http.get(this.app.port(), "/actuator/health").json().at("/components/heartbeat");
	}

	private PublisherStats kafka() {
		return this.app.scheduler().stats().publishers().get(0);
	}

	private static long undelivered(PublisherStats stats) {
		return stats.failed() + stats.timedOut() + stats.dropped();
	}

	/**
	 * The threads of the heartbeat and of its Kafka clients (which are named after it).
	 */
	private static List<String> heartbeatThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter((name) -> name.startsWith("heartbeat-") || name.contains("| heartbeat-"))
			.sorted()
			.toList();
	}

	private long producerBufferBytes(String metric) {
		String process = process();
		try {
			MBeanServer server = ManagementFactory.getPlatformMBeanServer();
			ObjectName name = new ObjectName("kafka.producer:type=producer-metrics,client-id=heartbeat-" + process);
			return ((Number) server.getAttribute(name, metric)).longValue();
		}
		catch (Exception ex) {
			throw new IllegalStateException("No producer metric " + metric + " for " + process, ex);
		}
	}

	private static Duration timed(Runnable action) {
		long started = System.nanoTime();
		action.run();
		return Duration.ofNanos(System.nanoTime() - started);
	}

}
