package dev.heartbeat.core.time;

import java.time.Duration;

/**
 * Runs a task once after a delay. Production code uses {@link SystemDelayScheduler}; tests use
 * {@link ManualClock}, which runs due tasks when it is advanced.
 * <p>
 * Tasks must be short: they run on the scheduler's own thread (or the thread advancing a manual
 * clock) and only hand real work to other executors.
 */
@FunctionalInterface
public interface DelayScheduler {

	/**
	 * Schedule a task.
	 * @param delay how long from now, measured on the monotonic clock; zero or negative runs it
	 * as soon as possible
	 * @param task the task
	 * @return a handle to cancel the task
	 */
	Cancellable schedule(Duration delay, Runnable task);

	/**
	 * A handle on a scheduled task.
	 */
	@FunctionalInterface
	interface Cancellable {

		/**
		 * Cancel the task if it has not run yet; no effect otherwise.
		 */
		void cancel();

	}

}
