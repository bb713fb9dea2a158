package dev.heartbeat.boot.monitor.kafka;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.beat.BeatKind;
import dev.heartbeat.core.monitor.BeatRecord;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.wire.WireContract;

/**
 * The heartbeat record decoder written once more, slowly and plainly, from the documented wire
 * contract alone: README's "Wire contract" and "Invalid records", the grammar and limits in the
 * javadoc of {@code BeatCodec}, {@code ProcessIds} and {@code BeatRecordDecoder}. It is the
 * oracle that {@link BeatRecordDecoderPropertyTests} holds the fast {@link BeatRecordDecoder} to,
 * so it shares no code with it: no {@code BeatCodec}, {@code ProcessIds}, {@code RunStatus.parse}
 * or {@code InvalidReason.of}. It uses core's types only to state its result ({@link Beat},
 * {@link BeatRecord}, the {@link RunStatus} and {@link InvalidReason} constants) and
 * {@link WireContract} for the header names. Its limits are written out from the docs rather than
 * read from the constants of the code it checks, so a changed limit shows as a disagreement.
 * <p>
 * Where the docs leave a choice open it follows what the decoder does, and says so in a
 * comment marked "open in the docs".
 */
final class ContractBeatRecordDecoder {

	// BeatCodec: "The longest payload accepted, in bytes"
	private static final int MAX_PAYLOAD_BYTES = 64;

	// ProcessIds: "1 to 200 characters"
	private static final int MAX_PROCESS_ID_LENGTH = 200;

	// Beat: the convention carries durations of at most 365 days
	private static final BigDecimal LONGEST_DURATION_SECONDS = BigDecimal.valueOf(365L * 24 * 60 * 60);

	// BeatCodec: "down to nanoseconds"
	private static final int MAX_DECIMALS = 9;

	// what may follow a verb's '/': a sign, digits, a point and digits, and anything after them;
	// the parts are told apart below so that each kind of mistake gets its own reason
	private static final Pattern DURATION = Pattern.compile("(-?)([0-9]+)(?:\\.([0-9]*))?(.*)", Pattern.DOTALL);

