package dev.heartbeat.core.schedule.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.heartbeat.core.beat.BeatKind;
import dev.heartbeat.core.heart.Heart;
import dev.heartbeat.core.heart.PublishOutcome;
import dev.heartbeat.core.schedule.BeatSource;
import dev.heartbeat.core.schedule.SchedulerConfig;
import dev.heartbeat.core.schedule.SchedulerListener;
import dev.heartbeat.core.schedule.TickDecision;
import dev.heartbeat.core.time.DelayScheduler;
import dev.heartbeat.core.time.HeartbeatClock;
import dev.heartbeat.core.time.SystemDelayScheduler;

/**
 * The scheduler's run loop. {@link #start} sends {@code start} and ticks on a fixed schedule
 * (start + initial delay + n × period, so no drift accumulates) until {@link #stop}, which sends
 * {@code stop} after any beat of a tick in progress. Each tick asks the beat source what to send
 * and sends it through the heart, on the loop thread. A tick that falls due while the previous
 * one still runs, or that the timer missed, is skipped and counted instead of run in a burst.
 * Nothing a tick or the timer throws ends the loop.
 */
public final class TickLoop {

	// the scheduler's logger: the one users configure
	// under the scheduler's logger name, so that users' log settings for the scheduler apply
	private static final Logger logger = LoggerFactory.getLogger("dev.heartbeat.core.schedule.BeatScheduler");

	private static final TickDecision SOURCE_FAILED = TickDecision.degraded("UNKNOWN");

	private final SchedulerConfig config;

	private final long periodNanos;

	private final BeatSource source;

	private final Heart heart;

	private final HeartbeatClock clock;

	private final @Nullable DelayScheduler injectedTimer;

	private final boolean autoTick;

	private final Watchdog watchdog;

	private final SchedulerListener listener;

	// guarded by this; null while stopped
	private @Nullable Run run;

	private final AtomicBoolean tickRunning = new AtomicBoolean();

	private final LongAdder ticks = new LongAdder();

	private final LongAdder skippedTicks = new LongAdder();

	private final LongAdder silentTicks = new LongAdder();

	private final LongAdder sourceFailures = new LongAdder();

	/**
	 * A loop, stopped.
	 * @param config the timing
	 * @param source what to send on each tick
	 * @param heart sends the beats
	 * @param clock the clock
	 * @param injectedTimer where ticks are scheduled, or {@code null} for a thread of each run's own
	 * @param autoTick whether to tick on the timer, or only when asked to
	 * @param watchdog checked on every timer firing and told of every completed tick
	 * @param listener told of skipped ticks and source failures; must not throw
	 */
	public TickLoop(SchedulerConfig config, BeatSource source, Heart heart, HeartbeatClock clock,
			@Nullable DelayScheduler injectedTimer, boolean autoTick, Watchdog watchdog, SchedulerListener listener) {
		this.config = config;
		this.periodNanos = config.period().toNanos();
		this.source = source;
		this.heart = heart;
		this.clock = clock;
		this.injectedTimer = injectedTimer;
		this.autoTick = autoTick;
		this.watchdog = watchdog;
		this.listener = listener;
	}

	/**
	 * Start a run: its timer (the injected one or a thread of its own) and its loop thread; then
	 * {@code opening}, given the run's timer; then send {@code start} and schedule the first tick.
	 * @param threads where the thread of the given name comes from
	 * @param opening readies the publishers
	 * @return {@code false} if already running
	 */
	public synchronized boolean start(Function<String, ThreadFactory> threads, Consumer<DelayScheduler> opening) {
		if (this.run != null) {
			return false;
		}
		Run started = new Run(threads);
		opening.accept(started.timer);
		this.run = started;
		this.heart.start(this.config.warmup()).whenComplete((outcome, error) -> {
			if (error != null) {
				logger.warn("Heartbeat start for {} was not delivered: {}", this.heart.config().process(),
						error.getMessage());
			}
		});
		long now = this.clock.monotonicTime();
		started.nextTickNanos = now + this.config.initialDelay().toNanos();
		this.watchdog.start(started.nextTickNanos);
		if (this.autoTick) {
			started.scheduleNext(now);
		}
		return true;
	}

