package dev.heartbeat.core.wire;

/**
 * What a {@link ControlGate} decided about one control record.
 */
public enum ControlVerdict {

	/** Valid and addressed to this process: apply it. */
	ACCEPTED(false),

	/** Addressed to another process: ignore silently. */
	NOT_FOR_ME(false),

	/** The value is not {@code pause} or {@code resume}, or the key is missing. */
	MALFORMED(true),

	/** A secret is configured and the record carries no signature. */
	UNSIGNED(true),

	/** The signature does not match (forged, or signed for another key, value or time). */
	BAD_SIGNATURE(true),

	/** Older than the allowed window, or too far in the future. */
	STALE(true),

	/** Not newer than a record already applied: a replay. */
	REPLAYED(true);

	private final boolean rejected;

	ControlVerdict(boolean rejected) {
		this.rejected = rejected;
	}

	/**
	 * Whether this verdict is a rejection to log and count.
	 * @return whether rejected
	 */
	public boolean isRejected() {
		return this.rejected;
	}

}