	// a decimal long: an optional sign and ASCII digits
	private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]+");

	private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);

	private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

	private final BigDecimal maxDurationSeconds;

	/**
	 * An oracle.
	 * @param maxDuration {@code heartbeat.monitor.max-duration}: the longest period or warm-up
	 * accepted
	 */
	ContractBeatRecordDecoder(Duration maxDuration) {
		Objects.requireNonNull(maxDuration, "maxDuration");
		this.maxDurationSeconds = BigDecimal.valueOf(maxDuration.getSeconds())
			.add(BigDecimal.valueOf(maxDuration.getNano(), 9));
	}

	/**
	 * Judge one record. A record with several problems is rejected for the first of them in this
	 * order: key, payload, max-duration, timestamp, {@code heartbeat-seq},
	 * {@code heartbeat-status} (open in the docs; the order is the decoder's).
	 * @param key the record key
	 * @param value the record value
	 * @param headers the record headers, may be {@code null}
	 * @param timestamp the record timestamp, epoch milliseconds
	 * @return the record, or the reason it is rejected
	 */
	Verdict decode(byte[] key, byte[] value, Headers headers, long timestamp) {
		try {
			String process = process(key);
			Beat beat = beat(value);
			if (beat.duration() != null && seconds(beat.duration()).compareTo(this.maxDurationSeconds) > 0) {
				throw new Rejected(InvalidReason.DURATION_ABOVE_MAX);
			}
			// Kafka's "no timestamp" is -1; no record time is negative
			if (timestamp < 0) {
				throw new Rejected(InvalidReason.TIMESTAMP_INVALID);
			}
			String app = text(last(headers, WireContract.HEADER_APP), "");
			String instance = text(last(headers, WireContract.HEADER_INSTANCE), "");
			String health = text(last(headers, WireContract.HEADER_HEALTH), "UNKNOWN");
			Header seqHeader = last(headers, WireContract.HEADER_SEQ);
			long seq = (seqHeader != null) ? seq(seqHeader.value()) : timestamp;
			Header statusHeader = last(headers, WireContract.HEADER_STATUS);
			RunStatus status = (statusHeader != null) ? status(statusHeader.value()) : RunStatus.RUNNING;
			return Verdict.accepted(new BeatRecord(process, app, beat, timestamp, instance, seq, status, health));
		}
		catch (Rejected ex) {
			return Verdict.rejected(ex.reason);
		}
	}

	// "When a header repeats, the last one counts"; header names match exactly
	private static Header last(Headers headers, String name) {
		Header last = null;
		if (headers != null) {
			for (Header header : headers) {
				if (header.key().equals(name)) {
					last = header;
				}
			}
		}
		return last;
	}

	// app, instance, health: any text. Open in the docs: a header without a value counts as a
	// missing one, and bytes that are not UTF-8 are not rejected but read leniently (each bad
	// sequence a U+FFFD), as the decoder does (BeatFields documents it for the instance id)
	private static String text(Header header, String missing) {
		if (header == null || header.value() == null) {
			return missing;
		}
		return new String(header.value(), StandardCharsets.UTF_8);
	}

	// --- the key: a process id in UTF-8 ---

	private static String process(byte[] key) throws Rejected {
		if (key == null || key.length == 0) {
			throw new Rejected(InvalidReason.KEY_MISSING);
		}
		String id = strictUtf8(key);
		if (id == null) {
			throw new Rejected(InvalidReason.KEY_INVALID);
		}
		// open in the docs: "characters" are counted as Java chars (UTF-16 code units), so a
		// character outside the BMP counts twice, as the decoder counts it
		if (id.length() > MAX_PROCESS_ID_LENGTH) {
			throw new Rejected(InvalidReason.KEY_INVALID);
		}
		for (int i = 0; i < id.length();) {
			int c = id.codePointAt(i);
			if (c == '*' || isControl(c) || isWhitespace(c)) {
				throw new Rejected(InvalidReason.KEY_INVALID);
			}
			i += Character.charCount(c);
		}
		return id;
	}

	// the control characters (Unicode general category Cc): C0, DEL and C1
	private static boolean isControl(int c) {
		return c <= 0x1F || (c >= 0x7F && c <= 0x9F);
	}

	// the characters with the Unicode White_Space property (PropList.txt), listed
	private static boolean isWhitespace(int c) {
		return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680
				|| (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F
				|| c == 0x3000;
	}

	/**
	 * The text of bytes that are well-formed UTF-8, by the table of well-formed byte sequences
	 * in the Unicode Standard (table 3-7): no overlong forms, no surrogates, nothing above
	 * U+10FFFF, no truncated or stray continuation bytes.
	 * @param bytes the bytes
	 * @return the text, or {@code null} if the bytes are not well-formed UTF-8
	 */
	static String strictUtf8(byte[] bytes) {
		StringBuilder text = new StringBuilder(bytes.length);
		int i = 0;
		while (i < bytes.length) {
			int first = bytes[i] & 0xFF;
			int length;
			int codePoint;
			// the range of the second byte; every later byte is 80..BF
			int secondLow = 0x80;
			int secondHigh = 0xBF;
			if (first <= 0x7F) {
				length = 1;
				codePoint = first;
			}
			else if (first >= 0xC2 && first <= 0xDF) {
				length = 2;
				codePoint = first & 0x1F;
			}
			else if (first >= 0xE0 && first <= 0xEF) {
				length = 3;
				codePoint = first & 0x0F;
				if (first == 0xE0) {
					secondLow = 0xA0;
				}
				if (first == 0xED) {
					secondHigh = 0x9F;
				}
			}
			else if (first >= 0xF0 && first <= 0xF4) {
				length = 4;
				codePoint = first & 0x07;
				if (first == 0xF0) {
					secondLow = 0x90;
				}
				if (first == 0xF4) {
					secondHigh = 0x8F;
				}
			}
			else {
				return null;
			}
			if (i + length > bytes.length) {
				return null;
			}
			for (int k = 1; k < length; k++) {
				int next = bytes[i + k] & 0xFF;
				int low = (k == 1) ? secondLow : 0x80;
				int high = (k == 1) ? secondHigh : 0xBF;
				if (next < low || next > high) {
					return null;
				}
				codePoint = (codePoint << 6) | (next & 0x3F);
			}
			text.appendCodePoint(codePoint);
			i += length;
		}
		return text.toString();
	}

	// --- the payload: start/<d>, beat/<d>, degraded/<d> or stop ---

	private static Beat beat(byte[] value) throws Rejected {
		if (value == null || value.length == 0) {
			throw new Rejected(InvalidReason.PAYLOAD_EMPTY);
		}
		// the limit is in bytes, so it is checked before the bytes are read as text
		if (value.length > MAX_PAYLOAD_BYTES) {
			throw new Rejected(InvalidReason.PAYLOAD_TOO_LONG);
		}
		String payload = strictUtf8(value);
		if (payload == null) {
			throw new Rejected(InvalidReason.PAYLOAD_NOT_UTF8);
		}
		int slash = payload.indexOf('/');
		String verb = (slash >= 0) ? payload.substring(0, slash) : payload;
		String rest = (slash >= 0) ? payload.substring(slash + 1) : null;
		BeatKind kind = switch (verb) {
			case "start" -> BeatKind.START;
			case "beat" -> BeatKind.BEAT;
			case "degraded" -> BeatKind.DEGRADED;
			case "stop" -> BeatKind.STOP;
			default -> throw new Rejected(InvalidReason.PAYLOAD_UNKNOWN_VERB);
		};
		if (kind == BeatKind.STOP) {
			// "stop/", "stop/5": anything after the verb
			if (rest != null) {
				throw new Rejected(InvalidReason.PAYLOAD_TRAILING_GARBAGE);
			}
			return new Beat(BeatKind.STOP, null);
		}
		if (rest == null || rest.isEmpty()) {
			throw new Rejected(InvalidReason.PAYLOAD_MISSING_DURATION);
		}
		return new Beat(kind, duration(rest));
	}

	// <digits>[.<1 to 9 digits>] seconds: leading zeros and trailing decimal zeros are fine
	// ("05", "5.0", "5.500000000": the codec's javadoc accepts exactly this shape, not only the
	// shortest form it writes). Open in the docs: which reason a text with several faults gets.
	// As the decoder does: first the shape of the number (not a number: no digit, a point
	// without digits after it, more than 9 decimals), then what follows it (trailing garbage),
	// then its sign (negative, even "-0"), then its size
	private static Duration duration(String text) throws Rejected {
		Matcher number = DURATION.matcher(text);
		if (!number.matches()) {
			throw new Rejected(InvalidReason.PAYLOAD_NOT_A_NUMBER);
		}
		String integer = number.group(2);
		String decimals = number.group(3);
		if (decimals != null && (decimals.isEmpty() || decimals.length() > MAX_DECIMALS)) {
			throw new Rejected(InvalidReason.PAYLOAD_NOT_A_NUMBER);
		}
		if (!number.group(4).isEmpty()) {
			throw new Rejected(InvalidReason.PAYLOAD_TRAILING_GARBAGE);
		}
		if (!number.group(1).isEmpty()) {
			throw new Rejected(InvalidReason.PAYLOAD_NEGATIVE_DURATION);
		}
		BigDecimal seconds = new BigDecimal((decimals != null) ? integer + "." + decimals : integer);
		if (seconds.signum() == 0 || seconds.compareTo(LONGEST_DURATION_SECONDS) > 0) {
			throw new Rejected(InvalidReason.PAYLOAD_DURATION_OUT_OF_RANGE);
		}
		BigDecimal whole = seconds.setScale(0, java.math.RoundingMode.DOWN);
		int nanos = seconds.subtract(whole).movePointRight(9).intValueExact();
		return Duration.ofSeconds(whole.longValueExact(), nanos);
	}

	private static BigDecimal seconds(Duration duration) {
		return BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9));
	}

	// --- heartbeat-seq and heartbeat-status ---

	// "present, it must be a decimal long": optional sign, ASCII digits, in the range of a long.
	// A header without a value is present and no decimal long (open in the docs; as the decoder)
	private static long seq(byte[] value) throws Rejected {
		if (value == null) {
			throw new Rejected(InvalidReason.SEQ_INVALID);
		}
		// ISO-8859-1 maps each byte to one char: any byte that is not ASCII stays a non-digit
		String text = new String(value, StandardCharsets.ISO_8859_1);
		if (!DECIMAL.matcher(text).matches()) {
			throw new Rejected(InvalidReason.SEQ_INVALID);
		}
		BigInteger seq = new BigInteger(text);
		if (seq.compareTo(LONG_MIN) < 0 || seq.compareTo(LONG_MAX) > 0) {
			throw new Rejected(InvalidReason.SEQ_INVALID);
		}
		return seq.longValueExact();
	}

	// "RUNNING or PAUSED (case and surrounding blanks ignored)". A header without a value is
	// present and neither (open in the docs; as the decoder)
	private static RunStatus status(byte[] value) throws Rejected {
		if (value == null) {
			throw new Rejected(InvalidReason.STATUS_INVALID);
		}
		String name = upperCase(stripBlanks(new String(value, StandardCharsets.UTF_8)));
		return switch (name) {
			case "RUNNING" -> RunStatus.RUNNING;
			case "PAUSED" -> RunStatus.PAUSED;
			default -> throw new Rejected(InvalidReason.STATUS_INVALID);
		};
	}

	private static String stripBlanks(String text) {
		int start = 0;
		int end = text.length();
		while (start < end && isBlank(text.charAt(start))) {
			start++;
		}
		while (end > start && isBlank(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(start, end);
	}

	// open in the docs: which characters are blanks. As the decoder (String.strip): Java's
	// whitespace, i.e. the Unicode space and line separators but the no-break ones (U+00A0,
	// U+2007, U+202F), the controls TAB to CR, and FS, GS, RS and US (U+001C to U+001F)
	private static boolean isBlank(char c) {
		return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x1680 || (c >= 0x2000 && c <= 0x2006)
				|| (c >= 0x2008 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x205F || c == 0x3000;
	}

	// open in the docs: what "case ignored" means beyond ASCII. As the decoder: each character
	// by its Unicode upper case, so a dotless i ("runnıng") or a long s ("pauſed") counts
	private static String upperCase(String text) {
		StringBuilder upper = new StringBuilder(text.length());
		text.codePoints().forEach((c) -> upper.appendCodePoint(Character.toUpperCase(c)));
		return upper.toString();
	}

	/**
	 * What the oracle decided: a record, or the reason there is none.
	 *
	 * @param record the record, {@code null} if rejected
	 * @param reason why it is rejected, {@code null} if accepted
	 */
	record Verdict(BeatRecord record, InvalidReason reason) {

		static Verdict accepted(BeatRecord record) {
			return new Verdict(Objects.requireNonNull(record), null);
		}

		static Verdict rejected(InvalidReason reason) {
			return new Verdict(null, Objects.requireNonNull(reason));
		}

		@Override
		public String toString() {
			return (this.record != null) ? this.record.toString() : "rejected: " + this.reason;
		}

	}

	private static final class Rejected extends Exception {

		private static final long serialVersionUID = 1L;

		private final InvalidReason reason;

		Rejected(InvalidReason reason) {
			super(reason.name(), null, false, false);
			this.reason = reason;
		}

	}

}
