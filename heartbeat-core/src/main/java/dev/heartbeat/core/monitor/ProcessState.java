package dev.heartbeat.core.monitor;

import java.util.Locale;

/**
 * What the monitor believes about a process, from its last beat and the deadlines that passed.
 */
public enum ProcessState {

	/**
	 * Not tracked: only the {@code from} of the first event of a process never seen, or seen
	 * again after it was forgotten.
	 */
	UNKNOWN,

	/**
	 * The process sent {@code start/<warmup>} and no beat since.
	 */
	STARTING,

	/**
	 * The last beat was {@code beat/<period>} and its deadline has not passed.
	 */
	UP,

	/**
	 * The last beat was {@code degraded/<period>} and its deadline has not passed.
	 */
	DEGRADED,

	/**
	 * The last beat reported run status {@code PAUSED} and its deadline has not passed.
	 */
	PAUSED,

	/**
	 * The late deadline of the last beat passed with no newer beat.
	 */
	LATE,

	/**
	 * The dead deadline of the last beat passed with no newer beat.
	 */
	DEAD,

	/**
	 * The process sent {@code stop}; it has no deadline and stays tracked until forgotten. A job
	 * on a {@link JobSchedule} stays {@code STOPPED} (its last run done) until its next run is due:
	 * then it is {@code LATE} and {@code DEAD} by the schedule's deadlines if no run began.
	 */
	STOPPED;

	private final String eventName = name().toLowerCase(Locale.ROOT);

	/**
	 * The lower-case name used in event names, e.g. {@code dead}.
	 * @return the lower-case name
	 */
	public String eventName() {
		return this.eventName;
	}

}
