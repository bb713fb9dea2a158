package dev.heartbeat.core.time;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * A {@link DelayScheduler} on one daemon thread of a {@link ScheduledThreadPoolExecutor}.
 * Cancelled tasks are removed at once, so cancelling many timeouts keeps no garbage queued.
 */
public final class SystemDelayScheduler implements DelayScheduler, AutoCloseable {

	private final ScheduledThreadPoolExecutor executor;

	/**
	 * Create a scheduler whose one thread comes from the given factory.
	 * @param threadFactory the thread factory
	 */
	public SystemDelayScheduler(ThreadFactory threadFactory) {
		this.executor = new ScheduledThreadPoolExecutor(1, threadFactory);
		this.executor.setRemoveOnCancelPolicy(true);
		this.executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
	}

	@Override
	public Cancellable schedule(Duration delay, Runnable task) {
		ScheduledFuture<?> future = this.executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
		return () -> future.cancel(false);
	}

	/**
	 * Stop the thread; tasks not yet run are dropped.
	 */
	@Override
	public void close() {
		this.executor.shutdownNow();
	}

	/**
	 * Wait for the thread to end after {@link #close()}.
	 * @param timeout how long to wait at most
	 * @return whether the thread ended in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	public boolean awaitTermination(Duration timeout) throws InterruptedException {
		return this.executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

}
