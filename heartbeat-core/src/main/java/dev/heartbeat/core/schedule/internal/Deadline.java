package dev.heartbeat.core.schedule.internal;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

import dev.heartbeat.core.time.HeartbeatClock;

/**
 * A point on the injected clock's monotonic time, and waits that end there. A wait blocks in
 * real time for at most {@link #SLICE} at once and reads the clock again after each slice: on the
 * system clock it ends when the time is up, on a {@code ManualClock} once the clock has been
 * advanced past the deadline.
 */
public final class Deadline {

	/**
	 * The longest a wait blocks before it reads the clock again.
	 */
	public static final Duration SLICE = Duration.ofMillis(10);

	private static final long SLICE_NANOS = SLICE.toNanos();

	private final HeartbeatClock clock;

	private final long deadlineNanos;

	private Deadline(HeartbeatClock clock, long deadlineNanos) {
		this.clock = clock;
		this.deadlineNanos = deadlineNanos;
	}

	/**
	 * The deadline the given time from now.
	 * @param clock the clock that measures it
	 * @param timeout how far from now
	 * @return the deadline
	 */
	public static Deadline after(HeartbeatClock clock, Duration timeout) {
		return new Deadline(clock, clock.monotonicTime() + timeout.toNanos());
	}

	/**
	 * How long to block before reading the clock again: the time left, at most one slice.
	 * @return nanoseconds, zero once the deadline passed
	 */
	public long sliceNanos() {
		return Math.min(remainingNanos(), SLICE_NANOS);
	}

	/**
	 * Wait for a stage to complete.
	 * @param <T> the type of its value
	 * @param stage the stage
	 * @return its value, or {@code null} if it failed, the deadline passed or the thread was
	 * interrupted (its interrupt flag is then set again)
	 */
	public <T> @Nullable T await(CompletionStage<T> stage) {
		Future<T> future = stage.toCompletableFuture();
		try {
			while (true) {
				long slice = sliceNanos();
				try {
					return future.get(slice, TimeUnit.NANOSECONDS);
				}
				catch (TimeoutException ex) {
					if (slice == 0) {
						return null;
					}
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		catch (ExecutionException ex) {
			return null;
		}
	}

	/**
	 * Wait for a shut-down executor to terminate: at least the given real time, and beyond it
	 * until the deadline.
	 * @param executor the executor, shut down
	 * @param atLeast how long to wait even if the deadline passed
	 * @return whether it terminated
	 * @throws InterruptedException if interrupted
	 */
	public boolean awaitTermination(ExecutorService executor, Duration atLeast) throws InterruptedException {
		if (executor.awaitTermination(atLeast.toNanos(), TimeUnit.NANOSECONDS)) {
			return true;
		}
		long slice;
		while ((slice = sliceNanos()) > 0) {
			if (executor.awaitTermination(slice, TimeUnit.NANOSECONDS)) {
				return true;
			}
		}
		return executor.isTerminated();
	}

	private long remainingNanos() {
		return Math.max(0, this.deadlineNanos - this.clock.monotonicTime());
	}

}