	/**
	 * Stop the run: no more ticks; send {@code stop}, under the lock a tick sends under, so that
	 * no beat of a tick in progress can follow it.
	 * @return the stopped run, or {@code null} if not running
	 */
	public @Nullable Stopped stop() {
		synchronized (this) {
			Run stopping = this.run;
			if (stopping == null) {
				return null;
			}
			this.run = null;
			stopping.active = false;
			stopping.cancelTimer();
			this.watchdog.stop();
			return new Stopped(this.heart.stop(), stopping);
		}
	}

	/**
	 * Whether a run is going.
	 * @return whether running
	 */
	public synchronized boolean isRunning() {
		return this.run != null;
	}

	/**
	 * Run a tick now on the loop thread, besides the scheduled ones.
	 * @return the outcome; never completes exceptionally
	 * @throws IllegalStateException if not running
	 */
	public CompletionStage<PublishOutcome> tickOnLoop() {
		Run current = currentRun();
		try {
			return CompletableFuture.supplyAsync(() -> runTick(current), current.loop)
				.thenCompose((stage) -> stage)
				.handle((outcome, error) -> (error != null) ? PublishOutcome.FAILED : outcome);
		}
		catch (RejectedExecutionException ex) {
			return CompletableFuture.completedFuture(PublishOutcome.FAILED);
		}
	}

	/**
	 * Run a tick now on the calling thread.
	 * @return the outcome
	 * @throws IllegalStateException if not running
	 */
	public CompletionStage<PublishOutcome> tickHere() {
		return runTick(currentRun());
	}

	/**
	 * When the next scheduled tick is due.
	 * @return the wall time, or {@code null} if not running or ticking only when asked to
	 */
	public synchronized @Nullable Instant nextTickDue() {
		if (this.run == null || !this.autoTick) {
			return null;
		}
		long untilNext = this.run.nextTickNanos - this.clock.monotonicTime();
		return Instant.ofEpochMilli(this.clock.wallTime()).plusNanos(Math.max(0, untilNext));
	}

	/**
	 * Ticks run, by the timer or on request.
	 * @return the count
	 */
	public long ticks() {
		return this.ticks.sum();
	}

	/**
	 * Ticks skipped because the previous one still ran or the timer missed them.
	 * @return the count
	 */
	public long skippedTicks() {
		return this.skippedTicks.sum();
	}

	/**
	 * Ticks on which the source wanted nothing sent.
	 * @return the count
	 */
	public long silentTicks() {
		return this.silentTicks.sum();
	}

	/**
	 * Ticks on which the source failed.
	 * @return the count
	 */
	public long sourceFailures() {
		return this.sourceFailures.sum();
	}

	private synchronized Run currentRun() {
		if (this.run == null) {
			throw new IllegalStateException(
					"Heartbeat scheduler for " + this.heart.config().process() + " is not started");
		}
		return this.run;
	}

	private CompletionStage<PublishOutcome> runTick(Run current) {
		try {
			TickDecision decision;
			try {
				decision = this.source.decide();
				if (decision == null) {
					throw new IllegalStateException("beat source " + this.source + " returned null");
				}
			}
			catch (Throwable ex) {
				this.sourceFailures.increment();
				logger.warn("Heartbeat source failed; sending degraded: {}", ex.toString());
				this.listener.onBeatSourceFailed(ex);
				decision = SOURCE_FAILED;
			}
			if (decision.kind() == TickDecision.Kind.SILENT) {
				this.silentTicks.increment();
				return CompletableFuture.completedFuture(PublishOutcome.SILENT);
			}
			BeatKind kind = (decision.kind() == TickDecision.Kind.BEAT) ? BeatKind.BEAT : BeatKind.DEGRADED;
			CompletionStage<PublishOutcome> stage;
			synchronized (this) {
				if (!current.active) {
					// stopped while the source was deciding: a beat must never follow stop
					return CompletableFuture.completedFuture(PublishOutcome.SILENT);
				}
				stage = this.heart.send(kind, this.config.period(), decision.health());
			}
			if (stage.toCompletableFuture().getNow(null) == PublishOutcome.SUPPRESSED) {
				this.listener.onBeatSuppressed(kind);
			}
			return stage;
		}
		finally {
			this.ticks.increment();
			this.watchdog.tickCompleted(current.active);
		}
	}

