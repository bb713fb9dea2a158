package dev.heartbeat.core.monitor.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import dev.heartbeat.core.monitor.DeadlineEngineConfig;
import dev.heartbeat.core.monitor.ProcessSnapshot;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.monitor.StateChange;
import dev.heartbeat.core.status.RunStatus;

/**
 * The state of each process and the events of its changes: which state the last beat and the
 * deadlines passed since give, when a change is reported (at once, after the hold time, or when a
 * snooze ends), the reminders of a process that stays dead, and when the process next needs a
 * look. Keeps the number of processes in each state.
 * <p>
 * One method for every state rather than a class per state: a process's state is not moved from
 * state to state by what happens but computed from its last beat and the time (several deadlines
 * may have passed since the last look), and the states differ only in two facts, read here
 * where the state is computed: which deadline comes next and whether the hold time applies.
 * <p>
 * Not thread-safe: the engine guards it with its lock.
 */
final class ProcessStateMachine {

	static final long NEVER = Long.MAX_VALUE;

	private static final int DEAD = ProcessState.DEAD.ordinal();

	private static final int STOPPED = ProcessState.STOPPED.ordinal();

	private final BeatDeadlines deadlines;

	private final long holdMillis;

	private final long reminderMillis;

	private final EventDelivery events;

	// indexed by ProcessState ordinal
	private final long[] counts = new long[ProcessState.values().length];

	ProcessStateMachine(DeadlineEngineConfig config, EventDelivery events) {
		this.deadlines = new BeatDeadlines(config);
		this.holdMillis = ceilMillis(config.holdTime());
		this.reminderMillis = ceilMillis(config.reminderInterval());
		this.events = events;
	}

	// a new process, in ProcessState.UNKNOWN
	void track(ProcessEntry entry) {
		this.counts[entry.state]++;
		this.deadlines.track(entry);
	}

	// a process no longer tracked
	void untrack(ProcessEntry entry) {
		this.counts[entry.state]--;
		this.deadlines.untrack(entry);
	}

	/**
	 * Bring a process up to a time: its state, the event of a change (subject to hold time and
	 * snooze) and its reminders.
	 * @param entry the process
	 * @param now the engine's time
	 * @return when it next needs a look, or {@link #NEVER}
	 */
	long evaluate(ProcessEntry entry, long now) {
		long next = enterState(entry, now);
		boolean snoozed = entry.snoozedUntil > now;
		if (!snoozed) {
			entry.snoozedUntil = ProcessEntry.NOT_SNOOZED;
		}
		if (entry.state != entry.reported) {
			next = Math.min(next, reportChange(entry, now, snoozed));
		}
		if (this.reminderMillis > 0 && entry.state == DEAD && entry.reported == DEAD) {
			next = Math.min(next, remind(entry, now, snoozed));
		}
		return next;
	}

	/**
	 * Take the state the last beat gives as reported, leaving deadlines to the next look.
	 * @param entry the process, rebuilt from a restored record
	 * @return when it next needs a look, or {@link #NEVER}
	 */
	long restore(ProcessEntry entry) {
		ProcessState state = beatState(entry);
		setState(entry, state, entry.recordTime);
		entry.reported = entry.state;
		if (!this.deadlines.of(entry)) {
			return NEVER;
		}
		return this.deadlines.lateAt();
	}

	ProcessSnapshot snapshot(ProcessEntry entry, long now) {
		Instant lateAt = null;
		Instant deadAt = null;
		if (this.deadlines.of(entry)) {
			lateAt = Instant.ofEpochMilli(this.deadlines.lateAt());
			deadAt = Instant.ofEpochMilli(this.deadlines.deadAt());
		}
		Instant snoozedUntil = (entry.snoozedUntil > now) ? Instant.ofEpochMilli(entry.snoozedUntil) : null;
		return new ProcessSnapshot(entry.key(), entry.app, entry.currentState(), entry.reportedState(),
				entry.lastBeat(), lateAt, deadAt, snoozedUntil);
	}

	Map<ProcessState, Long> countByState() {
		Map<ProcessState, Long> result = new EnumMap<>(ProcessState.class);
		for (ProcessState state : ProcessState.values()) {
			result.put(state, this.counts[state.ordinal()]);
		}
		return result;
	}

	// a beat or a deadline: the state the last beat and the deadlines passed since give; returns
	// the next deadline
	private long enterState(ProcessEntry entry, long now) {
		if (!this.deadlines.of(entry)) {
			setState(entry, beatState(entry), entry.recordTime);
			return NEVER;
		}
		long lateAt = this.deadlines.lateAt();
		long deadAt = this.deadlines.deadAt();
		if (now >= deadAt) {
			setState(entry, ProcessState.DEAD, deadAt);
			return NEVER;
		}
		if (now >= lateAt) {
			setState(entry, ProcessState.LATE, lateAt);
			return deadAt;
		}
		setState(entry, beatState(entry), entry.recordTime);
		return lateAt;
	}

	// hold time and snooze: report a change now, or return when it may be
	private long reportChange(ProcessEntry entry, long now, boolean snoozed) {
		if (snoozed) {
			return entry.snoozedUntil;
		}
		if (this.holdMillis == 0 || entry.state == DEAD || entry.state == STOPPED
				|| now - entry.stateSince >= this.holdMillis) {
			report(entry, false, now);
			return NEVER;
		}
		return entry.stateSince + this.holdMillis;
	}

	// reminders of a process that stays dead, held while snoozed; returns when the next is due
	private long remind(ProcessEntry entry, long now, boolean snoozed) {
		if (snoozed) {
			return entry.snoozedUntil;
		}
		if (now - entry.reminderAnchor >= this.reminderMillis) {
			// coalesce reminders missed while behind into the latest one
			entry.reminderAnchor += (now - entry.reminderAnchor) / this.reminderMillis * this.reminderMillis;
			report(entry, true, now);
		}
		return entry.reminderAnchor + this.reminderMillis;
	}

	// the state the last beat gives before any deadline
	private static ProcessState beatState(ProcessEntry entry) {
		if (entry.kind == ProcessEntry.STOP) {
			return ProcessState.STOPPED;
		}
		if (entry.status == RunStatus.PAUSED.ordinal()) {
			return ProcessState.PAUSED;
		}
		return switch (entry.beatKind()) {
			case START -> ProcessState.STARTING;
			case DEGRADED -> ProcessState.DEGRADED;
			default -> ProcessState.UP;
		};
	}

	private void setState(ProcessEntry entry, ProcessState state, long since) {
		int ordinal = state.ordinal();
		if (entry.state != ordinal) {
			this.counts[entry.state]--;
			this.counts[ordinal]++;
			entry.state = (byte) ordinal;
			entry.stateSince = since;
		}
	}

	private void report(ProcessEntry entry, boolean reminder, long now) {
		ProcessState from = entry.reportedState();
		ProcessState to = entry.currentState();
		long at = reminder ? entry.reminderAnchor : entry.stateSince;
		entry.reported = entry.state;
		if (!reminder && to == ProcessState.DEAD) {
			entry.reminderAnchor = now;
		}
		this.events.add(new StateChange(entry.key(), entry.app, from, to, Instant.ofEpochMilli(at),
				Instant.ofEpochMilli(now), entry.lastBeat(), reminder));
	}

	private static long ceilMillis(Duration duration) {
		long nanos = duration.toNanos();
		return nanos / 1_000_000 + ((nanos % 1_000_000 != 0) ? 1 : 0);
	}

}
