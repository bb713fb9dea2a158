package dev.heartbeat.core.beat;

/**
 * A payload that is not a valid beat. The message quotes the bad input (escaped, so that
 * control characters and invalid bytes are visible) and says what is wrong with it.
 */
public class BeatFormatException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final Reason reason;

	private final String input;

	/**
	 * Create an exception.
	 * @param reason what is wrong
	 * @param input the input, already escaped for display
	 * @param detail a sentence on what is wrong
	 */
	public BeatFormatException(Reason reason, String input, String detail) {
		super("Invalid heartbeat payload \"" + input + "\": " + detail);
		this.reason = reason;
		this.input = input;
	}

	/**
	 * What is wrong, for counting malformed payloads by kind.
	 * @return the reason
	 */
	public Reason reason() {
		return this.reason;
	}

	/**
	 * The bad input, escaped for display.
	 * @return the input
	 */
	public String input() {
		return this.input;
	}

	/**
	 * Why a payload was rejected.
	 */
	public enum Reason {

		/** No bytes at all. */
		EMPTY,

		/** Longer than {@link BeatCodec#MAX_PAYLOAD_BYTES}. */
		TOO_LONG,

		/** Not valid UTF-8. */
		NOT_UTF8,

		/** The verb is not start, beat, degraded or stop. */
		UNKNOWN_VERB,

		/** A verb that needs a duration came without one. */
		MISSING_DURATION,

		/** The duration is not a plain decimal number of seconds. */
		NOT_A_NUMBER,

		/** The duration is negative. */
		NEGATIVE_DURATION,

		/** The duration is zero or longer than {@link Beat#MAX_DURATION}. */
		DURATION_OUT_OF_RANGE,

		/** More characters follow a complete beat. */
		TRAILING_GARBAGE

	}

}
