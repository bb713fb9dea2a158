package dev.heartbeat.boot.monitor.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.beat.BeatCodec;
import dev.heartbeat.core.beat.BeatFormatException;
import dev.heartbeat.core.beat.ProcessIds;
import dev.heartbeat.core.monitor.BeatRecord;
import dev.heartbeat.core.monitor.internal.BeatFields;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.wire.WireContract;

/**
 * Turns the raw bytes of a heartbeat record into a {@link BeatRecord}, strictly.
 * <p>
 * Required: a key that is a valid process id in UTF-8, a payload the strict {@link BeatCodec}
 * accepts with a duration not above the maximum, and a record timestamp. Optional headers, for
 * producers outside this project that send bare payloads:
 * <ul>
 * <li>{@code heartbeat-app}, {@code heartbeat-instance}: missing means {@code ""};</li>
 * <li>{@code heartbeat-health}: missing means {@value BeatRecord#UNKNOWN_HEALTH};</li>
 * <li>{@code heartbeat-status}: missing means RUNNING; present, it must be RUNNING or PAUSED
 * (case and surrounding blanks ignored);</li>
 * <li>{@code heartbeat-seq}: missing means the record timestamp, so that bare records of one
 * producer apply in time order; present, it must be a decimal long.</li>
 * </ul>
 * {@code heartbeat-subject} is not needed (the key names the process) and not checked. When a
 * header repeats, the last one counts.
 * <p>
 * A <em>tombstone</em>, a record with a key and no value (how a compacted topic deletes a key),
 * is no beat and never an invalid record: it means "forget this process". {@link #tombstone}
 * recognizes it, and the monitor asks it before decoding; {@link #decode}, given one anyway,
 * refuses it as an empty payload.
 * <p>
 * Built for the monitor's hot path: header keys are matched without hashing them, trying first
 * the key this project's publishers write at that position (subject, app, instance, seq, status,
 * health), then every known key, so that any order and any other header still decode the same;
 * {@code heartbeat-seq} and {@code heartbeat-status} are read from their bytes; the payloads and
 * the app and health values of recent records are remembered by their bytes (they repeat record
 * after record), so that they are parsed and turned into strings once. Thread-safe.
 */
public final class BeatRecordDecoder {

	private static final int MAX_LONG_DIGITS = 19;

	// the headers read, in the order the project's publishers write them (KafkaBeatPublisher)
	private static final String[] KNOWN_HEADERS = { WireContract.HEADER_SUBJECT, WireContract.HEADER_APP,
			WireContract.HEADER_INSTANCE, WireContract.HEADER_SEQ, WireContract.HEADER_STATUS,
			WireContract.HEADER_HEALTH };

	private static final int APP = 1;

	private static final int INSTANCE = 2;

	private static final int SEQ = 3;

	private static final int STATUS = 4;

	private static final int HEALTH = 5;

	private static final int OTHER = -1;

	// a fleet has a handful of distinct payloads, app names and health codes
	private final RecentValues<Beat> payloads = new RecentValues<>(64, BeatCodec::parse);

	private final RecentValues<String> apps = new RecentValues<>(256, BeatRecordDecoder::utf8);

	private final RecentValues<String> healths = new RecentValues<>(64, BeatRecordDecoder::utf8);

	private final long maxDurationSeconds;

	private final int maxDurationNanos;

	private final Duration maxDuration;

	/**
	 * A decoder.
	 * @param maxDuration the longest period or warm-up accepted
	 */
	public BeatRecordDecoder(Duration maxDuration) {
		this.maxDuration = Objects.requireNonNull(maxDuration, "maxDuration");
		this.maxDurationSeconds = maxDuration.getSeconds();
		this.maxDurationNanos = maxDuration.getNano();
	}

