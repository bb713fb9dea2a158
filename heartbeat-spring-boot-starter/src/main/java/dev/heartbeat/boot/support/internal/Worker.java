package dev.heartbeat.boot.support.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loop on a daemon thread of its own that runs {@link #round()} again and again until the
 * round says it is done, {@link #stop} is called or the thread is interrupted.
 * <p>
 * A round that throws does not end the loop: the failure goes to {@link #onFailure} (a warning by
 * default) and the next round follows after the {@link Backoff}'s pause, which grows while rounds
 * keep failing and starts over after one that succeeds. Pauses are timed by the {@link Sleeper}
 * and cut short by {@link #stop}.
 * <p>
 * {@link #stop} asks the loop to end, calls {@link #wakeUp} so that a round blocked in a client
 * returns, and waits for the thread; a thread still alive after the timeout is interrupted.
 * Whichever way the loop ends, {@link #onExit()} runs last on its thread. A worker can be started
 * again after it stopped.
 */
public abstract class Worker {

	private static final Logger logger = LoggerFactory.getLogger(Worker.class);

	private final String name;

	private final Backoff backoff;

	private final Sleeper sleeper;

	// written under this lock, read by the worker's thread without it
	private volatile @Nullable Run run;

	/**
	 * A worker.
	 * @param name the name of its thread
	 * @param backoff the pauses after failed rounds
	 * @param sleeper what times the pauses
	 */
	protected Worker(String name, Backoff backoff, Sleeper sleeper) {
		this.name = Objects.requireNonNull(name, "name");
		this.backoff = Objects.requireNonNull(backoff, "backoff");
		this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
	}

	/**
	 * Start the thread, unless it runs already.
	 * @return whether a thread was started
	 */
	public final synchronized boolean start() {
		if (this.run != null) {
			return false;
		}
		Run started = new Run(this.name, this::loop);
		this.run = started;
		started.thread.start();
		return true;
	}

	/**
	 * Stop: end the loop after the current round, wake the round up and wait for the thread.
	 * @param timeout how long to wait; a thread still alive then is interrupted
	 * @return whether the thread ended in time (or none ran)
	 */
	public final boolean stop(Duration timeout) {
		Run stopping;
		synchronized (this) {
			stopping = this.run;
			this.run = null;
		}
		if (stopping == null) {
			return true;
		}
		// the flag first, so that a woken round sees it; the pause last, so that a round paused
		// meanwhile ends only after it was woken
		stopping.stopping = true;
		wakeUp(stopping.thread);
		stopping.endPause();
		if (stopping.thread == Thread.currentThread()) {
			return false;
		}
		try {
			TimeUnit.NANOSECONDS.timedJoin(stopping.thread, timeout.toNanos());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (stopping.thread.isAlive()) {
			stopping.thread.interrupt();
			return false;
		}
		return true;
	}

	/**
	 * Wait for the loop to end by itself, e.g. after a round found the end of its work; unlike
	 * {@link #stop}, this does not ask it to end.
	 * @param timeout how long to wait
	 * @return whether it ended (or none ran)
	 * @throws InterruptedException if interrupted while waiting
	 */
	public final boolean awaitEnd(Duration timeout) throws InterruptedException {
		Run current = this.run;
		if (current == null) {
			return true;
		}
		TimeUnit.NANOSECONDS.timedJoin(current.thread, timeout.toNanos());
		return !current.thread.isAlive();
	}

	/**
	 * Whether the loop runs: started, and neither stopped nor ended by itself.
	 * @return whether it runs
	 */
	public final boolean isRunning() {
		return this.run != null;
	}

	/**
	 * One round of the loop, on the worker's thread.
	 * @return whether to go on; {@code false} ends the loop
	 * @throws InterruptedException if interrupted, which ends the loop
	 * @throws Exception a failure: the next round follows after a pause
	 */
	protected abstract boolean round() throws Exception;

	/**
	 * A round failed and the loop goes on after a pause; not called for failures while stopping.
	 * Logs a warning; override to say more, or less.
	 * @param failure what the round threw
	 * @param retryIn the pause before the next round
	 */
	protected void onFailure(Throwable failure, Duration retryIn) {
		logger.warn("{} failed, retrying in {} ms: {}", this.name, retryIn.toMillis(), failure.toString(), failure);
	}

	/**
	 * Called by {@link #stop} on the stopping thread, to wake a round blocked in a client (e.g.
	 * {@code Consumer.wakeup()}). Does nothing by default.
	 * @param worker the worker's thread
	 */
	protected void wakeUp(Thread worker) {
	}

	/**
	 * Called last on the worker's thread, however the loop ended: close what the rounds opened.
	 * Does nothing by default.
	 */
	protected void onExit() {
	}

	/**
	 * Whether the loop is to end, for a round that waits or loops itself.
	 * @return whether {@link #stop} was called for the calling worker thread
	 */
	protected final boolean isStopping() {
		Run current = this.run;
		return current == null || current.thread != Thread.currentThread() || current.stopping;
	}

	/**
	 * Pause a round, e.g. while there is nothing to do; {@link #stop} cuts the pause short.
	 * @param duration how long
	 * @return whether the loop goes on
	 * @throws InterruptedException if interrupted
	 */
	protected final boolean pause(Duration duration) throws InterruptedException {
		Run current = this.run;
		return current != null && current.thread == Thread.currentThread() && current.pause(duration, this.sleeper);
	}

	private void loop(Run run) {
		Duration retryIn = null;
		try {
			while (!run.stopping) {
				try {
					if (!round()) {
						return;
					}
					retryIn = null;
				}
				catch (InterruptedException ex) {
					throw ex;
				}
				catch (Throwable ex) {
					if (run.stopping) {
						return;
					}
					retryIn = (retryIn != null) ? this.backoff.after(retryIn) : this.backoff.first();
					failed(ex, retryIn);
					run.pause(retryIn, this.sleeper);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			exit(run);
		}
	}

	private void failed(Throwable failure, Duration retryIn) {
		try {
			onFailure(failure, retryIn);
		}
		catch (Throwable ex) {
			logger.error("{} failed, retrying in {} ms", this.name, retryIn.toMillis(), failure);
		}
	}

	private void exit(Run run) {
		try {
			onExit();
		}
		catch (Throwable ex) {
			logger.warn("{} did not clean up: {}", this.name, ex.toString(), ex);
		}
		synchronized (this) {
			if (this.run == run) {
				this.run = null;
			}
		}
	}

	@Override
	public String toString() {
		return "Worker[" + this.name + (isRunning() ? ", running" : "") + "]";
	}

	/**
	 * One start of the worker: its thread, and whether it was asked to stop.
	 */
	private static final class Run {

		final Thread thread;

		volatile boolean stopping;

		// the pause under way, counted down to end it early
		private volatile @Nullable CountDownLatch pause;

		Run(String name, Consumer<Run> loop) {
			this.thread = new Thread(() -> loop.accept(this), name);
			this.thread.setDaemon(true);
		}

		void endPause() {
			CountDownLatch current = this.pause;
			if (current != null) {
				current.countDown();
			}
		}

		boolean pause(Duration duration, Sleeper sleeper) throws InterruptedException {
			CountDownLatch wake = new CountDownLatch(1);
			// published before stopping is read, so that a concurrent stop() either sees it or is seen
			this.pause = wake;
			if (!this.stopping) {
				sleeper.sleep(duration, wake);
			}
			return !this.stopping;
		}

	}

}
