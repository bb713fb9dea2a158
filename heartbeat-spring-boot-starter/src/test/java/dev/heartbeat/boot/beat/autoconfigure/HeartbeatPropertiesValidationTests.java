package dev.heartbeat.boot.beat.autoconfigure;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.heartbeat.boot.test.FailureMessages;
import dev.heartbeat.core.schedule.BeatScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class HeartbeatPropertiesValidationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HeartbeatAutoConfiguration.class));

	static Stream<Arguments> badValues() {
		return Stream.of(arguments("heartbeat.period=0s", "heartbeat.period must be at least 1ms, was '0s'"),
				arguments("heartbeat.period=-5s", "heartbeat.period must be at least 1ms, was '-5s'"),
				arguments("heartbeat.period=400d", "heartbeat.period must be at most 365 days"),
				arguments("heartbeat.warmup=0ms", "heartbeat.warmup must be at least 1ms, was '0s'"),
				arguments("heartbeat.warmup=366d", "heartbeat.warmup must be at most 365 days"),
				arguments("heartbeat.report-by-buffer=0.5",
						"heartbeat.report-by-buffer must be at least 1 and at most 1000, was '0.5'"),
				arguments("heartbeat.report-by-buffer=1001",
						"heartbeat.report-by-buffer must be at least 1 and at most 1000, was '1001.0'"),
				arguments("heartbeat.min-interval=-1s", "heartbeat.min-interval must be zero or more, was '-1s'"),
				arguments("heartbeat.publisher-timeout=0s", "heartbeat.publisher-timeout must be at least 1ms"),
				arguments("heartbeat.publisher-timeout=366d", "heartbeat.publisher-timeout must be at most 365 days"),
				arguments("heartbeat.min-interval=366d", "heartbeat.min-interval must be at most 365 days"),
				arguments("heartbeat.shutdown-grace=366d", "heartbeat.shutdown-grace must be at most 365 days"),
				arguments("heartbeat.http.timeout=366d", "heartbeat.http.timeout must be at most 365 days"),
				arguments("heartbeat.control.max-age=366d", "heartbeat.control.max-age must be at most 365 days"),
				arguments("heartbeat.shutdown-grace=-1s", "heartbeat.shutdown-grace must be zero or more"),
				arguments("heartbeat.process=my process",
						"heartbeat.process is invalid: it contains whitespace at index 2, was 'my process'"),
				arguments("heartbeat.process=*", "heartbeat.process is invalid"),
				arguments("heartbeat.instance=a b", "heartbeat.instance is invalid"),
				arguments("heartbeat.health.timeout=0s", "heartbeat.health.timeout must be at least 1ms"),
				arguments("heartbeat.health.timeout=5s",
						"heartbeat.health.timeout must be shorter than heartbeat.period"),
				arguments("heartbeat.health.down=beat", "heartbeat.health.down must be degraded or silent, was 'BEAT'"),
				arguments("heartbeat.health.group= ", "heartbeat.health.group must not be blank when set"),
				arguments("heartbeat.health.mapping.MAINTENANCE=explode", "heartbeat.health.mapping.maintenance"),
				arguments("heartbeat.kafka.topic=", "heartbeat.kafka.topic must not be empty"),
				arguments("heartbeat.kafka.topic=no spaces", "heartbeat.kafka.topic is not a legal Kafka topic name"),
				arguments("heartbeat.kafka.partitions=0", "heartbeat.kafka.partitions must be at least 1, was '0'"),
				arguments("heartbeat.kafka.replicas=0", "heartbeat.kafka.replicas must be at least 1"),
				arguments("heartbeat.http.url=not a url", "heartbeat.http.url is not a valid URL"),
				arguments("heartbeat.http.url=ftp://example.com/beats",
						"heartbeat.http.url must be an absolute http:// or https:// URL, was 'ftp://example.com/beats'"),
				arguments("heartbeat.http.url=http:///beats", "heartbeat.http.url must name a host"),
				arguments("heartbeat.http.timeout=0s", "heartbeat.http.timeout must be at least 1ms"),
				arguments("heartbeat.control.topic=heartbeats", "heartbeat.control.topic must differ from heartbeat.kafka.topic"),
				arguments("heartbeat.control.topic=control/topic", "heartbeat.control.topic is not a legal Kafka topic name"),
				arguments("heartbeat.control.max-age=0s", "heartbeat.control.max-age must be at least 1ms"),
				arguments("heartbeat.control.secret=too-short",
						"heartbeat.control.secret must have at least 32 bytes (UTF-8), the configured value has 9"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badValues")
	void badValueFailsStartupNamingThePropertyAndTheValue(String property, String expectedMessage) {
		this.contextRunner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(FailureMessages.of(context.getStartupFailure())).contains(expectedMessage);
		});
	}

	@Test
	void everyBadValueIsReportedAtBindTimeNamingItsPropertyAndValue() {
		this.contextRunner.withPropertyValues("heartbeat.period=0s", "heartbeat.warmup=400d", "heartbeat.kafka.topic=a b")
			.run((context) -> {
				Throwable failure = context.getStartupFailure();
				assertThat(FailureMessages.validationError(failure, "heartbeat.period"))
					.isEqualTo("heartbeat.period must be at least 1ms, was '0s'");
				assertThat(FailureMessages.validationError(failure, "heartbeat.warmup"))
					.isEqualTo("heartbeat.warmup must be at most 365 days, was '400d'");
				assertThat(FailureMessages.validationError(failure, "heartbeat.kafka.topic")).isEqualTo(
						"heartbeat.kafka.topic is not a legal Kafka topic name (only letters, digits, '.', '_' and '-'), was 'a b'");
			});
	}

	@Test
	void shortSecretFailureDoesNotPrintTheSecret() {
		this.contextRunner.withPropertyValues("heartbeat.control.secret=hunter2-hunter2").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(FailureMessages.of(context.getStartupFailure())).contains("heartbeat.control.secret")
				.doesNotContain("hunter2");
		});
	}

	@Test
	void goodValuesStartTheHeartbeat() {
		this.contextRunner
			.withPropertyValues("heartbeat.period=1s", "heartbeat.health.timeout=500ms", "heartbeat.report-by-buffer=1",
					"heartbeat.http.url=https://monitor.example.com/beats",
					"heartbeat.control.secret=0123456789abcdef0123456789abcdef", "heartbeat.process=orders-1")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(BeatScheduler.class));
	}

	@Test
	void disabledHeartbeatValidatesNothing() {
		this.contextRunner.withPropertyValues("heartbeat.enabled=false", "heartbeat.period=0s")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(BeatScheduler.class));
	}

}
