package dev.heartbeat.core.schedule.internal;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.heartbeat.core.schedule.SchedulerListener;
import dev.heartbeat.core.schedule.WatchdogState;
import dev.heartbeat.core.time.HeartbeatClock;

/**
 * Notices a run loop that completed no tick for more than two periods (e.g. the beat source
 * hangs) and tells when a tick completes again. The loop's timer calls {@link #check} each time
 * it fires; every tick calls {@link #tickCompleted} when it ends.
 */
public final class Watchdog {

	// the scheduler's logger: the one users configure
	// under the scheduler's logger name, so that users' log settings for the scheduler apply
	private static final Logger logger = LoggerFactory.getLogger("dev.heartbeat.core.schedule.BeatScheduler");

	private final HeartbeatClock clock;

	private final Duration period;

	private final long periodNanos;

	private final SchedulerListener listener;

	// written by the loop and the timer; read for stats
	private volatile long lastTickCompletedNanos;

	private volatile long lastTickCompletedWall = -1;

	private volatile long stalledSince;

	private volatile WatchdogState state = WatchdogState.IDLE;

	/**
	 * A watchdog, idle until started.
	 * @param clock the clock
	 * @param period the tick period
	 * @param listener told when the loop stalls and recovers; must not throw
	 */
	public Watchdog(HeartbeatClock clock, Duration period, SchedulerListener listener) {
		this.clock = clock;
		this.period = period;
		this.periodNanos = period.toNanos();
		this.listener = listener;
	}

	/**
	 * Watch a run whose first tick is due at the given time, as if a tick had completed one
	 * period before it.
	 * @param firstTickNanos monotonic time the first tick is due
	 */
	public void start(long firstTickNanos) {
		this.lastTickCompletedNanos = firstTickNanos - this.periodNanos;
		this.state = WatchdogState.OK;
	}

	/**
	 * Stop watching.
	 */
	public void stop() {
		this.state = WatchdogState.IDLE;
	}

	/**
	 * Report a stall if no tick completed for more than two periods.
	 * @param now the monotonic time
	 */
	public void check(long now) {
		long sinceLastTick = now - this.lastTickCompletedNanos;
		if (sinceLastTick > 2 * this.periodNanos && this.state == WatchdogState.OK) {
			this.state = WatchdogState.STALLED;
			this.stalledSince = this.lastTickCompletedNanos;
			logger.warn("Heartbeat loop stalled: no tick completed for {} ms (period {})", sinceLastTick / 1_000_000,
					this.period);
			this.listener.onWatchdogStalled(Duration.ofNanos(sinceLastTick));
		}
	}

	/**
	 * A tick completed; a stalled loop of a run still going has recovered.
	 * @param runActive whether the tick's run is still going (not stopped meanwhile)
	 */
	public void tickCompleted(boolean runActive) {
		this.lastTickCompletedNanos = this.clock.monotonicTime();
		this.lastTickCompletedWall = this.clock.wallTime();
		if (this.state == WatchdogState.STALLED && runActive) {
			this.state = WatchdogState.OK;
			logger.info("Heartbeat loop recovered");
			this.listener.onWatchdogRecovered(Duration.ofNanos(this.clock.monotonicTime() - this.stalledSince));
		}
	}

	/**
	 * What the watchdog sees.
	 * @return the state
	 */
	public WatchdogState state() {
		return this.state;
	}

	/**
	 * When the last tick completed.
	 * @return the wall time, or {@code null} if no tick completed yet
	 */
	public @Nullable Instant lastTickAt() {
		long lastWall = this.lastTickCompletedWall;
		return (lastWall >= 0) ? Instant.ofEpochMilli(lastWall) : null;
	}

}
