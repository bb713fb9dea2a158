package dev.heartbeat.boot.monitor.kafka;

import dev.heartbeat.core.beat.BeatFormatException;

/**
 * Why a heartbeat record was not applied. The {@link #tag()} is the {@code reason} tag of the
 * invalid-records meter and the value of the dead letter's error header.
 */
public enum InvalidReason {

	/** The record has no key, or an empty one. */
	KEY_MISSING("key-missing"),

	/** The key is not UTF-8 or not a valid process id (whitespace, control characters, '*', too long). */
	KEY_INVALID("key-invalid"),

	/** The payload is empty (a tombstone, a record without a value, is no invalid record: it forgets its process). */
	PAYLOAD_EMPTY("payload-empty"),

	/** The payload is longer than any beat. */
	PAYLOAD_TOO_LONG("payload-too-long"),

	/** The payload is not valid UTF-8. */
	PAYLOAD_NOT_UTF8("payload-not-utf8"),

	/** The payload's verb is not start, beat, degraded or stop. */
	PAYLOAD_UNKNOWN_VERB("payload-unknown-verb"),

	/** A verb that needs a duration came without one. */
	PAYLOAD_MISSING_DURATION("payload-missing-duration"),

	/** The duration is not a plain decimal number of seconds. */
	PAYLOAD_NOT_A_NUMBER("payload-not-a-number"),

	/** The duration is negative. */
	PAYLOAD_NEGATIVE_DURATION("payload-negative-duration"),

	/** The duration is zero or beyond what the convention allows at all (365 days). */
	PAYLOAD_DURATION_OUT_OF_RANGE("payload-duration-out-of-range"),

	/** Characters follow a complete beat. */
	PAYLOAD_TRAILING_GARBAGE("payload-trailing-garbage"),

	/** The period or warm-up is longer than {@code heartbeat.monitor.max-duration}. */
	DURATION_ABOVE_MAX("duration-above-max"),

	/** The {@code heartbeat-seq} header is present but not a decimal long. */
	SEQ_INVALID("seq-invalid"),

	/** The {@code heartbeat-status} header is present but not RUNNING or PAUSED. */
	STATUS_INVALID("status-invalid"),

	/** The record has no timestamp. */
	TIMESTAMP_INVALID("timestamp-invalid");

	private final String tag;

	InvalidReason(String tag) {
		this.tag = tag;
	}

	/**
	 * The lower-case, hyphenated name used in meters and headers.
	 * @return the tag
	 */
	public String tag() {
		return this.tag;
	}

	/**
	 * The reason for a payload the strict parser rejected.
	 * @param reason the parser's reason
	 * @return the matching reason
	 */
	public static InvalidReason of(BeatFormatException.Reason reason) {
		return switch (reason) {
			case EMPTY -> PAYLOAD_EMPTY;
			case TOO_LONG -> PAYLOAD_TOO_LONG;
			case NOT_UTF8 -> PAYLOAD_NOT_UTF8;
			case UNKNOWN_VERB -> PAYLOAD_UNKNOWN_VERB;
			case MISSING_DURATION -> PAYLOAD_MISSING_DURATION;
			case NOT_A_NUMBER -> PAYLOAD_NOT_A_NUMBER;
			case NEGATIVE_DURATION -> PAYLOAD_NEGATIVE_DURATION;
			case DURATION_OUT_OF_RANGE -> PAYLOAD_DURATION_OUT_OF_RANGE;
			case TRAILING_GARBAGE -> PAYLOAD_TRAILING_GARBAGE;
		};
	}

}
