package dev.heartbeat.core.heart;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Tests for {@link HeartConfig}.
 */
class HeartConfigTests {

	@Test
	void processShouldRejectAnInvalidIdNamingTheFieldAndQuotingTheId() {
		assertThatIllegalArgumentException().isThrownBy(() -> HeartConfig.custom().process("order importer"))
			.withMessage("process is invalid: it contains whitespace at index 5, was \"order importer\"");
	}

	@Test
	void processShouldRejectAnEmptyIdNamingTheField() {
		assertThatIllegalArgumentException().isThrownBy(() -> HeartConfig.custom().process(""))
			.withMessageStartingWith("process is invalid: ")
			.withMessageContaining("must not be empty");
	}

	@Test
	void processShouldRejectAMissingIdNamingTheField() {
		assertThatIllegalArgumentException().isThrownBy(() -> HeartConfig.custom().process(null))
			.withMessageStartingWith("process is invalid: ");
	}

	@Test
	void processShouldRejectTheWildcardNamingTheField() {
		assertThatIllegalArgumentException().isThrownBy(() -> HeartConfig.custom().process("orders*"))
			.withMessageStartingWith("process is invalid: ")
			.withMessageContaining("\"orders*\"");
	}

	@Test
	void processShouldRejectAnOverLongIdNamingTheField() {
		assertThatIllegalArgumentException().isThrownBy(() -> HeartConfig.custom().process("p".repeat(201)))
			.withMessageStartingWith("process is invalid: ")
			.withMessageContaining("201 characters");
	}

	@Test
	void buildShouldRequireAProcess() {
		assertThatIllegalStateException().isThrownBy(() -> HeartConfig.custom().build())
			.withMessage("process is required");
	}

	@Test
	void ofDefaultsShouldUseTheProcessAsAppAndTheDefaultMinInterval() {
		HeartConfig config = HeartConfig.ofDefaults("orders");
		assertThat(config.process()).isEqualTo("orders");
		assertThat(config.app()).isEqualTo("orders");
		assertThat(config.minInterval()).isEqualTo(Duration.ofSeconds(1)).isEqualTo(HeartConfig.DEFAULT_MIN_INTERVAL);
	}

	@Test
	void instanceShouldDefaultToTwelveRandomHexDigits() {
		assertThat(HeartConfig.ofDefaults("orders").instance()).matches("[0-9a-f]{12}");
	}

	@Test
	void instanceShouldDifferBetweenConfigurations() {
		assertThat(HeartConfig.ofDefaults("orders").instance())
			.isNotEqualTo(HeartConfig.ofDefaults("orders").instance());
	}

	@Test
	void builderShouldKeepEveryGivenValue() {
		HeartConfig config = HeartConfig.custom()
			.process("orders")
			.app("shop")
			.instance("pod-7")
			.minInterval(Duration.ofMillis(250))
			.build();
		assertThat(config.process()).isEqualTo("orders");
		assertThat(config.app()).isEqualTo("shop");
		assertThat(config.instance()).isEqualTo("pod-7");
		assertThat(config.minInterval()).isEqualTo(Duration.ofMillis(250));
	}

	@Test
	void fromShouldCopyEveryValue() {
		HeartConfig base = HeartConfig.custom()
			.process("orders")
			.app("shop")
			.instance("pod-7")
			.minInterval(Duration.ofMillis(250))
			.build();
		assertThat(HeartConfig.from(base).build()).hasToString(base.toString());
	}

	@Test
	void fromShouldLetOneValueChange() {
		HeartConfig base = HeartConfig.custom().process("orders").app("shop").instance("pod-7").build();
		HeartConfig changed = HeartConfig.from(base).minInterval(Duration.ZERO).build();
		assertThat(changed.minInterval()).isZero();
		assertThat(changed.instance()).isEqualTo("pod-7");
	}

	@Test
	void minIntervalShouldAcceptZero() {
		assertThat(HeartConfig.custom().process("orders").minInterval(Duration.ZERO).build().minInterval()).isZero();
	}

	@Test
	void minIntervalShouldRejectANegativeDurationNamingTheField() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HeartConfig.custom().minInterval(Duration.ofMillis(-1)))
			.withMessage("minInterval must be zero or more, was PT-0.001S");
	}

	@Test
	void minIntervalShouldRejectAMissingDurationNamingTheField() {
		assertThatNullPointerException().isThrownBy(() -> HeartConfig.custom().minInterval(null))
			.withMessage("minInterval");
	}

	@Test
	void appShouldRejectABlankNameNamingTheField() {
		assertThatIllegalArgumentException().isThrownBy(() -> HeartConfig.custom().app("  "))
			.withMessage("app must not be blank, was \"  \"");
	}

	@Test
	void instanceShouldRejectAnInvalidIdNamingTheField() {
		assertThatIllegalArgumentException().isThrownBy(() -> HeartConfig.custom().instance("pod 7"))
			.withMessage("instance is invalid: it contains whitespace at index 3, was \"pod 7\"");
	}

}
