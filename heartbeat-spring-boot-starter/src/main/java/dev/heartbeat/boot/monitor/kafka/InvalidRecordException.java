package dev.heartbeat.boot.monitor.kafka;

/**
 * A heartbeat record that cannot be applied. Carries no stack trace: it is an expected outcome
 * of reading outside input, thrown and caught once per bad record.
 */
public final class InvalidRecordException extends Exception {

	private static final long serialVersionUID = 1L;

	private final InvalidReason reason;

	/**
	 * Create an exception.
	 * @param reason the reason
	 * @param detail what is wrong, quoting the input (escaped)
	 */
	public InvalidRecordException(InvalidReason reason, String detail) {
		super(detail, null, false, false);
		this.reason = reason;
	}

	/**
	 * Why the record is invalid.
	 * @return the reason
	 */
	public InvalidReason reason() {
		return this.reason;
	}

}
