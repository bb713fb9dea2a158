package dev.heartbeat.core.monitor;

import java.time.Instant;
import java.util.Objects;

/**
 * What the listeners were last told about a process: enough for another monitor (after a
 * restart, a crash or a rebalance) to go on where this one stopped, without repeating an event
 * already delivered nor missing one that is due. See
 * {@link DeadlineEngine#restoreReported(String, ReportedState)}.
 *
 * @param state the state last reported, never {@link ProcessState#UNKNOWN}
 * @param at the {@code at} of that event
 * @param reminderFrom for {@link ProcessState#DEAD}: the time reminders are counted from (when
 * DEAD was reported, or the due time of the last reminder); {@code null} otherwise
 * @param snoozedUntil until when the process's events are held back, {@code null} if not snoozed
 */
public record ReportedState(ProcessState state, Instant at, Instant reminderFrom, Instant snoozedUntil) {

	/**
	 * A reported state.
	 * @param state the state, not {@code UNKNOWN}
	 * @param at when
	 * @param reminderFrom reminders counted from, or {@code null}
	 * @param snoozedUntil snoozed until, or {@code null}
	 */
	public ReportedState {
		Objects.requireNonNull(state, "state");
		Objects.requireNonNull(at, "at");
		if (state == ProcessState.UNKNOWN) {
			throw new IllegalArgumentException("UNKNOWN is never reported");
		}
	}

	/**
	 * What a delivered event tells about its process.
	 * @param change the event
	 * @param snoozedUntil the process's snooze at the time, or {@code null}
	 * @return the reported state
	 */
	public static ReportedState of(StateChange change, Instant snoozedUntil) {
		Instant reminderFrom = null;
		if (change.to() == ProcessState.DEAD) {
			// a DEAD event starts the reminders at its detection, a reminder moves them to its due time
			reminderFrom = change.reminder() ? change.at() : change.detectedAt();
		}
		return new ReportedState(change.to(), change.at(), reminderFrom, snoozedUntil);
	}

}
