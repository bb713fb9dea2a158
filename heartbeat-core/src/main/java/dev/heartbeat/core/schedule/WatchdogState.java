package dev.heartbeat.core.schedule;

/**
 * Whether the scheduler's loop is ticking.
 */
public enum WatchdogState {

	/** The loop is not running. */
	IDLE,

	/** A tick completed within the last two periods. */
	OK,

	/** No tick completed for more than two periods: the loop is stuck (e.g. a beat source hangs). */
	STALLED

}
