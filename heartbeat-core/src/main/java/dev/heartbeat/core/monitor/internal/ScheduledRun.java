package dev.heartbeat.core.monitor.internal;

import java.math.BigDecimal;
import java.time.Instant;

import dev.heartbeat.core.monitor.JobSchedule;

/**
 * The schedule of one scheduled process and the deadlines it gives the process's last beat,
 * computed once per record time: {@code LATE} at the next run plus the grace, {@code DEAD} one
 * grace later, or none when the schedule has no further run.
 * <p>
 * Not thread-safe: the engine guards it with its lock.
 */
final class ScheduledRun {

	private static final long LATEST = TimerWheel.MAX_TIME / 4;

	private final JobSchedule schedule;

	private final long graceMillis;

	// the record time the deadlines were computed for
	private long judged = Long.MIN_VALUE;

	private long lateAt;

	private long deadAt;

	ScheduledRun(JobSchedule schedule) {
		this.schedule = schedule;
		this.graceMillis = DeadlineMath.offset(schedule.grace().toNanos(), BigDecimal.ONE);
	}

	/**
	 * Compute the deadlines of a beat, then read {@link #lateAt()} and {@link #deadAt()}.
	 * @param recordTime the beat's record time
	 * @return whether the beat has deadlines: {@code false} if no run is scheduled after it
	 */
	boolean judge(long recordTime) {
		if (recordTime != this.judged) {
			Instant next = this.schedule.nextRunAfter(Instant.ofEpochMilli(recordTime));
			if (next == null) {
				this.lateAt = ProcessStateMachine.NEVER;
			}
			else {
				this.lateAt = toMillis(next) + this.graceMillis;
				this.deadAt = this.lateAt + this.graceMillis;
			}
			this.judged = recordTime;
		}
		return this.lateAt != ProcessStateMachine.NEVER;
	}

	// in the wheel's range, with room for two graces
	private static long toMillis(Instant instant) {
		if (instant.getEpochSecond() < 0) {
			return 0;
		}
		return (instant.getEpochSecond() < LATEST / 1000) ? instant.toEpochMilli() : LATEST;
	}

	long lateAt() {
		return this.lateAt;
	}

	long deadAt() {
		return this.deadAt;
	}

	@Override
	public String toString() {
		return "ScheduledRun[" + this.schedule + "]";
	}

}
