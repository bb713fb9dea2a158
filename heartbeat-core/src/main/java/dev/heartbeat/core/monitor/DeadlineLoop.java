package dev.heartbeat.core.monitor;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.heartbeat.core.time.HeartbeatClock;

/**
 * Drives a {@link DeadlineEngine} on one thread: sleeps until
 * {@link DeadlineEngine#nextWakeTime()}, calls {@link DeadlineEngine#advance()}, and again.
 * <p>
 * It parks to the millisecond of the next deadline rather than polling, so events follow their
 * deadline by about a millisecond. The engine wakes it early by itself when a beat sets a timer
 * before the planned wake (a new process, a shorter period); {@link #wakeUp()} does the same by
 * hand. It never sleeps longer than the maximum park (one second by default), so it recovers
 * from wall clock jumps. A failed advance is logged and the loop goes on.
 */
public final class DeadlineLoop implements AutoCloseable {

	/**
	 * The default longest sleep: 1 second.
	 */
	public static final Duration DEFAULT_MAX_PARK = Duration.ofSeconds(1);

	private static final Logger logger = LoggerFactory.getLogger(DeadlineLoop.class);

	private static final long NANOS_PER_MILLI = 1_000_000L;

	private static final long FAILURE_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private static final long STOP_TIMEOUT_MILLIS = 5_000;

	private final DeadlineEngine engine;

	private final HeartbeatClock clock;

	private final long maxParkNanos;

	// guarded by this
	private @Nullable Thread thread;

	// the running loop's thread, read by wakeUp from any thread
	private volatile @Nullable Thread running;

	/**
	 * A loop that sleeps at most {@link #DEFAULT_MAX_PARK}.
	 * @param engine the engine to drive; its clock decides what is due
	 */
	public DeadlineLoop(DeadlineEngine engine) {
		this(engine, DEFAULT_MAX_PARK);
	}

	/**
	 * A loop.
	 * @param engine the engine to drive; its clock decides what is due
	 * @param maxPark the longest sleep, positive
	 */
	public DeadlineLoop(DeadlineEngine engine, Duration maxPark) {
		this.engine = Objects.requireNonNull(engine, "engine");
		this.clock = engine.clock();
		Objects.requireNonNull(maxPark, "maxPark");
		if (maxPark.isNegative() || maxPark.isZero()) {
			throw new IllegalArgumentException("maxPark must be positive, was " + maxPark);
		}
		this.maxParkNanos = maxPark.toNanos();
	}

	/**
	 * Start the loop on a new thread.
	 * @param threadFactory where the thread comes from
	 * @throws IllegalStateException if the loop is running
	 */
	public synchronized void start(ThreadFactory threadFactory) {
		Objects.requireNonNull(threadFactory, "threadFactory");
		if (this.thread != null) {
			throw new IllegalStateException("The deadline loop is already running");
		}
		Thread created = threadFactory.newThread(this::run);
		if (created == null) {
			throw new IllegalStateException("The thread factory " + threadFactory + " gave no thread");
		}
		this.thread = created;
		this.running = created;
		created.start();
	}

	/**
	 * Stop the loop and wait (a few seconds at most) for its thread to end. No effect if it is not
	 * running.
	 */
	public void stop() {
		Thread stopping;
		synchronized (this) {
			stopping = this.thread;
			this.thread = null;
			this.running = null;
		}
		if (stopping == null) {
			return;
		}
		LockSupport.unpark(stopping);
		if (stopping != Thread.currentThread()) {
			try {
				stopping.join(STOP_TIMEOUT_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Stop the loop.
	 */
	@Override
	public void close() {
		stop();
	}

	/**
	 * Whether the loop is running.
	 * @return whether it was started and not stopped
	 */
	public boolean isRunning() {
		return this.running != null;
	}

	/**
	 * Make the loop look at the engine now, e.g. after a beat whose deadline may come before the
	 * loop's planned wake. Cheap; no effect if the loop is not running.
	 */
	public void wakeUp() {
		Thread loop = this.running;
		if (loop != null) {
			LockSupport.unpark(loop);
		}
	}

	private void run() {
		Thread self = Thread.currentThread();
		Runnable wakeSelf = () -> LockSupport.unpark(self);
		try {
			while (this.running == self) {
				if (Thread.interrupted()) {
					logger.info("Deadline loop interrupted; stopping");
					break;
				}
				try {
					this.engine.advance();
					long wake = this.engine.planWake(wakeSelf);
					long delayMillis = wake - this.clock.wallTime();
					if (delayMillis > 0 && this.running == self) {
						long delayNanos = (delayMillis >= this.maxParkNanos / NANOS_PER_MILLI) ? this.maxParkNanos
								: delayMillis * NANOS_PER_MILLI;
						LockSupport.parkNanos(this, delayNanos);
					}
				}
				catch (Throwable ex) {
					logger.error("Deadline loop failed to advance; trying again", ex);
					LockSupport.parkNanos(this, Math.min(this.maxParkNanos, FAILURE_PAUSE_NANOS));
				}
			}
		}
		finally {
			this.engine.unplanWake(wakeSelf);
			synchronized (this) {
				if (this.thread == self) {
					this.thread = null;
					this.running = null;
				}
			}
		}
	}

	@Override
	public String toString() {
		return "DeadlineLoop[" + this.engine + ", running=" + isRunning() + "]";
	}

}
