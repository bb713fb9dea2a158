package dev.heartbeat.boot.support.internal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.heartbeat.core.time.DelayScheduler;
import dev.heartbeat.core.time.HeartbeatClock;

/**
 * How a {@link Worker} pauses: for a time, unless it is woken first.
 */
@FunctionalInterface
public interface Sleeper {

	/**
	 * Pauses in real time.
	 */
	Sleeper SYSTEM = (duration, wake) -> wake.await(duration.toNanos(), TimeUnit.NANOSECONDS);

	/**
	 * Pause until the time has passed or {@code wake} is counted down, whichever comes first.
	 * @param duration how long
	 * @param wake counted down to end the pause early
	 * @throws InterruptedException if interrupted
	 */
	void sleep(Duration duration, CountDownLatch wake) throws InterruptedException;

	/**
	 * Pauses timed by a scheduler, e.g. a {@code ManualClock} that a test advances.
	 * @param scheduler the scheduler
	 * @return the sleeper
	 */
	static Sleeper on(DelayScheduler scheduler) {
		return (duration, wake) -> {
			DelayScheduler.Cancellable alarm = scheduler.schedule(duration, wake::countDown);
			try {
				wake.await();
			}
			finally {
				alarm.cancel();
			}
		};
	}

	/**
	 * Pauses timed by the clock a class was given: by the clock itself where it also schedules
	 * (a {@code ManualClock}), in real time otherwise.
	 * @param clock the clock
	 * @return the sleeper
	 */
	static Sleeper of(HeartbeatClock clock) {
		return (clock instanceof DelayScheduler scheduler) ? on(scheduler) : SYSTEM;
	}

}
