package dev.heartbeat.core.monitor.internal;

import dev.heartbeat.core.beat.BeatKind;
import dev.heartbeat.core.monitor.DeadlineEngineConfig;
import dev.heartbeat.core.monitor.ScheduleLookup;

/**
 * The {@code LATE} and {@code DEAD} deadlines of a process's last beat: from its period (or
 * warm-up) and the engine's factors, or, for a process on a schedule, from its next scheduled run
 * (see {@link dev.heartbeat.core.monitor.JobSchedule}); a {@code stop} of a process with no
 * schedule has none. The schedule of a process is looked up once, when it is first tracked.
 * <p>
 * Not thread-safe: the engine guards it with its lock.
 */
final class BeatDeadlines {

	private static final int START = BeatKind.START.ordinal();

	private final DeadlineMath math;

	private final ScheduleLookup schedules;

	// of the beat last looked up
	private long lateAt;

	private long deadAt;

	BeatDeadlines(DeadlineEngineConfig config) {
		this.math = new DeadlineMath(config.lateFactor(), config.reportByBuffer());
		this.schedules = config.schedules();
	}

	// a process newly tracked: find its schedule
	void track(ProcessEntry entry) {
		if (!this.schedules.isEmpty()) {
			entry.schedule = this.schedules.find(entry.key()).map(ScheduledRun::new).orElse(null);
		}
	}

	/**
	 * Look up the deadlines of a process's last beat; then read {@link #lateAt()} and
	 * {@link #deadAt()}.
	 * @param entry the process
	 * @return whether the beat has deadlines
	 */
	boolean of(ProcessEntry entry) {
		ScheduledRun schedule = entry.schedule;
		if (schedule != null && entry.kind != START) {
			if (!schedule.judge(entry.recordTime)) {
				return false;
			}
			this.lateAt = schedule.lateAt();
			this.deadAt = schedule.deadAt();
			return true;
		}
		if (entry.kind == ProcessEntry.STOP) {
			return false;
		}
		this.math.of(entry.durationNanos);
		this.lateAt = entry.recordTime + this.math.lateOffset();
		this.deadAt = entry.recordTime + this.math.deadOffset();
		return true;
	}

	// epoch millis from which the beat looked up is LATE
	long lateAt() {
		return this.lateAt;
	}

	// epoch millis from which the beat looked up is DEAD
	long deadAt() {
		return this.deadAt;
	}

}
