package dev.heartbeat.core.beat;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.heartbeat.core.beat.BeatFormatException.Reason;

/**
 * Encodes beats as payloads and parses payloads strictly.
 * <p>
 * A payload is UTF-8 text: {@code start/<warmup>}, {@code beat/<period>},
 * {@code degraded/<period>} or {@code stop}. Durations are seconds written as the shortest
 * decimal ({@code 5}, {@code 0.5}, {@code 60}, {@code 1.25}), down to nanoseconds. Encoding
 * then parsing gives back the very same beat.
 * <p>
 * The parser accepts exactly {@code <verb>/<digits>[.<1 to 9 digits>]} (or {@code stop}) and
 * throws a {@link BeatFormatException} quoting the input for anything else.
 */
public final class BeatCodec {

	/**
	 * The longest payload accepted, in bytes. The longest valid one,
	 * {@code degraded/31536000.000000001}, has 27.
	 */
	public static final int MAX_PAYLOAD_BYTES = 64;

	private static final long MAX_SECONDS = Beat.MAX_DURATION.getSeconds();

	private static final int MAX_FRACTION_DIGITS = 9;

	private static final BeatKind[] KINDS = BeatKind.values();

	private BeatCodec() {
	}

	/**
	 * Encode a beat as a payload.
	 * @param beat the beat
	 * @return the payload, e.g. {@code degraded/2.5}
	 */
	public static String encode(Beat beat) {
		if (!beat.kind().hasDuration()) {
			return beat.kind().verb();
		}
		return beat.kind().verb() + '/' + formatSeconds(beat.duration());
	}

	/**
	 * Encode a beat as UTF-8 bytes.
	 * @param beat the beat
	 * @return the payload bytes
	 */
	public static byte[] encodeBytes(Beat beat) {
		return encode(beat).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Format a duration as the shortest decimal number of seconds.
	 * @param duration a non-negative duration
	 * @return e.g. {@code 5}, {@code 0.5}, {@code 1.25}
	 */
	public static String formatSeconds(Duration duration) {
		long seconds = duration.getSeconds();
		int nanos = duration.getNano();
		if (nanos == 0) {
			return Long.toString(seconds);
		}
		int fractionDigits = MAX_FRACTION_DIGITS;
		while (nanos % 10 == 0) {
			nanos /= 10;
			fractionDigits--;
		}
		StringBuilder text = new StringBuilder(24).append(seconds).append('.');
		String fraction = Integer.toString(nanos);
		for (int i = fraction.length(); i < fractionDigits; i++) {
			text.append('0');
		}
		return text.append(fraction).toString();
	}

	/**
	 * Parse a payload given as bytes, which must be valid UTF-8.
	 * @param payload the payload bytes
	 * @return the beat
	 * @throws BeatFormatException if the payload is not a valid beat
	 */
	public static Beat parse(byte @Nullable [] payload) {
		if (payload == null || payload.length == 0) {
			throw new BeatFormatException(Reason.EMPTY, "", "the payload is empty");
		}
		if (payload.length > MAX_PAYLOAD_BYTES) {
			throw new BeatFormatException(Reason.TOO_LONG, escape(payload, MAX_PAYLOAD_BYTES) + "...",
					"the payload has " + payload.length + " bytes, at most " + MAX_PAYLOAD_BYTES + " are allowed");
		}
		if (isAscii(payload)) {
			// ASCII is valid UTF-8 that decodes byte for byte: skip the strict decoder (a new
			// CharsetDecoder per call), which the monitor would otherwise pay on every record
			return parse(new String(payload, StandardCharsets.ISO_8859_1));
		}
		String text;
		try {
			CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT);
			CharBuffer chars = decoder.decode(ByteBuffer.wrap(payload));
			text = chars.toString();
		}
		catch (CharacterCodingException ex) {
			throw new BeatFormatException(Reason.NOT_UTF8, escape(payload, payload.length),
					"the payload is not valid UTF-8");
		}
		return parse(text);
	}