	/**
	 * The process a tombstone forgets.
	 * @param key the record key
	 * @param value the record value
	 * @return the process id when the record is a tombstone (no value), {@code null} when it has a
	 * value (decode it)
	 * @throws InvalidRecordException if it is a tombstone whose key is not a valid process id
	 */
	public String tombstone(byte[] key, byte[] value) throws InvalidRecordException {
		return (value == null) ? process(key) : null;
	}

	/**
	 * Decode one record.
	 * @param key the record key
	 * @param value the record value
	 * @param headers the record headers
	 * @param timestamp the record timestamp, epoch milliseconds
	 * @return the record
	 * @throws InvalidRecordException if the record is invalid
	 */
	public BeatRecord decode(byte @Nullable [] key, byte @Nullable [] value, @Nullable Headers headers, long timestamp) throws InvalidRecordException {
		return decode(key, value, headers, timestamp, new BeatFields()).toRecord();
	}

	/**
	 * Decode one record into a holder, exactly as {@link #decode(byte[], byte[], Headers, long)}
	 * decodes it ({@code into.toRecord()} is the record it returns), but with a short hex
	 * instance id kept packed rather than made a string.
	 * @param key the record key
	 * @param value the record value
	 * @param headers the record headers
	 * @param timestamp the record timestamp, epoch milliseconds
	 * @param into the holder to fill; left as it was if the record is invalid
	 * @return {@code into}
	 * @throws InvalidRecordException if the record is invalid
	 */
	public BeatFields decode(byte @Nullable [] key, byte @Nullable [] value, @Nullable Headers headers, long timestamp, BeatFields into)
			throws InvalidRecordException {
		String process = process(key);
		Beat beat;
		try {
			beat = (value != null) ? this.payloads.get(value) : BeatCodec.parse(value);
		}
		catch (BeatFormatException ex) {
			throw new InvalidRecordException(InvalidReason.of(ex.reason()), ex.getMessage());
		}
		Duration duration = beat.duration();
		if (duration != null && isAboveMax(duration)) {
			throw new InvalidRecordException(InvalidReason.DURATION_ABOVE_MAX, "the duration of '" + beat
					+ "' is longer than heartbeat.monitor.max-duration (" + this.maxDuration + ")");
		}
		if (timestamp < 0) {
			throw new InvalidRecordException(InvalidReason.TIMESTAMP_INVALID, "the record has no timestamp");
		}
		String app = null;
		byte[] instanceBytes = null;
		String health = null;
		byte[] seqBytes = null;
		byte[] statusBytes = null;
		if (headers != null) {
			int position = 0;
			for (Header header : headers) {
				switch (known(header.key(), position++)) {
					case APP -> app = text(header.value(), this.apps);
					case INSTANCE -> instanceBytes = header.value();
					case HEALTH -> health = text(header.value(), this.healths);
					case SEQ -> seqBytes = nonNull(header.value());
					case STATUS -> statusBytes = nonNull(header.value());
					default -> {
					}
				}
			}
		}
		long seq = (seqBytes != null) ? seq(seqBytes) : timestamp;
		RunStatus status = (statusBytes != null) ? status(statusBytes) : RunStatus.RUNNING;
		// a null instance means "", as an empty one; one that does not pack becomes utf8(bytes)
		return into.set(process, app, beat, timestamp, instanceBytes, seq, status, health);
	}

	private boolean isAboveMax(Duration duration) {
		long seconds = duration.getSeconds();
		return seconds > this.maxDurationSeconds
				|| (seconds == this.maxDurationSeconds && duration.getNano() > this.maxDurationNanos);
	}

