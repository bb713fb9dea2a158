package dev.heartbeat.core.beat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Tests for {@link Beat} and {@link BeatKind}.
 */
class BeatTests {

	@ParameterizedTest
	@EnumSource(value = BeatKind.class, names = "STOP", mode = EnumSource.Mode.EXCLUDE)
	void beatShouldRejectAMissingDurationNamingTheVerb(BeatKind kind) {
		assertThatIllegalArgumentException().isThrownBy(() -> new Beat(kind, null))
			.withMessageContaining("'" + kind.verb() + "'")
			.withMessageContaining("needs a duration");
	}

	@ParameterizedTest
	@EnumSource(value = BeatKind.class, names = "STOP", mode = EnumSource.Mode.EXCLUDE)
	void beatShouldRejectAZeroDuration(BeatKind kind) {
		assertThatIllegalArgumentException().isThrownBy(() -> new Beat(kind, Duration.ZERO))
			.withMessageContaining("must be positive, was PT0S");
	}

	@Test
	void beatShouldRejectANegativeDuration() {
		assertThatIllegalArgumentException().isThrownBy(() -> Beat.beat(Duration.ofSeconds(-5)))
			.withMessageContaining("must be positive, was PT-5S");
	}

	@Test
	void beatShouldRejectADurationOneNanosecondOverTheMaximum() {
		Duration tooLong = Beat.MAX_DURATION.plusNanos(1);
		assertThatIllegalArgumentException().isThrownBy(() -> Beat.degraded(tooLong))
			.withMessageContaining("was " + tooLong);
	}

	@Test
	void beatShouldAcceptTheMaximumDuration() {
		assertThat(Beat.start(Beat.MAX_DURATION).duration()).isEqualTo(Duration.ofDays(365));
	}

	@Test
	void beatShouldAcceptOneNanosecond() {
		assertThat(Beat.beat(Duration.ofNanos(1)).duration()).isEqualTo(Duration.ofNanos(1));
	}

	@Test
	void stopShouldRejectADuration() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Beat(BeatKind.STOP, Duration.ofSeconds(5)))
			.withMessageContaining("'stop' beat has no duration");
	}

	@Test
	void beatShouldRejectAMissingKind() {
		assertThatNullPointerException().isThrownBy(() -> new Beat(null, Duration.ofSeconds(5)))
			.withMessage("kind");
	}

	@Test
	void ofStopShouldIgnoreTheDuration() {
		assertThat(Beat.of(BeatKind.STOP, Duration.ofSeconds(5))).isEqualTo(Beat.stop());
	}

	@Test
	void ofShouldBuildABeatOfTheGivenKindAndDuration() {
		assertThat(Beat.of(BeatKind.DEGRADED, Duration.ofSeconds(2))).isEqualTo(Beat.degraded(Duration.ofSeconds(2)));
	}

	@Test
	void toStringShouldBeThePayload() {
		assertThat(Beat.degraded(Duration.ofMillis(2500))).hasToString("degraded/2.5");
	}

	@Test
	void onlyStopShouldHaveNoDuration() {
		assertThat(BeatKind.values()).filteredOn((kind) -> !kind.hasDuration()).containsExactly(BeatKind.STOP);
	}

	@Test
	void onlyBeatAndDegradedShouldBePeriodic() {
		assertThat(BeatKind.values()).filteredOn(BeatKind::isPeriodic)
			.containsExactlyInAnyOrder(BeatKind.BEAT, BeatKind.DEGRADED);
	}

	@Test
	void verbsShouldBeTheLowerCaseNames() {
		assertThat(BeatKind.values()).extracting(BeatKind::verb)
			.containsExactly("start", "beat", "degraded", "stop");
	}

}