	/**
	 * A run that was stopped: the {@code stop} beat on its way, and the threads to release once
	 * it went out.
	 */
	public static final class Stopped {

		private final CompletionStage<PublishOutcome> stopBeat;

		private final Run run;

		private Stopped(CompletionStage<PublishOutcome> stopBeat, Run run) {
			this.stopBeat = stopBeat;
			this.run = run;
		}

		/**
		 * What became of the {@code stop} beat.
		 * @return its outcome
		 */
		public CompletionStage<PublishOutcome> stopBeat() {
			return this.stopBeat;
		}

		/**
		 * Interrupt the loop thread and close the run's own timer.
		 * @return the loop thread's executor, shut down, to await its termination
		 */
		public ExecutorService release() {
			this.run.loop.shutdownNow();
			if (this.run.ownedTimer != null) {
				this.run.ownedTimer.close();
			}
			return this.run.loop;
		}

	}

	/**
	 * Everything that lives from one start to its stop.
	 */
	private final class Run {

		final @Nullable SystemDelayScheduler ownedTimer;

		final DelayScheduler timer;

		final ExecutorService loop;

		// read by runTick under the loop's lock, written under it by stop
		volatile boolean active = true;

		// read under the loop's lock for stats; written by the timer thread
		volatile long nextTickNanos;

		// guarded by this
		private DelayScheduler.@Nullable Cancellable timerHandle;

		Run(Function<String, ThreadFactory> threads) {
			if (TickLoop.this.injectedTimer != null) {
				this.ownedTimer = null;
				this.timer = TickLoop.this.injectedTimer;
			}
			else {
				this.ownedTimer = new SystemDelayScheduler(threads.apply("heartbeat-timer"));
				this.timer = this.ownedTimer;
			}
			this.loop = Executors.newSingleThreadExecutor(threads.apply("heartbeat-loop"));
		}

		void scheduleNext(long now) {
			synchronized (this) {
				if (this.active) {
					this.timerHandle = this.timer.schedule(Duration.ofNanos(this.nextTickNanos - now), this::onTimer);
				}
			}
		}

		void cancelTimer() {
			synchronized (this) {
				if (this.timerHandle != null) {
					this.timerHandle.cancel();
				}
			}
		}

		private void onTimer() {
			if (!this.active) {
				return;
			}
			long now = TickLoop.this.clock.monotonicTime();
			try {
				TickLoop.this.watchdog.check(now);
				if (!submitTick()) {
					return; // the loop thread is gone: stopped
				}
			}
			catch (Throwable ex) {
				logger.warn("Heartbeat timer failed; ticking on", ex);
			}
			long next = this.nextTickNanos + TickLoop.this.periodNanos;
			if (next <= now) {
				long missed = (now - next) / TickLoop.this.periodNanos + 1;
				next += missed * TickLoop.this.periodNanos;
				skip(missed);
			}
			this.nextTickNanos = next;
			scheduleNext(now);
		}

		/**
		 * Hand a tick to the loop thread, or skip it if the previous one still runs.
		 * @return {@code false} if the loop thread no longer takes work
		 */
		private boolean submitTick() {
			if (!TickLoop.this.tickRunning.compareAndSet(false, true)) {
				skip(1);
				return true;
			}
			try {
				this.loop.execute(() -> {
					try {
						runTick(this);
					}
					catch (Throwable ex) {
						logger.warn("Heartbeat tick failed", ex);
					}
					finally {
						TickLoop.this.tickRunning.set(false);
					}
				});
				return true;
			}
			catch (RejectedExecutionException ex) {
				TickLoop.this.tickRunning.set(false);
				return false;
			}
			catch (Throwable ex) {
				TickLoop.this.tickRunning.set(false);
				throw ex;
			}
		}

		private void skip(long count) {
			TickLoop.this.skippedTicks.add(count);
			logger.debug("Heartbeat loop overran: skipped {} tick(s)", count);
			TickLoop.this.listener.onTicksSkipped(count);
		}

	}

}
