package dev.heartbeat.bench.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.heartbeat.core.beat.BeatKind;
import dev.heartbeat.core.monitor.BeatRecord;
import dev.heartbeat.core.monitor.Admission;
import dev.heartbeat.core.monitor.LastBeatInfo;
import dev.heartbeat.core.monitor.MonitorListener;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.monitor.StateChange;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.time.HeartbeatClock;

/**
 * The naive baseline the engine is measured against, written the way one would first write a
 * monitor: a {@link ConcurrentHashMap} of processes and one {@link ScheduledThreadPoolExecutor}
 * task per process, cancelled and scheduled again on every beat.
 * <p>
 * It is given a fair chance: the same admission rule (a higher sequence number from the same
 * instance, otherwise a record time not older), the same deadlines (late after 1.5 periods, dead
 * after 3, checked on the beat as the engine does), the same {@link StateChange} events, one
 * reusable task object per process rather than a lambda per beat, and
 * {@code removeOnCancelPolicy} so that a cancelled task leaves the queue at once (without it a
 * million beats a second would pile up millions of dead tasks until their delay ran out).
 */
public final class NaiveEngine implements AutoCloseable {

	private final ConcurrentHashMap<String, Tracked> processes = new ConcurrentHashMap<>();

	private final ScheduledThreadPoolExecutor timer;

	private final HeartbeatClock clock;

	private final MonitorListener listener;

	/**
	 * A baseline.
	 * @param clock the clock deadlines are checked against
	 * @param listener told of every state change
	 */
	public NaiveEngine(HeartbeatClock clock, MonitorListener listener) {
		this.clock = clock;
		this.listener = listener;
		this.timer = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "naive-timer");
			thread.setDaemon(true);
			return thread;
		});
		this.timer.setRemoveOnCancelPolicy(true);
	}

	/**
	 * Apply a beat: cancel the process's task and schedule one for its next deadline.
	 * @param record the record
	 * @return whether it was applied
	 */
	public Admission onBeat(BeatRecord record) {
		Tracked tracked = this.processes.computeIfAbsent(record.process(), Tracked::new);
		StateChange change;
		synchronized (tracked) {
			if (tracked.instance != null) {
				boolean sameInstance = tracked.instance.equals(record.instance());
				if (sameInstance ? record.seq() <= tracked.seq : record.recordTime() < tracked.recordTime) {
					return Admission.STALE;
				}
			}
			tracked.app = record.app();
			tracked.instance = record.instance();
			tracked.seq = record.seq();
			tracked.recordTime = record.recordTime();
			tracked.kind = record.beat().kind();
			tracked.duration = record.beat().duration();
			tracked.health = record.health();
			long periodMillis = record.beat().duration().toMillis();
			tracked.lateAt = record.recordTime() + (periodMillis * 3 + 1) / 2;
			tracked.deadAt = record.recordTime() + periodMillis * 3;
			if (tracked.future != null) {
				tracked.future.cancel(false);
			}
			change = tracked.evaluate(this.clock.wallTime());
		}
		if (change != null) {
			this.listener.onStateChange(change);
		}
		return Admission.ACCEPTED;
	}

	/**
	 * Run a task on the timer thread, e.g. one that blocks it until told.
	 * @param task the task
	 */
	void execute(Runnable task) {
		this.timer.execute(task);
	}

	/**
	 * The number of tracked processes.
	 * @return the count
	 */
	public int size() {
		return this.processes.size();
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
	}

	private final class Tracked implements Runnable {

		final String process;

		// guarded by this
		String app;

		String instance;

		long seq;

		long recordTime;

		BeatKind kind;

		Duration duration;

		String health;

		long lateAt;

		long deadAt;

		ProcessState state = ProcessState.UNKNOWN;

		long stateSince;

		ScheduledFuture<?> future;

		Tracked(String process) {
			this.process = process;
		}

		@Override
		public void run() {
			StateChange change;
			synchronized (this) {
				change = evaluate(NaiveEngine.this.clock.wallTime());
			}
			if (change != null) {
				NaiveEngine.this.listener.onStateChange(change);
			}
		}

		// the state now, the event if it changed, and the task for the next deadline
		StateChange evaluate(long now) {
			ProcessState next;
			long since;
			long due;
			if (now >= this.deadAt) {
				next = ProcessState.DEAD;
				since = this.deadAt;
				due = -1;
			}
			else if (now >= this.lateAt) {
				next = ProcessState.LATE;
				since = this.lateAt;
				due = this.deadAt;
			}
			else {
				next = (this.kind == BeatKind.DEGRADED) ? ProcessState.DEGRADED : ProcessState.UP;
				since = this.recordTime;
				due = this.lateAt;
			}
			this.future = (due < 0) ? null : NaiveEngine.this.timer.schedule(this, due - now, TimeUnit.MILLISECONDS);
			if (next == this.state) {
				return null;
			}
			ProcessState from = this.state;
			this.state = next;
			this.stateSince = since;
			return new StateChange(this.process, this.app, from, next, Instant.ofEpochMilli(since),
					Instant.ofEpochMilli(now), new LastBeatInfo(this.kind, this.duration,
							Instant.ofEpochMilli(this.recordTime), this.instance, this.seq, RunStatus.RUNNING, this.health),
					false);
		}

	}

}