	private static boolean isAscii(byte[] bytes) {
		for (byte b : bytes) {
			if (b < 0) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Parse a payload.
	 * @param payload the payload text
	 * @return the beat
	 * @throws BeatFormatException if the payload is not a valid beat
	 */
	public static Beat parse(String payload) {
		if (payload == null || payload.isEmpty()) {
			throw new BeatFormatException(Reason.EMPTY, "", "the payload is empty");
		}
		// a char takes at most 3 UTF-8 bytes, so only a longer payload needs encoding to be judged
		if (payload.length() > MAX_PAYLOAD_BYTES || (payload.length() > MAX_PAYLOAD_BYTES / 3
				&& payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES)) {
			throw new BeatFormatException(Reason.TOO_LONG, escape(payload.substring(0, Math.min(payload.length(), MAX_PAYLOAD_BYTES))) + "...",
					"the payload is longer than " + MAX_PAYLOAD_BYTES + " bytes");
		}
		int slash = payload.indexOf('/');
		int verbLength = (slash < 0) ? payload.length() : slash;
		BeatKind kind = kindOf(payload, verbLength);
		String verb = (kind != null) ? kind.verb() : payload.substring(0, verbLength);
		if (kind == null) {
			throw new BeatFormatException(Reason.UNKNOWN_VERB, escape(payload),
					"unknown verb \"" + escape(verb) + "\", expected start, beat, degraded or stop");
		}
		if (!kind.hasDuration()) {
			if (slash >= 0) {
				throw new BeatFormatException(Reason.TRAILING_GARBAGE, escape(payload),
						"'stop' takes no duration, found \"" + escape(payload.substring(slash)) + "\" after it");
			}
			return Beat.stop();
		}
		if (slash < 0 || slash == payload.length() - 1) {
			throw new BeatFormatException(Reason.MISSING_DURATION, escape(payload),
					"'" + verb + "' needs a duration in seconds, e.g. " + verb + "/5");
		}
		return Beat.of(kind, parseSeconds(payload, slash + 1, kind));
	}

	// the kind whose verb is the payload's first verbLength chars, without copying them
	private static @Nullable BeatKind kindOf(String payload, int verbLength) {
		for (BeatKind kind : KINDS) {
			String verb = kind.verb();
			if (verb.length() == verbLength && payload.startsWith(verb)) {
				return kind;
			}
		}
		return null;
	}

	private static Duration parseSeconds(String payload, int from, BeatKind kind) {
		int length = payload.length();
		int pos = from;
		boolean negative = false;
		if (payload.charAt(pos) == '-') {
			negative = true;
			pos++;
		}
		int integerStart = pos;
		long seconds = 0;
		while (pos < length && isDigit(payload.charAt(pos))) {
			if (seconds <= MAX_SECONDS) {
				// past the maximum the value no longer matters (the range check below rejects it),
				// so stop accumulating before it could overflow; leading zeros do not count
				seconds = seconds * 10 + (payload.charAt(pos) - '0');
			}
			pos++;
		}
		if (pos == integerStart) {
			throw new BeatFormatException(Reason.NOT_A_NUMBER, escape(payload),
					"the duration \"" + escape(payload.substring(from)) + "\" is not a number of seconds");
		}
		long nanos = 0;
		if (pos < length && payload.charAt(pos) == '.') {
			pos++;
			int fractionStart = pos;
			while (pos < length && isDigit(payload.charAt(pos))) {
				if (pos - fractionStart == MAX_FRACTION_DIGITS) {
					throw new BeatFormatException(Reason.NOT_A_NUMBER, escape(payload),
							"the duration has more than 9 decimals (finer than a nanosecond)");
				}
				nanos = nanos * 10 + (payload.charAt(pos) - '0');
				pos++;
			}
			int digits = pos - fractionStart;
			if (digits == 0) {
				throw new BeatFormatException(Reason.NOT_A_NUMBER, escape(payload),
						"the duration \"" + escape(payload.substring(from)) + "\" has no digits after the decimal point");
			}
			for (int i = digits; i < MAX_FRACTION_DIGITS; i++) {
				nanos *= 10;
			}
		}
		if (pos < length) {
			throw new BeatFormatException(Reason.TRAILING_GARBAGE, escape(payload),
					"unexpected \"" + escape(payload.substring(pos)) + "\" after the duration");
		}
		if (negative) {
			throw new BeatFormatException(Reason.NEGATIVE_DURATION, escape(payload), "the duration is negative");
		}
		Duration duration = Duration.ofSeconds(seconds, nanos);
		if (duration.isZero()) {
			throw new BeatFormatException(Reason.DURATION_OUT_OF_RANGE, escape(payload),
					"the duration of '" + kind.verb() + "' must be positive");
		}
		if (duration.compareTo(Beat.MAX_DURATION) > 0) {
			throw new BeatFormatException(Reason.DURATION_OUT_OF_RANGE, escape(payload),
					"the duration is longer than " + Beat.MAX_DURATION.toDays() + " days");
		}
		return duration;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	/**
	 * Escape text for quoting in a message: quotes, backslashes and control characters become
	 * visible escapes.
	 * @param text the text
	 * @return the escaped text
	 */
	public static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length() + 8);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> escaped.append("\\\"");
				case '\\' -> escaped.append("\\\\");
				case '\n' -> escaped.append("\\n");
				case '\r' -> escaped.append("\\r");
				case '\t' -> escaped.append("\\t");
				default -> {
					if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) && !isPairedSurrogate(text, i)) {
						escaped.append(String.format("\\u%04x", (int) c));
					}
					else {
						escaped.append(c);
					}
				}
			}
		}
		return escaped.toString();
	}

	private static boolean isPairedSurrogate(String text, int i) {
		char c = text.charAt(i);
		if (Character.isHighSurrogate(c)) {
			return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
		}
		return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
	}

	/**
	 * Escape bytes for quoting: printable ASCII as is, everything else as {@code \xNN}.
	 * @param bytes the bytes
	 * @param limit how many bytes to show at most
	 * @return the escaped text
	 */
	public static String escape(byte[] bytes, int limit) {
		StringBuilder escaped = new StringBuilder(Math.min(bytes.length, limit) + 8);
		for (int i = 0; i < bytes.length && i < limit; i++) {
			int b = bytes[i] & 0xff;
			if (b == '"' || b == '\\') {
				escaped.append('\\').append((char) b);
			}
			else if (b >= 0x20 && b < 0x7f) {
				escaped.append((char) b);
			}
			else {
				escaped.append(String.format("\\x%02x", b));
			}
		}
		return escaped.toString();
	}

}
