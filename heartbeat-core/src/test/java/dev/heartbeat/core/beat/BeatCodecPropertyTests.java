package dev.heartbeat.core.beat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Properties of {@link BeatCodec}: encoding round-trips exactly, and parsing is total (a beat or
 * a {@link BeatFormatException}, never anything else).
 */
class BeatCodecPropertyTests {

	@Property(tries = 2000)
	void parseOfTheEncodingShouldGiveBackTheSameBeat(@ForAll("beats") Beat beat) {
		assertThat(BeatCodec.parse(BeatCodec.encode(beat))).isEqualTo(beat);
	}

	@Property(tries = 2000)
	void parseOfTheEncodedBytesShouldGiveBackTheSameBeat(@ForAll("beats") Beat beat) {
		assertThat(BeatCodec.parse(BeatCodec.encodeBytes(beat))).isEqualTo(beat);
	}

	@Property(tries = 2000)
	void encodeShouldWriteTheShortestDecimalNumberOfSeconds(@ForAll("durations") Duration duration) {
		String expected = BigDecimal.valueOf(duration.toNanos(), 9).stripTrailingZeros().toPlainString();
		assertThat(BeatCodec.encode(Beat.beat(duration))).isEqualTo("beat/" + expected);
	}

	@Property(tries = 2000)
	void encodingShouldFitTheMaximumPayloadLength(@ForAll("beats") Beat beat) {
		assertThat(BeatCodec.encodeBytes(beat)).hasSizeLessThanOrEqualTo(BeatCodec.MAX_PAYLOAD_BYTES);
	}

	@Property(tries = 5000)
	void parseOfAnyBytesShouldYieldABeatOrABeatFormatException(@ForAll("payloadBytes") byte[] payload) {
		assertParsedOrRejected(catchThrowable(() -> BeatCodec.parse(payload)));
	}

	@Property(tries = 5000)
	void parseOfAnyStringShouldYieldABeatOrABeatFormatException(@ForAll("payloadStrings") String payload) {
		assertParsedOrRejected(catchThrowable(() -> BeatCodec.parse(payload)));
	}

	@Property(tries = 5000)
	void parseShouldAcceptOnlyWhatItCanEncodeAgainToTheSameBeat(@ForAll("payloadStrings") String payload) {
		Beat beat;
		try {
			beat = BeatCodec.parse(payload);
		}
		catch (BeatFormatException ex) {
			return;
		}
		assertThat(BeatCodec.parse(beat.encode())).isEqualTo(beat);
	}

	private static void assertParsedOrRejected(Throwable thrown) {
		if (thrown != null) {
			assertThat(thrown).isInstanceOf(BeatFormatException.class);
			BeatFormatException ex = (BeatFormatException) thrown;
			assertThat(ex.reason()).isNotNull();
			assertThat(ex).hasMessageStartingWith("Invalid heartbeat payload \"" + ex.input() + "\": ");
		}
	}

	@Provide
	Arbitrary<Duration> durations() {
		long maxNanos = Beat.MAX_DURATION.toNanos();
		Arbitrary<Duration> anyNanos = Arbitraries.longs().between(1, maxNanos).map(Duration::ofNanos);
		Arbitrary<Duration> wholeMillis = Arbitraries.longs()
			.between(1, Beat.MAX_DURATION.toMillis())
			.map(Duration::ofMillis);
		Arbitrary<Duration> wholeSeconds = Arbitraries.longs()
			.between(1, Beat.MAX_DURATION.toSeconds())
			.map(Duration::ofSeconds);
		return Arbitraries.oneOf(anyNanos, wholeMillis, wholeSeconds);
	}

	@Provide
	Arbitrary<Beat> beats() {
		return Combinators.combine(Arbitraries.of(BeatKind.class), durations()).as(Beat::of);
	}

	@Provide
	Arbitrary<String> payloadStrings() {
		return Arbitraries.oneOf(Arbitraries.strings(), Arbitraries.strings().ofMaxLength(80).all(), nearlyValid(),
				beats().map(Beat::encode));
	}

	@Provide
	Arbitrary<byte[]> payloadBytes() {
		Arbitrary<byte[]> anyBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(80);
		Arbitrary<byte[]> nearlyValidBytes = nearlyValid().map((text) -> text.getBytes(StandardCharsets.UTF_8));
		Arbitrary<byte[]> flipped = Combinators
			.combine(nearlyValidBytes, Arbitraries.integers().between(0, 200), Arbitraries.bytes())
			.as((bytes, index, value) -> {
				byte[] copy = bytes.clone();
				if (copy.length > 0) {
					copy[index % copy.length] = value;
				}
				return copy;
			});
		return Arbitraries.oneOf(anyBytes, nearlyValidBytes, flipped);
	}

	/**
	 * Strings shaped like payloads (a verb-like head, maybe a slash, a number-like tail) so that
	 * the generator reaches deep into the parser rather than failing on the verb.
	 */
	private Arbitrary<String> nearlyValid() {
		Arbitrary<String> verbs = Arbitraries.oneOf(Arbitraries.of("start", "beat", "degraded", "stop", "", "Beat"),
				Arbitraries.strings().ofMaxLength(5));
		Arbitrary<String> slashes = Arbitraries.of("/", "", "//", " /");
		Arbitrary<String> numbers = Arbitraries.strings().withChars("0123456789.-+ eE/\n\u0665").ofMaxLength(30);
		return Combinators.combine(verbs, slashes, numbers).as((verb, slash, number) -> verb + slash + number);
	}

}