	private static String process(byte @Nullable [] key) throws InvalidRecordException {
		if (key == null || key.length == 0) {
			throw new InvalidRecordException(InvalidReason.KEY_MISSING, "the record has no key (process id)");
		}
		if (ProcessIds.isPlain(key)) {
			return new String(key, StandardCharsets.ISO_8859_1);
		}
		String process;
		if (isAscii(key)) {
			process = new String(key, StandardCharsets.ISO_8859_1);
		}
		else {
			try {
				process = StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)
					.decode(ByteBuffer.wrap(key))
					.toString();
			}
			catch (CharacterCodingException ex) {
				throw new InvalidRecordException(InvalidReason.KEY_INVALID,
						"the key \"" + BeatCodec.escape(key, 64) + "\" is not valid UTF-8");
			}
		}
		String problem = ProcessIds.problem(process);
		if (problem != null) {
			throw new InvalidRecordException(InvalidReason.KEY_INVALID, problem);
		}
		return process;
	}

	private static boolean isAscii(byte[] bytes) {
		for (byte b : bytes) {
			if (b < 0) {
				return false;
			}
		}
		return true;
	}

	// which known header a key is, by equality with the expected one first, then with each:
	// String.equals on a fresh key is cheaper than the hashing a switch on strings does
	private static int known(String key, int position) {
		if (position < KNOWN_HEADERS.length && KNOWN_HEADERS[position].equals(key)) {
			return position;
		}
		for (int i = 0; i < KNOWN_HEADERS.length; i++) {
			if (KNOWN_HEADERS[i].equals(key)) {
				return i;
			}
		}
		return OTHER;
	}

	private static @Nullable String text(byte @Nullable [] bytes, RecentValues<String> recent) {
		if (bytes == null) {
			return null;
		}
		return (recent != null) ? recent.get(bytes) : utf8(bytes);
	}

	private static String utf8(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static byte[] nonNull(byte @Nullable [] bytes) {
		return (bytes != null) ? bytes : new byte[0];
	}

	private static long seq(byte[] bytes) throws InvalidRecordException {
		int length = bytes.length;
		int pos = 0;
		boolean negative = false;
		if (length > 0 && (bytes[0] == '-' || bytes[0] == '+')) {
			negative = bytes[0] == '-';
			pos = 1;
		}
		if (pos == length) {
			throw invalidSeq(bytes);
		}
		// leading zeros do not count towards the digits a long can hold, as in Long.parseLong
		int first = pos;
		while (first < length - 1 && bytes[first] == '0') {
			first++;
		}
		if (length - first > MAX_LONG_DIGITS) {
			throw invalidSeq(bytes);
		}
		// accumulate negatively so that Long.MIN_VALUE fits, as Long.parseLong does
		long result = 0;
		for (; pos < length; pos++) {
			int digit = bytes[pos] - '0';
			if (digit < 0 || digit > 9) {
				throw invalidSeq(bytes);
			}
			if (result < (Long.MIN_VALUE + digit) / 10) {
				throw invalidSeq(bytes);
			}
			result = result * 10 - digit;
		}
		if (!negative) {
			if (result == Long.MIN_VALUE) {
				throw invalidSeq(bytes);
			}
			result = -result;
		}
		return result;
	}

	private static InvalidRecordException invalidSeq(byte[] bytes) {
		return new InvalidRecordException(InvalidReason.SEQ_INVALID, "the " + WireContract.HEADER_SEQ + " header \""
				+ BeatCodec.escape(bytes, 64) + "\" is not a decimal long");
	}

	private static RunStatus status(byte[] bytes) throws InvalidRecordException {
		if (equalsAscii(bytes, "RUNNING")) {
			return RunStatus.RUNNING;
		}
		if (equalsAscii(bytes, "PAUSED")) {
			return RunStatus.PAUSED;
		}
		try {
			return RunStatus.parse(new String(bytes, StandardCharsets.UTF_8));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRecordException(InvalidReason.STATUS_INVALID, "the " + WireContract.HEADER_STATUS
					+ " header \"" + BeatCodec.escape(bytes, 64) + "\" is not RUNNING or PAUSED");
		}
	}

	private static boolean equalsAscii(byte[] bytes, String text) {
		if (bytes.length != text.length()) {
			return false;
		}
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] != text.charAt(i)) {
				return false;
			}
		}
		return true;
	}

}
