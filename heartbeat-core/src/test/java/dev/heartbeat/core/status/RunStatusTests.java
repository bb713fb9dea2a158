package dev.heartbeat.core.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RunStatus}.
 */
class RunStatusTests {

	@ParameterizedTest
	@ValueSource(strings = { "PAUSED", "paused", "Paused", " paused ", "\tPAUSED\n" })
	void parseShouldIgnoreCaseAndSurroundingBlanks(String text) {
		assertThat(RunStatus.parse(text)).isEqualTo(RunStatus.PAUSED);
	}

	@Test
	void parseShouldReadRunning() {
		assertThat(RunStatus.parse("running")).isEqualTo(RunStatus.RUNNING);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "stopped", "PAUSE", "RUN NING" })
	void parseShouldRejectAnUnknownStatusQuotingIt(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> RunStatus.parse(text))
			.withMessage("Unknown run status \"" + text + "\", expected RUNNING or PAUSED");
	}

	@Test
	void parseShouldRejectAMissingStatus() {
		assertThatIllegalArgumentException().isThrownBy(() -> RunStatus.parse(null))
			.withMessageContaining("\"null\"");
	}

}
