package dev.heartbeat.core.monitor;

import java.time.Duration;
import java.time.LocalTime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DeadlineEngineConfigTests {

	@Test
	void defaultsShouldMatchTheIssue() {
		DeadlineEngineConfig config = DeadlineEngineConfig.ofDefaults();
		assertThat(config.lateFactor()).isEqualTo(1.5);
		assertThat(config.reportByBuffer()).isEqualTo(3);
		assertThat(config.holdTime()).isZero();
		assertThat(config.reminderInterval()).isZero();
		assertThat(config.maxDuration()).isEqualTo(Duration.ofHours(24));
		assertThat(config.minInstances()).isEqualTo(1);
		assertThat(config.minInstances("orders")).isEqualTo(1);
		assertThat(config.appMinInstances()).isEmpty();
		assertThat(config.forgetStoppedAfter()).isEqualTo(Duration.ofMinutes(15));
		assertThat(config.forgetDeadAfter()).isEqualTo(Duration.ofHours(24));
		assertThat(config.blindAfter()).isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void fromShouldCopyEveryField() {
		DeadlineEngineConfig base = DeadlineEngineConfig.custom()
			.lateFactor(1.2)
			.reportByBuffer(2.5)
			.holdTime(Duration.ofSeconds(7))
			.reminderInterval(Duration.ofMinutes(15))
			.maxDuration(Duration.ofHours(2))
			.minInstances(2)
			.minInstances("orders", 3)
			.forgetStoppedAfter(Duration.ofMinutes(1))
			.forgetDeadAfter(Duration.ZERO)
			.blindAfter(Duration.ofMillis(1500))
			.schedules(ScheduleLookup.builder().process("nightly", DailyAt.utc(LocalTime.of(2, 30))).build())
			.build();
		DeadlineEngineConfig copy = DeadlineEngineConfig.from(base).build();
		assertThat(copy).usingRecursiveComparison().isEqualTo(base);
		assertThat(copy.toString()).isEqualTo(base.toString());
	}

	@Test
	void lateFactorBelowOneShouldBeRejectedNamingTheField() {
		assertThatIllegalArgumentException().isThrownBy(() -> DeadlineEngineConfig.custom().lateFactor(0.9))
			.withMessage("lateFactor must be at least 1 and at most 1000, was 0.9");
	}

	@Test
	void reportByBufferThatIsNotANumberShouldBeRejectedNamingTheField() {
		assertThatIllegalArgumentException().isThrownBy(() -> DeadlineEngineConfig.custom().reportByBuffer(Double.NaN))
			.withMessageStartingWith("reportByBuffer must be at least 1");
	}

	@Test
	void lateFactorNotBelowReportByBufferShouldBeRejectedAtBuild() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DeadlineEngineConfig.custom().lateFactor(3).reportByBuffer(3).build())
			.withMessage("lateFactor must be less than reportByBuffer (3.0), was 3.0");
	}

	@Test
	void negativeHoldTimeShouldBeRejectedNamingTheField() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DeadlineEngineConfig.custom().holdTime(Duration.ofSeconds(-1)))
			.withMessage("holdTime must be zero or more, was PT-1S");
	}

	@Test
	void reminderIntervalAboveAYearShouldBeRejectedNamingTheField() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DeadlineEngineConfig.custom().reminderInterval(Duration.ofDays(366)))
			.withMessage("reminderInterval must be at most 365 days, was PT8784H");
	}

	@Test
	void zeroMaxDurationShouldBeRejectedNamingTheField() {
		assertThatIllegalArgumentException().isThrownBy(() -> DeadlineEngineConfig.custom().maxDuration(Duration.ZERO))
			.withMessage("maxDuration must be positive, was PT0S");
	}

	@Test
	void anAppsOwnMinimumShouldWinOverTheDefault() {
		DeadlineEngineConfig config = DeadlineEngineConfig.custom().minInstances(2).minInstances("orders", 3).build();
		assertThat(config.minInstances("orders")).isEqualTo(3);
		assertThat(config.minInstances("billing")).isEqualTo(2);
	}

	@Test
	void minInstancesBelowOneShouldBeRejectedNamingTheField() {
		assertThatIllegalArgumentException().isThrownBy(() -> DeadlineEngineConfig.custom().minInstances(0))
			.withMessage("minInstances must be at least 1 and at most 1000000, was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> DeadlineEngineConfig.custom().minInstances("orders", -2))
			.withMessage("minInstances must be at least 1 and at most 1000000, was -2");
	}

	@Test
	void aMinimumForTheEmptyAppShouldBeRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> DeadlineEngineConfig.custom().minInstances("", 2))
			.withMessageStartingWith("app must not be empty");
	}

	@Test
	void negativeRetentionShouldBeRejectedNamingTheField() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DeadlineEngineConfig.custom().forgetStoppedAfter(Duration.ofSeconds(-1)))
			.withMessage("forgetStoppedAfter must be zero or more, was PT-1S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DeadlineEngineConfig.custom().forgetDeadAfter(Duration.ofDays(400)))
			.withMessage("forgetDeadAfter must be at most 365 days, was PT9600H");
	}

	@Test
	void zeroBlindAfterShouldBeRejectedNamingTheField() {
		assertThatIllegalArgumentException().isThrownBy(() -> DeadlineEngineConfig.custom().blindAfter(Duration.ZERO))
			.withMessage("blindAfter must be positive, was PT0S");
	}

}
