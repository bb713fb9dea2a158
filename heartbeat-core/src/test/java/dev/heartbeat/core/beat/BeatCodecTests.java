package dev.heartbeat.core.beat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.heartbeat.core.beat.BeatFormatException.Reason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link BeatCodec}: the payload encoding and its strict parser.
 */
class BeatCodecTests {

	@Test
	void encodeShouldWriteStartWithItsWarmupInSeconds() {
		assertThat(BeatCodec.encode(Beat.start(Duration.ofSeconds(30)))).isEqualTo("start/30");
	}

	@Test
	void encodeShouldWriteBeatWithItsPeriodInSeconds() {
		assertThat(BeatCodec.encode(Beat.beat(Duration.ofSeconds(5)))).isEqualTo("beat/5");
	}

	@Test
	void encodeShouldWriteDegradedWithItsPeriodInSeconds() {
		assertThat(BeatCodec.encode(Beat.degraded(Duration.ofMillis(1250)))).isEqualTo("degraded/1.25");
	}

	@Test
	void encodeShouldWriteStopWithoutDuration() {
		assertThat(BeatCodec.encode(Beat.stop())).isEqualTo("stop");
	}

	@Test
	void encodeBytesShouldBeTheUtf8OfTheText() {
		assertThat(BeatCodec.encodeBytes(Beat.beat(Duration.ofMillis(500))))
			.isEqualTo("beat/0.5".getBytes(StandardCharsets.UTF_8));
	}

