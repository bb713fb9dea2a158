package dev.heartbeat.core.beat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ProcessIds}.
 */
class ProcessIdsTests {

	@ParameterizedTest
	@ValueSource(strings = { "a", "orders", "orders-importer", "billing.nightly_run", "eu/west/1", "café", "進程",
			"x:y@z" })
	void requireValidShouldReturnAValidId(String process) {
		assertThat(ProcessIds.requireValid(process)).isSameAs(process);
	}

	@Test
	void requireValidShouldAcceptAnIdOfTheMaximumLength() {
		String process = "p".repeat(ProcessIds.MAX_LENGTH);
		assertThat(ProcessIds.requireValid(process)).isSameAs(process);
	}

	@Test
	void requireValidShouldRejectAnEmptyId() {
		assertThatIllegalArgumentException().isThrownBy(() -> ProcessIds.requireValid(""))
			.withMessage("Invalid process id \"\": it must not be empty");
	}

	@Test
	void requireValidShouldRejectAMissingId() {
		assertThatIllegalArgumentException().isThrownBy(() -> ProcessIds.requireValid(null))
			.withMessageContaining("must not be empty");
	}

	@Test
	void requireValidShouldRejectAnIdOneCharacterTooLongQuotingItsStart() {
		String process = "p".repeat(ProcessIds.MAX_LENGTH + 1);
		assertThatIllegalArgumentException().isThrownBy(() -> ProcessIds.requireValid(process))
			.withMessageContaining("\"" + "p".repeat(40) + "...\"")
			.withMessageContaining("201 characters, at most 200");
	}

	@ParameterizedTest(name = "[{0}] at {1}")
	@MethodSource("idsWithWhitespace")
	void requireValidShouldRejectWhitespaceQuotingTheIdAndNamingTheIndex(String process, int index) {
		assertThatIllegalArgumentException().isThrownBy(() -> ProcessIds.requireValid(process))
			.withMessageContaining("\"" + process + "\"")
			.withMessageContaining("whitespace at index " + index);
	}

	static Stream<Arguments> idsWithWhitespace() {
		// a plain space, a no-break space, an em space and an ideographic space
		return Stream.of(Arguments.of("a b", 1), Arguments.of(" orders", 0), Arguments.of("orders ", 6),
				Arguments.of("ab\u00a0c", 2), Arguments.of("a\u2003b", 1), Arguments.of("abc\u3000", 3));
	}

	@Test
	void requireValidShouldRejectATabQuotingItEscaped() {
		assertThatIllegalArgumentException().isThrownBy(() -> ProcessIds.requireValid("a\tb"))
			.withMessage("Invalid process id \"a\\tb\": it contains whitespace at index 1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "a\u0000b", "a\u0007b", "a\u007fb", "a\u0085b", "a\u009bb" })
	void requireValidShouldRejectControlCharactersQuotingTheIdEscaped(String process) {
		assertThatIllegalArgumentException().isThrownBy(() -> ProcessIds.requireValid(process))
			.withMessageContaining("\"" + BeatCodec.escape(process) + "\"")
			.withMessageContaining("at index 1");
	}

	@Test
	void requireValidShouldRejectTheNulCharacterAsControlCharacter() {
		assertThatIllegalArgumentException().isThrownBy(() -> ProcessIds.requireValid("a\u0000b"))
			.withMessage("Invalid process id \"a\\u0000b\": it contains a control character at index 1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "*", "orders*", "*.orders", "a*b" })
	void requireValidShouldRejectTheWildcard(String process) {
		assertThatIllegalArgumentException().isThrownBy(() -> ProcessIds.requireValid(process))
			.withMessage("Invalid process id \"" + process + "\": '*' is reserved for addressing every process");
	}

	@Test
	void isValidShouldAgreeWithRequireValid() {
		assertThat(ProcessIds.isValid("orders")).isTrue();
		assertThat(ProcessIds.isValid("or ders")).isFalse();
	}

	@Test
	void problemShouldBeNullForAValidId() {
		assertThat(ProcessIds.problem("orders")).isNull();
	}

	@Test
	void reasonShouldBeTheProblemWithoutTheQuotedId() {
		assertThat(ProcessIds.reason("orders")).isNull();
		assertThat(ProcessIds.reason("or ders")).isEqualTo("it contains whitespace at index 2");
		assertThat(ProcessIds.problem("or ders")).isEqualTo("Invalid process id \"or ders\": " + ProcessIds.reason("or ders"));
		assertThat(ProcessIds.reason(null)).isEqualTo("it must not be empty");
	}

	@Test
	void problemShouldJudgeEveryCharacterAsTheRulesSay() {
		for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
			char ch = (char) c;
			boolean invalid = Character.isWhitespace(ch) || Character.isSpaceChar(ch) || Character.isISOControl(ch)
					|| ch == '*';
			assertThat(ProcessIds.problem("a" + ch + "b")).as("U+%04X", c).matches((problem) -> (problem != null) == invalid);
		}
	}

	@Test
	void isPlainShouldHoldForEveryByteExactlyWhenItIsAnAsciiCharacterOfAValidId() {
		for (int b = 0; b < 256; b++) {
			boolean validAscii = b < 0x80 && ProcessIds.isValid(String.valueOf((char) b));
			assertThat(ProcessIds.isPlain(new byte[] { (byte) b })).as("byte 0x%02x", b).isEqualTo(validAscii);
		}
	}

	@Test
	void isPlainShouldHoldOnlyWithinTheAllowedLength() {
		assertThat(ProcessIds.isPlain(new byte[0])).isFalse();
		assertThat(ProcessIds.isPlain("a".repeat(ProcessIds.MAX_LENGTH).getBytes(StandardCharsets.US_ASCII))).isTrue();
		assertThat(ProcessIds.isPlain("a".repeat(ProcessIds.MAX_LENGTH + 1).getBytes(StandardCharsets.US_ASCII)))
			.isFalse();
	}

	@Test
	void isPlainShouldNotHoldForAValidIdWithMultiByteCharacters() {
		assertThat(ProcessIds.isValid("café")).isTrue();
		assertThat(ProcessIds.isPlain("café".getBytes(StandardCharsets.UTF_8))).isFalse();
	}

	@Test
	void subjectShouldBePrefixedWithHeartbeat() {
		assertThat(ProcessIds.subject("orders")).isEqualTo("heartbeat.orders");
	}

}
