package dev.heartbeat.boot.monitor.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.beat.BeatCodec;
import dev.heartbeat.core.beat.BeatFormatException;
import dev.heartbeat.core.beat.ProcessIds;
import dev.heartbeat.core.monitor.BeatRecord;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.wire.WireContract;

/**
 * The heartbeat record decoder as it was before it was optimised for the monitor's hot path,
 * kept verbatim as the reference that {@link BeatRecordDecoderPropertyTests} holds the fast one
 * to: the same record, or the same reason and message, for any input.
 */
final class ReferenceBeatRecordDecoder {

	private static final int MAX_LONG_DIGITS = 19;

	private final long maxDurationSeconds;

	private final int maxDurationNanos;

	private final Duration maxDuration;

	/**
	 * A decoder.
	 * @param maxDuration the longest period or warm-up accepted
	 */
	ReferenceBeatRecordDecoder(Duration maxDuration) {
		this.maxDuration = Objects.requireNonNull(maxDuration, "maxDuration");
		this.maxDurationSeconds = maxDuration.getSeconds();
		this.maxDurationNanos = maxDuration.getNano();
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
	public BeatRecord decode(byte[] key, byte[] value, Headers headers, long timestamp) throws InvalidRecordException {
		String process = process(key);
		Beat beat;
		try {
			beat = BeatCodec.parse(value);
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
		String instance = null;
		String health = null;
		byte[] seqBytes = null;
		byte[] statusBytes = null;
		if (headers != null) {
			for (Header header : headers) {
				switch (header.key()) {
					case WireContract.HEADER_APP -> app = text(header.value());
					case WireContract.HEADER_INSTANCE -> instance = text(header.value());
					case WireContract.HEADER_HEALTH -> health = text(header.value());
					case WireContract.HEADER_SEQ -> seqBytes = nonNull(header.value());
					case WireContract.HEADER_STATUS -> statusBytes = nonNull(header.value());
					default -> {
					}
				}
			}
		}
		long seq = (seqBytes != null) ? seq(seqBytes) : timestamp;
		RunStatus status = (statusBytes != null) ? status(statusBytes) : RunStatus.RUNNING;
		return new BeatRecord(process, app, beat, timestamp, instance, seq, status, health);
	}

	private boolean isAboveMax(Duration duration) {
		long seconds = duration.getSeconds();
		return seconds > this.maxDurationSeconds
				|| (seconds == this.maxDurationSeconds && duration.getNano() > this.maxDurationNanos);
	}

	private static String process(byte[] key) throws InvalidRecordException {
		if (key == null || key.length == 0) {
			throw new InvalidRecordException(InvalidReason.KEY_MISSING, "the record has no key (process id)");
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

	private static String text(byte[] bytes) {
		return (bytes != null) ? new String(bytes, StandardCharsets.UTF_8) : null;
	}

	private static byte[] nonNull(byte[] bytes) {
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
		if (pos == length || length - pos > MAX_LONG_DIGITS) {
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