	@ParameterizedTest(name = "{0}s {1}ns -> {2}")
	@CsvSource({ "5, 0, 5", "0, 500000000, 0.5", "60, 0, 60", "1, 250000000, 1.25", "0, 1, 0.000000001",
			"10, 10, 10.00000001", "0, 100000000, 0.1", "120, 5000000, 120.005", "31536000, 0, 31536000",
			"31535999, 999999999, 31535999.999999999" })
	void formatSecondsShouldWriteTheShortestDecimal(long seconds, int nanos, String expected) {
		assertThat(BeatCodec.formatSeconds(Duration.ofSeconds(seconds, nanos))).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("validPayloads")
	void parseShouldReturnTheTypedBeat(String payload, Beat expected) {
		assertThat(BeatCodec.parse(payload)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("validPayloads")
	void parseOfUtf8BytesShouldReturnTheTypedBeat(String payload, Beat expected) {
		assertThat(BeatCodec.parse(payload.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("validPayloads")
	void parseOfTheEncodingShouldGiveBackTheSameBeat(String payload, Beat beat) {
		assertThat(BeatCodec.parse(BeatCodec.encode(beat))).isEqualTo(beat);
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("validPayloads")
	void encodeOfTheParsedBeatShouldGiveBackThePayload(String payload, Beat beat) {
		assertThat(BeatCodec.encode(BeatCodec.parse(payload))).isEqualTo(payload);
	}

	static Stream<Arguments> validPayloads() {
		return Stream.of(Arguments.of("start/30", Beat.start(Duration.ofSeconds(30))),
				Arguments.of("start/0.001", Beat.start(Duration.ofMillis(1))),
				Arguments.of("beat/5", Beat.beat(Duration.ofSeconds(5))),
				Arguments.of("beat/0.5", Beat.beat(Duration.ofMillis(500))),
				Arguments.of("beat/60", Beat.beat(Duration.ofMinutes(1))),
				Arguments.of("beat/0.000000001", Beat.beat(Duration.ofNanos(1))),
				Arguments.of("degraded/1.25", Beat.degraded(Duration.ofMillis(1250))),
				Arguments.of("degraded/31536000", Beat.degraded(Beat.MAX_DURATION)),
				Arguments.of("degraded/31535999.999999999", Beat.degraded(Beat.MAX_DURATION.minusNanos(1))),
				Arguments.of("stop", Beat.stop()));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "beat/05", "beat/00000000005", "beat/0000000000000000000000000000005.0" })
	void parseShouldReadLeadingZerosAsItsGrammarAllows(String payload) {
		assertThat(BeatCodec.parse(payload)).isEqualTo(Beat.beat(Duration.ofSeconds(5)));
	}

	@Test
	void parseShouldRejectAnEmptyPayload() {
		assertRejected("", Reason.EMPTY, "\"\"");
	}

	@Test
	void parseShouldRejectNoBytesAtAll() {
		assertThatExceptionOfType(BeatFormatException.class).isThrownBy(() -> BeatCodec.parse(new byte[0]))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.EMPTY))
			.withMessageContaining("\"\"");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "pulse/5", "Beat/5", "BEAT/5", "beats/5", "stopped", "Stop", "start5", " beat/5",
			"beat 5", "/5", "é/5" })
	void parseShouldRejectAnUnknownVerbQuotingTheInput(String payload) {
		assertRejected(payload, Reason.UNKNOWN_VERB, "\"" + payload + "\"");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "start", "beat", "degraded", "start/", "beat/", "degraded/" })
	void parseShouldRejectAMissingDurationQuotingTheInput(String payload) {
		assertRejected(payload, Reason.MISSING_DURATION, "\"" + payload + "\"");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "beat/-5", "start/-0.5", "degraded/-1.25", "beat/-0", "beat/-31536001",
			"beat/-99999999999999999999" })
	void parseShouldRejectANegativeDurationQuotingTheInput(String payload) {
		assertRejected(payload, Reason.NEGATIVE_DURATION, "\"" + payload + "\"");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "beat/five", "beat/-", "beat/+5", "beat/.5", "beat/5.", "beat/ 5", "beat/1.0000000001",
			"beat/\u0665", "degraded/-x", "start/NaN", "beat/Infinity" })
	void parseShouldRejectANonNumericDurationQuotingTheInput(String payload) {
		assertRejected(payload, Reason.NOT_A_NUMBER, "\"" + payload + "\"");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "beat/0", "beat/0.0", "start/0.000000000", "degraded/31536000.000000001",
			"beat/31536001", "beat/9999999999", "beat/99999999999", "beat/99999999999999999999.5" })
	void parseShouldRejectADurationOutOfRangeQuotingTheInput(String payload) {
		assertRejected(payload, Reason.DURATION_OUT_OF_RANGE, "\"" + payload + "\"");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "beat/5s", "beat/5 ", "beat/5/5", "beat/1.5x", "beat/1e3", "beat/0x10", "start/5,0",
			"stop/", "stop/5", "degraded/5.5.5" })
	void parseShouldRejectTrailingGarbageQuotingTheInput(String payload) {
		assertRejected(payload, Reason.TRAILING_GARBAGE, "\"" + payload + "\"");
	}

	@Test
	void parseShouldQuoteControlCharactersEscaped() {
		assertRejected("beat/5\n", Reason.TRAILING_GARBAGE, "\"beat/5\\n\"");
	}

	@Test
	void parseShouldQuoteQuotesAndBackslashesEscaped() {
		assertRejected("be\"at\\/5", Reason.UNKNOWN_VERB, "\"be\\\"at\\\\/5\"");
	}

	@Test
	void parseShouldRejectAnOverLongPayloadQuotingItsStart() {
		String payload = "beat/" + "1".repeat(60);
		assertRejected(payload, Reason.TOO_LONG, "\"" + payload.substring(0, BeatCodec.MAX_PAYLOAD_BYTES) + "...\"");
	}

	@Test
	void parseShouldRejectAPayloadOfFewCharactersButTooManyUtf8Bytes() {
		String payload = "é".repeat(33);
		assertThat(payload.length()).isLessThan(BeatCodec.MAX_PAYLOAD_BYTES);
		assertRejected(payload, Reason.TOO_LONG, "\"" + payload + "...\"");
	}

	@Test
	void parseShouldNotRejectAPayloadOfExactlyTheMaximumLengthAsTooLong() {
		String payload = "x".repeat(BeatCodec.MAX_PAYLOAD_BYTES);
		assertRejected(payload, Reason.UNKNOWN_VERB, "\"" + payload + "\"");
	}

	@Test
	void parseShouldRejectOverLongBytesQuotingTheirStart() {
		byte[] payload = ("beat/" + "1".repeat(60)).getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(BeatFormatException.class).isThrownBy(() -> BeatCodec.parse(payload))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.TOO_LONG))
			.withMessageContaining("\"beat/" + "1".repeat(59) + "...\"")
			.withMessageContaining("65 bytes");
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("invalidUtf8")
	void parseShouldRejectBytesThatAreNotUtf8QuotingThemEscaped(byte[] payload, String quoted) {
		assertThatExceptionOfType(BeatFormatException.class).isThrownBy(() -> BeatCodec.parse(payload))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.NOT_UTF8))
			.satisfies((ex) -> assertThat(ex.input()).isEqualTo(quoted))
			.withMessageContaining("\"" + quoted + "\"");
	}

	static Stream<Arguments> invalidUtf8() {
		return Stream.of(Arguments.of(bytes("beat/5", 0xff), "beat/5\\xff"),
				Arguments.of(bytes("beat/", 0x80), "beat/\\x80"),
				// an over-long encoding of '/'
				Arguments.of(bytes("beat", 0xc0, 0xaf, '5'), "beat\\xc0\\xaf5"),
				// a UTF-16 surrogate encoded as if it were a code point
				Arguments.of(bytes("beat/", 0xed, 0xa0, 0x80), "beat/\\xed\\xa0\\x80"),
				// a truncated two-byte sequence
				Arguments.of(bytes("stop", 0xc3), "stop\\xc3"));
	}

	@Test
	void parseShouldAcceptUtf8BytesOfANonAsciiPayloadAndJudgeTheText() {
		byte[] payload = "bëat/5".getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(BeatFormatException.class).isThrownBy(() -> BeatCodec.parse(payload))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.UNKNOWN_VERB))
			.withMessageContaining("\"bëat/5\"");
	}

	@Test
	void beatFormatExceptionShouldBeAnIllegalArgumentException() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> BeatCodec.parse("pulse/5"));
	}

	@Test
	void escapeShouldMakeControlCharactersAndUnpairedSurrogatesVisible() {
		assertThat(BeatCodec.escape("a\u0000b\u007f\tc\ud800")).isEqualTo("a\\u0000b\\u007f\\tc\\ud800");
	}

	@Test
	void escapeShouldKeepPairedSurrogates() {
		assertThat(BeatCodec.escape("beat/\ud83d\udc93")).isEqualTo("beat/\ud83d\udc93");
	}

	private static void assertRejected(String payload, Reason reason, String quoted) {
		assertThatExceptionOfType(BeatFormatException.class).isThrownBy(() -> BeatCodec.parse(payload))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason))
			.withMessageStartingWith("Invalid heartbeat payload ")
			.withMessageContaining(quoted);
	}

	private static byte[] bytes(String prefix, int... tail) {
		byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
		byte[] bytes = new byte[head.length + tail.length];
		System.arraycopy(head, 0, bytes, 0, head.length);
		for (int i = 0; i < tail.length; i++) {
			bytes[head.length + i] = (byte) tail[i];
		}
		return bytes;
	}

}
