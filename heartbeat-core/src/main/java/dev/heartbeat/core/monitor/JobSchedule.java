package dev.heartbeat.core.monitor;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The calendar of a job that runs at set times (a nightly backup, a cron job): a process with a
 * schedule is judged by when its next run is due, not by the period its beats announce. Give
 * schedules to an engine with {@link ScheduleLookup} and
 * {@link DeadlineEngineConfig.Builder#schedules(ScheduleLookup)}.
 * <p>
 * After a {@code beat}, {@code degraded} or {@code stop} at record time {@code t}, the process is
 * {@link ProcessState#LATE} from {@code nextRunAfter(t) + grace} and {@link ProcessState#DEAD}
 * from {@code nextRunAfter(t) + 2 × grace} (in milliseconds, the grace rounded up), unless a newer
 * beat came. A {@code start/<warmup>} is judged by its warm-up as any process's (late after
 * {@code warmup × lateFactor}, dead after {@code warmup × reportByBuffer}), so a run that never
 * ends is {@code DEAD}. With no run after {@code t}, the beat sets no deadline.
 * <p>
 * Implementations must be thread-safe, fast and must not throw: the engine calls them under its
 * lock, once for every beat of a scheduled process that is not a {@code start}.
 */
public interface JobSchedule {

	/**
	 * The first scheduled run strictly after a time.
	 * @param time a beat's record time
	 * @return when the next run is due, or {@code null} if the schedule has no run after it
	 */
	@Nullable Instant nextRunAfter(Instant time);

	/**
	 * How long after its scheduled time a run may come before the job is late.
	 * @return the grace, at least 1 ms and at most {@link dev.heartbeat.core.beat.Beat#MAX_DURATION}
	 */
	Duration grace();

}
