package dev.heartbeat.core.monitor.internal;

import java.util.IdentityHashMap;
import java.util.Map;

import dev.heartbeat.core.beat.BeatKind;
import dev.heartbeat.core.monitor.DeadlineEngineConfig;
import dev.heartbeat.core.monitor.ScheduleLookup;

/**
 * The {@code LATE} and {@code DEAD} deadlines of a process's last beat: from its period (or
 * warm-up) and the engine's factors, or, for a process on a schedule, from its next scheduled run
 * (see {@link dev.heartbeat.core.monitor.JobSchedule}); a {@code stop} of a process with no
 * schedule has none. A period's deadlines whose next beat fell due in a silence of the log (the
 * broker away for everyone, {@link PartitionSights#anchor}) are one whole window from the return
 * of sight instead, before either verdict. The schedule of a process is looked up once, when it is first tracked, and
 * kept in a map beside the entries: without schedules a beat costs one more branch, and an entry
 * not a byte more.
 * <p>
 * Not thread-safe: the engine guards it with its lock.
 */
final class BeatDeadlines {

	private static final int START = BeatKind.START.ordinal();

	private final DeadlineMath math;

	private final ScheduleLookup schedules;

	private final PartitionSights sights;

	// the schedules of the scheduled processes, kept beside the entries so that an entry stays as
	// small as without schedules; empty, and never read, when there are none
	private final Map<ProcessEntry, ScheduledRun> scheduled = new IdentityHashMap<>();

	// of the beat last looked up
	private long lateAt;

	private long deadAt;

	BeatDeadlines(DeadlineEngineConfig config, PartitionSights sights) {
		this.math = new DeadlineMath(config.lateFactor(), config.reportByBuffer());
		this.schedules = config.schedules();
		this.sights = sights;
	}

	// a process newly tracked: find its schedule
	void track(ProcessEntry entry) {
		if (!this.schedules.isEmpty()) {
			this.schedules.find(entry.key())
				.ifPresent((schedule) -> this.scheduled.put(entry, new ScheduledRun(schedule)));
		}
	}

	// whether a process is judged by a schedule
	boolean isScheduled(ProcessEntry entry) {
		return !this.scheduled.isEmpty() && this.scheduled.containsKey(entry);
	}

	// a process no longer tracked
	void untrack(ProcessEntry entry) {
		if (!this.scheduled.isEmpty()) {
			this.scheduled.remove(entry);
		}
	}

	/**
	 * Look up the deadlines of a process's last beat; then read {@link #lateAt()} and
	 * {@link #deadAt()}.
	 * @param entry the process
	 * @return whether the beat has deadlines
	 */
	boolean of(ProcessEntry entry) {
		ScheduledRun schedule = (entry.kind != START && !this.scheduled.isEmpty()) ? this.scheduled.get(entry) : null;
		if (schedule != null) {
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
		long anchor = this.sights.anchor(entry.partition, entry.recordTime, entry.durationNanos / 1_000_000);
		if (anchor == entry.recordTime) {
			this.lateAt = entry.recordTime + this.math.lateOffset();
			this.deadAt = entry.recordTime + this.math.deadOffset();
		}
		else {
			// one whole window from the return of sight, before either verdict
			this.lateAt = anchor + this.math.deadOffset();
			this.deadAt = this.lateAt;
		}
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
