package dev.heartbeat.core.beat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

/**
 * Properties of {@link BeatCodec}: encoding round-trips exactly, and parsing is total (a beat or
 * a {@link BeatFormatException}, never anything else).
 */
class BeatCodecPropertyTests {

	@Test
	void parseOfTheEncodingShouldGiveBackTheSameBeat() {
		qt().withExamples(2000).forAll(beats()).checkAssert((beat) -> assertThat(BeatCodec.parse(BeatCodec.encode(beat))).isEqualTo(beat));
	}

	@Test
	void parseOfTheEncodedBytesShouldGiveBackTheSameBeat() {
		qt().withExamples(2000).forAll(beats()).checkAssert((beat) -> assertThat(BeatCodec.parse(BeatCodec.encodeBytes(beat))).isEqualTo(beat));
	}

	@Test
	void encodeShouldWriteTheShortestDecimalNumberOfSeconds() {
		qt().withExamples(2000).forAll(durations()).checkAssert((duration) -> {
			String expected = BigDecimal.valueOf(duration.toNanos(), 9).stripTrailingZeros().toPlainString();
			assertThat(BeatCodec.encode(Beat.beat(duration))).isEqualTo("beat/" + expected);
		});
	}

	@Test
	void encodingShouldFitTheMaximumPayloadLength() {
		qt().withExamples(2000).forAll(beats()).checkAssert((beat) -> assertThat(BeatCodec.encodeBytes(beat)).hasSizeLessThanOrEqualTo(BeatCodec.MAX_PAYLOAD_BYTES));
	}

	@Test
	void parseOfAnyBytesShouldYieldABeatOrABeatFormatException() {
		qt().withExamples(5000).forAll(payloadBytes()).checkAssert((payload) -> assertParsedOrRejected(catchThrowable(() -> BeatCodec.parse(payload))));
	}

	@Test
	void parseOfAnyStringShouldYieldABeatOrABeatFormatException() {
		qt().withExamples(5000).forAll(payloadStrings()).checkAssert((payload) -> assertParsedOrRejected(catchThrowable(() -> BeatCodec.parse(payload))));
	}

	@Test
	void parseShouldAcceptOnlyWhatItCanEncodeAgainToTheSameBeat() {
		qt().withExamples(5000).forAll(payloadStrings()).checkAssert((payload) -> {
			Beat beat;
			try {
				beat = BeatCodec.parse(payload);
			}
			catch (BeatFormatException ex) {
				return;
			}
			assertThat(BeatCodec.parse(beat.encode())).isEqualTo(beat);
		});
	}

	@Test
	void parseOfBytesShouldJudgeExactlyAsParsingTheirStrictUtf8Decoding() {
		qt().withExamples(5000).forAll(payloadBytes()).checkAssert((payload) -> {
			if (payload.length == 0 || payload.length > BeatCodec.MAX_PAYLOAD_BYTES) {
				return;
			}
			String expected;
			try {
				String text = StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)
					.decode(ByteBuffer.wrap(payload))
					.toString();
				expected = outcome(() -> BeatCodec.parse(text));
			}
			catch (CharacterCodingException ex) {
				expected = BeatFormatException.Reason.NOT_UTF8.name();
			}
			String actual = outcome(() -> BeatCodec.parse(payload));
			if (!expected.equals(BeatFormatException.Reason.NOT_UTF8.name())) {
				assertThat(actual).isEqualTo(expected);
			}
			else {
				assertThat(actual).startsWith(expected);
			}
		});
	}

	// the beat, or the reason and message of the rejection
	private static String outcome(java.util.function.Supplier<Beat> parse) {
		try {
			return "beat " + parse.get();
		}
		catch (BeatFormatException ex) {
			return ex.reason().name() + ": " + ex.getMessage();
		}
	}

	private static void assertParsedOrRejected(Throwable thrown) {
		if (thrown != null) {
			assertThat(thrown).isInstanceOf(BeatFormatException.class);
			BeatFormatException ex = (BeatFormatException) thrown;
			assertThat(ex.reason()).isNotNull();
			assertThat(ex).hasMessageStartingWith("Invalid heartbeat payload \"" + ex.input() + "\": ");
		}
	}

	static Gen<Duration> durations() {
		Gen<Duration> anyNanos = longs().between(1, Beat.MAX_DURATION.toNanos()).map((Long nanos) -> Duration.ofNanos(nanos));
		Gen<Duration> wholeMillis = longs().between(1, Beat.MAX_DURATION.toMillis()).map((Long millis) -> Duration.ofMillis(millis));
		Gen<Duration> wholeSeconds = longs().between(1, Beat.MAX_DURATION.toSeconds()).map((Long seconds) -> Duration.ofSeconds(seconds));
		return Generate.oneOf(anyNanos, wholeMillis, wholeSeconds);
	}

	static Gen<Beat> beats() {
		return Generate.enumValues(BeatKind.class).zip(durations(), Beat::of);
	}

	private static Gen<String> payloadStrings() {
		return Generate.oneOf(strings().allPossible().ofLengthBetween(0, 200),
				strings().basicMultilingualPlaneAlphabet().ofLengthBetween(0, 80), nearlyValid(),
				beats().map((Beat beat) -> beat.encode()));
	}

	private static Gen<byte[]> payloadBytes() {
		Gen<byte[]> anyBytes = Generate.byteArrays(integers().between(0, 80),
				Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
		Gen<byte[]> nearlyValidBytes = nearlyValid().map((String text) -> text.getBytes(StandardCharsets.UTF_8));
		Gen<byte[]> flipped = nearlyValidBytes.zip(integers().between(0, 200),
				Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0), (bytes, index, value) -> {
					byte[] copy = bytes.clone();
					if (copy.length > 0) {
						copy[index % copy.length] = value;
					}
					return copy;
				});
		return Generate.oneOf(anyBytes, nearlyValidBytes, flipped);
	}

	/**
	 * Strings shaped like payloads (a verb-like head, maybe a slash, a number-like tail) so that
	 * the generator reaches deep into the parser rather than failing on the verb.
	 */
	private static Gen<String> nearlyValid() {
		Gen<String> verbs = Generate.oneOf(Generate.pick(List.of("start", "beat", "degraded", "stop", "", "Beat")),
				strings().basicLatinAlphabet().ofLengthBetween(0, 5));
		Gen<String> slashes = Generate.pick(List.of("/", "", "//", " /"));
		Gen<String> numbers = lists().of(Generate.pick(List.of("0", "1", "5", "9", ".", "-", "+", " ", "e", "E", "/", "\n", "\u0665")))
			.ofSizeBetween(0, 30)
			.map((List<String> chars) -> String.join("", chars));
		return verbs.zip(slashes, numbers, (verb, slash, number) -> verb + slash + number);
	}

}
