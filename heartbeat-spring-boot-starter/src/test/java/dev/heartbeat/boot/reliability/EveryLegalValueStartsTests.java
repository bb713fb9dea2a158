package dev.heartbeat.boot.reliability;

import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import dev.heartbeat.boot.monitor.board.StatusBoard;
import dev.heartbeat.boot.monitor.ingest.IngestEndpoint;
import dev.heartbeat.boot.monitor.kafka.HeartbeatConsumer;
import dev.heartbeat.boot.monitor.support.SharedKafka;
import dev.heartbeat.boot.monitor.support.TestMonitorApplication;
import dev.heartbeat.boot.test.Ready;
import dev.heartbeat.core.schedule.BeatScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * A configuration that sets one property to a legal value, and nothing else, starts: every
 * duration property at its smallest and at its largest legal value (and the monitor's factors at
 * theirs), in a web application with Kafka, actuator, metrics, the monitor, its board and (for its own values) its HTTP ingest. No
 * default may refuse it, such as a health timeout that must be shorter than a short period: a
 * default that depends on another setting is derived from it. Each application is announced
 * ready, so that its scheduler really starts beating.
 */
@ExtendWith(SharedKafka.class)
class EveryLegalValueStartsTests {

	private static final String ONE_NANOSECOND = "PT0.000000001S";

	private static final String YEAR = "365d";

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withUserConfiguration(TestMonitorApplication.class)
		.withPropertyValues("spring.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
				"spring.application.name=legal", "heartbeat.monitor.enabled=true",
				"management.endpoints.web.exposure.include=heartbeat,heartbeats",
				"heartbeat.kafka.topic=" + SharedKafka.unique("legal-beats"),
				"heartbeat.control.topic=" + SharedKafka.unique("legal-control"),
				"heartbeat.monitor.group-id=" + SharedKafka.unique("legal-group"));

	static Stream<Arguments> legalValues() {
		return Stream.of(arguments("heartbeat.period", "1ms"), arguments("heartbeat.period", YEAR),
				arguments("heartbeat.warmup", "1ms"), arguments("heartbeat.warmup", YEAR),
				arguments("heartbeat.min-interval", "0s"), arguments("heartbeat.min-interval", YEAR),
				arguments("heartbeat.publisher-timeout", "1ms"), arguments("heartbeat.publisher-timeout", YEAR),
				arguments("heartbeat.shutdown-grace", "0s"), arguments("heartbeat.shutdown-grace", YEAR),
				// shorter than the period, which is 5s by default
				arguments("heartbeat.health.timeout", "1ms"), arguments("heartbeat.health.timeout", "4999ms"),
				arguments("heartbeat.http.timeout", "1ms"), arguments("heartbeat.http.timeout", YEAR),
				arguments("heartbeat.control.max-age", "1ms"), arguments("heartbeat.control.max-age", YEAR),
				arguments("heartbeat.monitor.hold-time", "0s"), arguments("heartbeat.monitor.hold-time", YEAR),
				arguments("heartbeat.monitor.reminder-interval", "0s"),
				arguments("heartbeat.monitor.reminder-interval", YEAR),
				arguments("heartbeat.monitor.max-duration", ONE_NANOSECOND),
				arguments("heartbeat.monitor.max-duration", YEAR),
				arguments("heartbeat.monitor.board.refresh-interval", "500ms"),
				arguments("heartbeat.monitor.board.refresh-interval", "1h"),
				arguments("heartbeat.monitor.report-by-buffer", "1.001"),
				arguments("heartbeat.monitor.report-by-buffer", "1000"),
				arguments("heartbeat.monitor.late-factor", "1"), arguments("heartbeat.monitor.late-factor", "2.999"));
	}

	static Stream<Arguments> legalIngestValues() {
		return Stream.of(arguments("timeout", "1ms"), arguments("timeout", "1m"), arguments("max-concurrent", "1"),
				arguments("path", "/a"), arguments("token", "t".repeat(32)));
	}

	static Stream<Arguments> legalListenerValues() {
		return Stream.of(arguments("timeout", ONE_NANOSECOND), arguments("timeout", YEAR),
				arguments("backoff", "0s"), arguments("backoff", YEAR));
	}

	static Stream<Arguments> legalScheduleValues() {
		return Stream.of(arguments("grace", "1ms"), arguments("grace", YEAR), arguments("zone", "Europe/Berlin"),
				arguments("zone", "+05:30"), arguments("zone", " "), arguments("cron", "@yearly"),
				arguments("cron", "0 0 0 29 2 MON"), arguments("process-regex", ".*"));
	}

	@ParameterizedTest(name = "{0}={1}")
	@MethodSource("legalValues")
	void aLegalValueAloneStartsTheApplication(String property, String value) {
		this.runner.withPropertyValues(property + "=" + value).run(this::startsAndBeats);
	}

	@ParameterizedTest(name = "heartbeat.monitor.listeners[0].{0}={1}")
	@MethodSource("legalListenerValues")
	void aLegalListenerValueAloneStartsTheApplication(String property, String value) {
		this.runner
			.withPropertyValues("heartbeat.monitor.listeners[0].kind=log",
					"heartbeat.monitor.listeners[0]." + property + "=" + value)
			.run(this::startsAndBeats);
	}

	@ParameterizedTest(name = "heartbeat.monitor.ingest.{0}={1}")
	@MethodSource("legalIngestValues")
	void aLegalIngestValueAloneStartsTheApplication(String property, String value) {
		this.runner
			.withPropertyValues("heartbeat.monitor.ingest.enabled=true",
					"heartbeat.monitor.ingest.token=ingest-token-of-at-least-32-bytes",
					"heartbeat.monitor.ingest." + property + "=" + value)
			.run((context) -> {
				startsAndBeats(context);
				assertThat(context).hasSingleBean(IngestEndpoint.class);
			});
	}

	@ParameterizedTest(name = "heartbeat.monitor.schedules.s.{0}={1}")
	@MethodSource("legalScheduleValues")
	void aLegalScheduleValueAloneStartsTheApplication(String property, String value) {
		// a schedule needs its processes and a cron expression; the value tried replaces either
		String processes = property.equals("process-regex") ? "process-regex" : "process";
		this.runner
			.withPropertyValues("heartbeat.monitor.schedules.s." + processes + "=legal",
					"heartbeat.monitor.schedules.s.cron=0 30 2 * * *",
					"heartbeat.monitor.schedules.s." + property + "=" + value)
			.run(this::startsAndBeats);
	}

	private void startsAndBeats(AssertableWebApplicationContext context) {
		assertThat(context).hasNotFailed();
		Ready.announce(context);
		BeatScheduler scheduler = context.getBean(BeatScheduler.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.stats().ticks() >= 1);
		assertThat(scheduler.stats().running()).isTrue();
		assertThat(context.getBean(HeartbeatConsumer.class).isRunning()).isTrue();
		assertThat(context.getBean(StatusBoard.class).page()).contains("<title>Heartbeats</title>");
	}

}
