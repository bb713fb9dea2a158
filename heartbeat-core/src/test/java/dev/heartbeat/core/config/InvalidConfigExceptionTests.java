package dev.heartbeat.core.config;

import java.time.Duration;
import java.util.stream.Stream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.heartbeat.core.heart.HeartConfig;
import dev.heartbeat.core.monitor.DeadlineEngineConfig;
import dev.heartbeat.core.schedule.SchedulerConfig;
import dev.heartbeat.core.wire.ControlSignature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every rule of core's configuration reports the field, the value and the reason.
 */
class InvalidConfigExceptionTests {

	@Test
	void messageShouldNameTheFieldGiveTheReasonAndQuoteATextValue() {
		InvalidConfigException ex = new InvalidConfigException("app", " ", "must not be blank");
		assertThat(ex).isInstanceOf(IllegalArgumentException.class).hasMessage("app must not be blank, was \" \"");
		assertThat(ex.field()).isEqualTo("app");
		assertThat(ex.value()).isEqualTo(" ");
		assertThat(ex.reason()).isEqualTo("must not be blank");
		assertThat(ex.isSecret()).isFalse();
	}

	@Test
	void messageShouldShowOtherValuesAsTheyPrint() {
		assertThat(new InvalidConfigException("period", Duration.ZERO, "must be at least 1ms"))
			.hasMessage("period must be at least 1ms, was PT0S");
		assertThat(new InvalidConfigException("lateFactor", 0.5, "must be at least 1")).hasMessage(
				"lateFactor must be at least 1, was 0.5");
		assertThat(new InvalidConfigException("x", null, "must be set")).hasMessage("x must be set, was null");
	}

	static Stream<Arguments> rules() {
		Duration year = Duration.ofDays(366);
		return Stream.of(
				rule(() -> SchedulerConfig.custom().period(Duration.ZERO), "period", Duration.ZERO,
						"must be at least 1ms"),
				rule(() -> SchedulerConfig.custom().period(year), "period", year, "must be at most 365 days"),
				rule(() -> SchedulerConfig.custom().warmup(Duration.ofNanos(1)), "warmup", Duration.ofNanos(1),
						"must be at least 1ms"),
				rule(() -> SchedulerConfig.custom().warmup(year), "warmup", year, "must be at most 365 days"),
				rule(() -> SchedulerConfig.custom().initialDelay(Duration.ofSeconds(-1)), "initialDelay",
						Duration.ofSeconds(-1), "must be zero or more"),
				rule(() -> SchedulerConfig.custom().publisherTimeout(Duration.ZERO), "publisherTimeout", Duration.ZERO,
						"must be at least 1ms"),
				rule(() -> SchedulerConfig.custom().shutdownGrace(Duration.ofSeconds(-1)), "shutdownGrace",
						Duration.ofSeconds(-1), "must be zero or more"),
				rule(() -> HeartConfig.custom().minInterval(Duration.ofSeconds(-1)), "minInterval",
						Duration.ofSeconds(-1), "must be zero or more"),
				rule(() -> HeartConfig.custom().app(""), "app", "", "must not be blank"),
				rule(() -> HeartConfig.custom().process("a b"), "process", "a b",
						"is invalid: it contains whitespace at index 1"),
				rule(() -> HeartConfig.custom().instance("*"), "instance", "*",
						"is invalid: '*' is reserved for addressing every process"),
				rule(() -> DeadlineEngineConfig.custom().lateFactor(0.5), "lateFactor", 0.5,
						"must be at least 1 and at most 1000"),
				rule(() -> DeadlineEngineConfig.custom().reportByBuffer(1001), "reportByBuffer", 1001.0,
						"must be at least 1 and at most 1000"),
				rule(() -> DeadlineEngineConfig.custom().reportByBuffer(Double.POSITIVE_INFINITY), "reportByBuffer",
						Double.POSITIVE_INFINITY, "must be at least 1 and at most 1000"),
				rule(() -> DeadlineEngineConfig.custom().lateFactor(4).build(), "lateFactor", 4.0,
						"must be less than reportByBuffer (3.0)"),
				rule(() -> DeadlineEngineConfig.custom().holdTime(Duration.ofSeconds(-1)), "holdTime",
						Duration.ofSeconds(-1), "must be zero or more"),
				rule(() -> DeadlineEngineConfig.custom().reminderInterval(year), "reminderInterval", year,
						"must be at most 365 days"),
				rule(() -> DeadlineEngineConfig.custom().maxDuration(Duration.ZERO), "maxDuration", Duration.ZERO,
						"must be positive"),
				rule(() -> DeadlineEngineConfig.custom().maxDuration(year), "maxDuration", year,
						"must be at most 365 days"),
				rule(() -> new ControlSignature("hunter2-hunter2"), "secret", InvalidConfigException.MASK,
						"must have at least 32 bytes (UTF-8), the configured value has 15"));
	}

	private static Arguments rule(ThrowingCallable call, String field, Object value, String reason) {
		return arguments(field + " " + reason, call, field, value, reason);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rules")
	void ruleShouldReportTheFieldTheValueAndTheReason(String name, ThrowingCallable call, String field, Object value,
			String reason) {
		assertThatExceptionOfType(InvalidConfigException.class).isThrownBy(call).satisfies((ex) -> {
			assertThat(ex.field()).isEqualTo(field);
			assertThat(ex.value()).isEqualTo(value);
			assertThat(ex.reason()).isEqualTo(reason);
			assertThat(ex.getMessage()).isEqualTo(field + " " + reason
					+ (ex.isSecret() ? "" : ", was " + ((value instanceof String) ? "\"" + value + "\"" : value)));
		});
	}

	@Test
	void aShortSecretShouldNeverBeShown() {
		assertThatExceptionOfType(InvalidConfigException.class)
			.isThrownBy(() -> new ControlSignature("hunter2-hunter2"))
			.withMessage("secret must have at least 32 bytes (UTF-8), the configured value has 15")
			.satisfies((ex) -> {
				assertThat(ex.isSecret()).isTrue();
				assertThat(ex.value()).isEqualTo(InvalidConfigException.MASK);
			});
	}

	@Test
	void boundsThemselvesShouldBeAccepted() {
		Duration max = Duration.ofDays(365);
		assertThat(SchedulerConfig.custom().period(Duration.ofMillis(1)).warmup(max).build().warmup()).isEqualTo(max);
		assertThat(DeadlineEngineConfig.custom().lateFactor(1).reportByBuffer(1000).build().reportByBuffer())
			.isEqualTo(1000);
		assertThat(new ControlSignature("x".repeat(ControlSignature.MIN_SECRET_BYTES))).isNotNull();
	}

}
