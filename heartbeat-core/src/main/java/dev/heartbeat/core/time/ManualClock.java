package dev.heartbeat.core.time;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A clock that only moves when told to, and a {@link DelayScheduler} whose tasks run, in due
 * order, on the thread that advances it. Wall and monotonic time move together.
 * <p>
 * Ships in core so that users can test their own heartbeat logic without sleeping.
 * Thread-safe: readings and scheduling may happen from any thread.
 */
public final class ManualClock implements HeartbeatClock, DelayScheduler {

	// guarded by this
	private long wallMillis;

	// guarded by this; monotonic nanos, kept separate from wall time so that wall time can be set
	private long nanos;

	// guarded by this
	private long sequence;

	// guarded by this
	private final PriorityQueue<Task> tasks = new PriorityQueue<>();

	/**
	 * A clock at 2026-01-01T00:00:00Z.
	 */
	public ManualClock() {
		this(Instant.parse("2026-01-01T00:00:00Z"));
	}

	/**
	 * A clock at the given wall time.
	 * @param start the initial wall time
	 */
	public ManualClock(Instant start) {
		this.wallMillis = start.toEpochMilli();
		this.nanos = 1_000_000_000L;
	}

	@Override
	public synchronized long wallTime() {
		return this.wallMillis;
	}

	@Override
	public synchronized long monotonicTime() {
		return this.nanos;
	}

	/**
	 * Move wall time without moving monotonic time, as an NTP correction would.
	 * Scheduled tasks are not affected.
	 * @param wallTime the new wall time
	 */
	public synchronized void setWallTime(Instant wallTime) {
		this.wallMillis = wallTime.toEpochMilli();
	}

	@Override
	public Cancellable schedule(Duration delay, Runnable task) {
		Task scheduled;
		synchronized (this) {
			scheduled = new Task(this.nanos + Math.max(0, delay.toNanos()), this.sequence++, task);
			this.tasks.add(scheduled);
		}
		return () -> {
			synchronized (this) {
				this.tasks.remove(scheduled);
			}
		};
	}

	/**
	 * Advance time, running every task that falls due on the way, each at its own due time.
	 * @param duration how far to advance; must not be negative
	 * @return this clock
	 */
	public ManualClock advance(Duration duration) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException("duration must not be negative, was " + duration);
		}
		long target;
		synchronized (this) {
			target = this.nanos + duration.toNanos();
		}
		while (true) {
			Task due;
			synchronized (this) {
				Task head = this.tasks.peek();
				if (head == null || head.dueNanos > target) {
					moveTo(target);
					return this;
				}
				due = this.tasks.poll();
				moveTo(Math.max(due.dueNanos, this.nanos));
			}
			due.task.run();
		}
	}

	/**
	 * Advance by the given number of milliseconds.
	 * @param millis milliseconds
	 * @return this clock
	 */
	public ManualClock advanceMillis(long millis) {
		return advance(Duration.ofMillis(millis));
	}

	/**
	 * Run the tasks that are already due (delay zero) without moving time.
	 * @return this clock
	 */
	public ManualClock runDueTasks() {
		return advance(Duration.ZERO);
	}

	/**
	 * The number of tasks waiting to run.
	 * @return pending task count
	 */
	public synchronized int pendingTasks() {
		return this.tasks.size();
	}

	/**
	 * Delays from now of the pending tasks, earliest first; useful in assertions.
	 * @return delays of pending tasks
	 */
	public synchronized List<Duration> pendingDelays() {
		List<Task> sorted = new ArrayList<>(this.tasks);
		sorted.sort(null);
		List<Duration> delays = new ArrayList<>(sorted.size());
		for (Task task : sorted) {
			delays.add(Duration.ofNanos(task.dueNanos - this.nanos));
		}
		return delays;
	}

	// guarded by this (called with the lock held)
	private void moveTo(long targetNanos) {
		long delta = targetNanos - this.nanos;
		if (delta > 0) {
			// wall time follows monotonic time, keeping sub-millisecond remainders exact
			long beforeMillis = Math.floorDiv(this.nanos, 1_000_000L);
			long afterMillis = Math.floorDiv(targetNanos, 1_000_000L);
			this.wallMillis += afterMillis - beforeMillis;
			this.nanos = targetNanos;
		}
	}

	@Override
	public synchronized String toString() {
		return "ManualClock[" + Instant.ofEpochMilli(this.wallMillis) + "]";
	}

	private record Task(long dueNanos, long sequence, Runnable task) implements Comparable<Task> {

		@Override
		public int compareTo(Task other) {
			int byDue = Long.compare(this.dueNanos, other.dueNanos);
			return (byDue != 0) ? byDue : Long.compare(this.sequence, other.sequence);
		}

	}

}
