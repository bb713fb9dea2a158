package dev.heartbeat.core.monitor.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import dev.heartbeat.core.monitor.DeadlineEngineConfig;
import dev.heartbeat.core.monitor.ProcessSnapshot;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.monitor.ReportedState;
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
 * <b>Sight.</b> A process is judged at the time its partition is seen up to ({@link PartitionSights}),
 * never later than the engine's time: a deadline, hold end, reminder or snooze end its partition is
 * not seen up to is not passed yet, so a process is never LATE or DEAD for a beat the monitor
 * could not have seen. Events still carry the engine's time as their detection time. After a
 * silence of its partition's log its deadlines count from the return of sight, with one whole
 * window (period × report-by buffer) for LATE and DEAD alike.
 * <p>
 * Not thread-safe: the engine guards it with its lock.
 */
final class ProcessStateMachine {

	static final long NEVER = Long.MAX_VALUE;

	// what evaluate returns for a process stopped or dead past its retention: forget it now
	static final long FORGET = Long.MIN_VALUE;

	private static final int DEAD = ProcessState.DEAD.ordinal();

	private static final int STOPPED = ProcessState.STOPPED.ordinal();

	private final BeatDeadlines deadlines;

	private final long holdMillis;

	private final long reminderMillis;

	private final EventDelivery events;

	private final AppBook apps;

	// retention of stopped and dead processes, 0 for ever
	private final long forgetStoppedMillis;

	private final long forgetDeadMillis;

	private final PartitionSights sights;

	// indexed by ProcessState ordinal
	private final long[] counts = new long[ProcessState.values().length];

	ProcessStateMachine(DeadlineEngineConfig config, EventDelivery events, AppBook apps, PartitionSights sights) {
		this.deadlines = new BeatDeadlines(config, sights);
		this.holdMillis = ceilMillis(config.holdTime());
		this.reminderMillis = ceilMillis(config.reminderInterval());
		this.events = events;
		this.apps = apps;
		this.forgetStoppedMillis = ceilMillis(config.forgetStoppedAfter());
		this.forgetDeadMillis = ceilMillis(config.forgetDeadAfter());
		this.sights = sights;
	}

	// a new process, in ProcessState.UNKNOWN
	void track(ProcessEntry entry) {
		this.counts[entry.state]++;
		this.deadlines.track(entry);
	}

	// a process no longer tracked
	void untrack(ProcessEntry entry) {
		this.counts[entry.state]--;
		this.apps.leave(entry);
		this.deadlines.untrack(entry);
	}

	/**
	 * Bring a process up to a time: its state, the event of a change (subject to hold time and
	 * snooze), its reminders (only while its app is short of instances) and its retention.
	 * @param entry the process
	 * @param now the engine's time
	 * @return when it next needs a look, {@link #NEVER}, or {@link #FORGET} if it is to be
	 * forgotten now; a time not after {@code now} when its partition is not seen up to that time yet
	 */
	long evaluate(ProcessEntry entry, long now) {
		long judge = this.sights.judgeTime(entry.partition, now);
		long next = enterState(entry, judge);
		boolean snoozed = entry.snoozedUntil > judge;
		if (!snoozed) {
			entry.snoozedUntil = ProcessEntry.NOT_SNOOZED;
		}
		if (entry.state != entry.reported) {
			next = Math.min(next, reportChange(entry, judge, now, snoozed));
		}
		if (this.reminderMillis > 0 && entry.state == DEAD && entry.reported == DEAD) {
			next = Math.min(next, remind(entry, judge, now, snoozed));
		}
		long forgetAt = forgetAt(entry);
		return (forgetAt <= now) ? FORGET : Math.min(next, forgetAt);
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
			return forgetAt(entry);
		}
		return this.deadlines.lateAt();
	}

	/**
	 * Take what the listeners were last told as reported, leaving the rest to the next look.
	 * @param entry the process, restored
	 * @param reported what its listeners were told
	 * @param now the engine's time
	 */
	void restoreReported(ProcessEntry entry, ReportedState reported, long now) {
		entry.reported = (byte) reported.state().ordinal();
		if (reported.reminderFrom() != null) {
			entry.reminderAnchor = reported.reminderFrom().toEpochMilli();
		}
		long snoozedUntil = (reported.snoozedUntil() != null) ? reported.snoozedUntil().toEpochMilli() : 0;
		entry.snoozedUntil = (snoozedUntil > now) ? snoozedUntil : ProcessEntry.NOT_SNOOZED;
	}

	/**
	 * What the listeners of a process were told, as the engine has it: the reported state, its
	 * reminder schedule and snooze; {@code at} is when the current state began if that is the
	 * reported one, otherwise the last record time.
	 * @param entry the process
	 * @param now the engine's time
	 * @return the reported state, {@code null} if nothing was reported yet
	 */
	ReportedState reported(ProcessEntry entry, long now) {
		ProcessState state = entry.reportedState();
		if (state == ProcessState.UNKNOWN) {
			return null;
		}
		long at = (entry.reported == entry.state) ? entry.stateSince : entry.recordTime;
		Instant reminderFrom = (state == ProcessState.DEAD) ? Instant.ofEpochMilli(entry.reminderAnchor) : null;
		Instant snoozedUntil = (entry.snoozedUntil > now) ? Instant.ofEpochMilli(entry.snoozedUntil) : null;
		return new ReportedState(state, Instant.ofEpochMilli(at), reminderFrom, snoozedUntil);
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

	// hold time and snooze, judged at the time the partition is seen up to: report a change now,
	// or return when it may be
	private long reportChange(ProcessEntry entry, long judge, long now, boolean snoozed) {
		if (snoozed) {
			return entry.snoozedUntil;
		}
		if (this.holdMillis == 0 || entry.state == DEAD || entry.state == STOPPED
				|| judge - entry.stateSince >= this.holdMillis) {
			report(entry, false, now);
			return NEVER;
		}
		return entry.stateSince + this.holdMillis;
	}

	// reminders of a process that stays dead, held while snoozed; returns when the next is due
	private long remind(ProcessEntry entry, long judge, long now, boolean snoozed) {
		if (snoozed) {
			return entry.snoozedUntil;
		}
		if (judge - entry.reminderAnchor >= this.reminderMillis) {
			// coalesce reminders missed while behind into the latest one
			entry.reminderAnchor += (judge - entry.reminderAnchor) / this.reminderMillis * this.reminderMillis;
			// a dead instance of an app that has enough others alive is replaced: no reminder
			if (entry.group == null || entry.group.isShort) {
				report(entry, true, now);
			}
		}
		return entry.reminderAnchor + this.reminderMillis;
	}

	// when a stopped or dead process is forgotten, NEVER for other states or without retention
	private long forgetAt(ProcessEntry entry) {
		if (entry.state == STOPPED && this.deadlines.isScheduled(entry)) {
			// a job that stopped waits for its next run
			return NEVER;
		}
		long retention = (entry.state == STOPPED) ? this.forgetStoppedMillis
				: (entry.state == DEAD) ? this.forgetDeadMillis : 0;
		return (retention > 0) ? entry.stateSince + retention : NEVER;
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
			if (entry.group != null) {
				this.apps.changed(entry.group, entry.state, ordinal, since);
			}
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

	static long ceilMillis(Duration duration) {
		long nanos = duration.toNanos();
		return nanos / 1_000_000 + ((nanos % 1_000_000 != 0) ? 1 : 0);
	}

}
