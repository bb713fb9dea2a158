package dev.heartbeat.core.monitor;

/**
 * What the deadline engine did with one consumed beat record.
 */
public enum Admission {

	/**
	 * The record is the newest known for its process and was applied.
	 */
	ACCEPTED,

	/**
	 * The record is out of order or a duplicate (an older sequence number from the same instance,
	 * or an older record time from another instance); nothing changed.
	 */
	STALE,

	/**
	 * The record is absurd (a period or warm-up above the configured maximum, or a negative record
	 * time); nothing changed.
	 */
	REJECTED

}
