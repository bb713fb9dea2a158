package dev.heartbeat.core.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.heartbeat.core.beat.BeatKind;
import dev.heartbeat.core.heart.PublishOutcome;
import dev.heartbeat.core.heart.Heart;
import dev.heartbeat.core.heart.HeartConfig;
import dev.heartbeat.core.publish.BeatPublisher;
import dev.heartbeat.core.schedule.internal.FanOutPublisher;
import dev.heartbeat.core.schedule.internal.IsolatedPublisher;
import dev.heartbeat.core.schedule.internal.NamedThreadFactory;
import dev.heartbeat.core.schedule.internal.SafeSchedulerListener;
import dev.heartbeat.core.status.StatusTracker;
import dev.heartbeat.core.time.DelayScheduler;
import dev.heartbeat.core.time.HeartbeatClock;
import dev.heartbeat.core.time.SystemDelayScheduler;

/**
 * The heartbeat loop: every period it asks a {@link BeatSource} what to send and fans the beat
 * out to every publisher.
 * <ul>
 * <li>Ticks are aligned to a fixed schedule (start + initial delay + n × period), so no drift
 * accumulates. A tick that falls due while the previous one still runs, or that the timer
 * missed, is skipped and counted instead of run in a burst.</li>
 * <li>Each publisher runs on its own thread with its own timeout and at most one beat in
 * flight; a slow, failing or hung publisher never delays the others or the next tick.</li>
 * <li>A watchdog notices when no tick completed for more than two periods (e.g. the beat
 * source hangs) and reports it through the listener and {@link #stats()}.</li>
 * <li>{@link #start()} sends {@code start/<warmup>}; {@link #stop()} sends {@code stop} once,
 * after any beat of a tick in progress, waits at most the shutdown grace and releases every
 * thread. Starting again after a stop is allowed; double start and double stop do nothing.</li>
 * </ul>
 * Build one with {@link #builder(HeartConfig)}.
 */
public final class BeatScheduler implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(BeatScheduler.class);

	private static final TickDecision SOURCE_FAILED = TickDecision.degraded("UNKNOWN");

	private final SchedulerConfig config;

	private final BeatSource source;

	private final HeartbeatClock clock;

	private final DelayScheduler injectedTimer;

	private final ThreadFactory threadFactory;

	private final boolean autoTick;

	private final SchedulerListener listener;

	private final List<IsolatedPublisher> publishers;

	private final Heart heart;

	private final long periodNanos;

	private final Object lifecycleLock = new Object();

	// guarded by lifecycleLock; null while stopped
	private Run run;

	private final AtomicBoolean tickRunning = new AtomicBoolean();

	private final LongAdder ticks = new LongAdder();

	private final LongAdder skippedTicks = new LongAdder();

	private final LongAdder silentTicks = new LongAdder();

	private final LongAdder sourceFailures = new LongAdder();

	// written by the loop and the timer; read for stats and the watchdog
	private volatile long lastTickCompletedNanos;

	private volatile long lastTickCompletedWall = -1;

	private volatile WatchdogState watchdog = WatchdogState.IDLE;

	private BeatScheduler(Builder builder) {
		this.config = builder.config;
		this.source = builder.source;
		this.clock = builder.clock;
		this.injectedTimer = (builder.timer != null) ? builder.timer
				: (builder.clock instanceof DelayScheduler manual) ? manual : null;
		this.threadFactory = builder.threadFactory;
		this.autoTick = builder.autoTick;
		this.listener = new SafeSchedulerListener(builder.listeners);
		List<IsolatedPublisher> isolated = new ArrayList<>();
		for (BeatPublisher publisher : builder.publishers) {
			isolated.add(new IsolatedPublisher(publisher, this.config.publisherTimeout(), this.clock, this.listener));
		}
		this.publishers = List.copyOf(isolated);
		StatusTracker tracker = (builder.statusTracker != null) ? builder.statusTracker : new StatusTracker(this.clock);
		this.heart = new Heart(withinPeriod(builder.heartConfig, this.config.period()),
				new FanOutPublisher(this.publishers), tracker, this.clock);
		this.periodNanos = this.config.period().toNanos();
	}

	/**
	 * The heart's configuration with its minimum interval capped at half the period. The beat a
	 * tick sends one period after the last is the schedule at work, not a repeat: suppressing it
	 * (a period shorter than the minimum interval) would leave a gap the receiver takes for a
	 * missed beat. Extra ticks ({@link #tick()}) within half a period of a beat are still repeats.
	 */
	private static HeartConfig withinPeriod(HeartConfig heartConfig, Duration period) {
		Duration cap = period.dividedBy(2);
		if (heartConfig.minInterval().compareTo(cap) <= 0) {
			return heartConfig;
		}
		return HeartConfig.from(heartConfig).minInterval(cap).build();
	}

	/**
	 * A builder for the given heart.
	 * @param heartConfig who beats
	 * @return the builder
	 */
	public static Builder builder(HeartConfig heartConfig) {
		return new Builder(heartConfig);
	}

	/**
	 * Start: send {@code start/<warmup>} and begin ticking after the initial delay.
	 * @return {@code false} if already running
	 */
	public boolean start() {
		synchronized (this.lifecycleLock) {
			if (this.run != null) {
				logger.debug("Heartbeat scheduler for {} already started", this.heart.config().process());
				return false;
			}
			Run started = new Run();
			for (IsolatedPublisher publisher : this.publishers) {
				publisher.open(threadFactory("heartbeat-publisher-" + publisher.name()), started.timer);
			}
			this.run = started;
			this.watchdog = WatchdogState.OK;
			this.heart.start(this.config.warmup()).whenComplete((outcome, error) -> {
				if (error != null) {
					logger.warn("Heartbeat start for {} was not delivered: {}", this.heart.config().process(),
							error.getMessage());
				}
			});
			long now = this.clock.monotonicTime();
			started.nextTickNanos = now + this.config.initialDelay().toNanos();
			this.lastTickCompletedNanos = started.nextTickNanos - this.periodNanos;
			if (this.autoTick) {
				started.scheduleNext(now);
			}
			logger.info("Heartbeat started for {} every {} to {}", this.heart.config().process(), this.config.period(),
					this.publishers.stream().map(IsolatedPublisher::name).toList());
			return true;
		}
	}

	/**
	 * Stop: no more ticks; send {@code stop} after any beat of a tick in progress; wait at most the
	 * shutdown grace for it and other in-flight beats; release every thread.
	 * @return whether {@code stop} was delivered by at least one publisher; {@code false} also if
	 * not running
	 */
	public boolean stop() {
		Run stopping;
		CompletionStage<PublishOutcome> stopped;
		synchronized (this.lifecycleLock) {
			stopping = this.run;
			if (stopping == null) {
				return false;
			}
			this.run = null;
			stopping.active = false;
			stopping.cancelTimer();
			this.watchdog = WatchdogState.IDLE;
			// under the lock, so no beat of a running tick can follow it (see runTick)
			stopped = this.heart.stop();
		}
		long deadline = System.nanoTime() + this.config.shutdownGrace().toNanos();
		boolean delivered = awaitDelivered(stopped, deadline);
		for (IsolatedPublisher publisher : this.publishers) {
			try {
				publisher.awaitIdle(remaining(deadline));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		List<ExecutorService> closing = new ArrayList<>();
		closing.add(stopping.loop);
		stopping.loop.shutdownNow();
		for (IsolatedPublisher publisher : this.publishers) {
			ExecutorService executor = publisher.close();
			if (executor != null) {
				closing.add(executor);
			}
		}
		if (stopping.ownedTimer != null) {
			stopping.ownedTimer.close();
		}
		awaitTermination(closing, deadline);
		logger.info("Heartbeat stopped for {} ({})", this.heart.config().process(),
				delivered ? "stop delivered" : "stop NOT delivered");
		return delivered;
	}

	/**
	 * Same as {@link #stop()}.
	 */
	@Override
	public void close() {
		stop();
	}

	/**
	 * Whether the scheduler is started.
	 * @return whether running
	 */
	public boolean isRunning() {
		synchronized (this.lifecycleLock) {
			return this.run != null;
		}
	}

	/**
	 * Run a tick now on the loop thread, besides the scheduled ones.
	 * @return the outcome
	 * @throws IllegalStateException if not running
	 */
	public CompletionStage<PublishOutcome> tick() {
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
	 * Run a tick now on the calling thread and wait for its outcome, at most the publisher
	 * timeout (plus the time the source takes).
	 * @return the outcome
	 * @throws IllegalStateException if not running
	 */
	public PublishOutcome tickSync() {
		CompletionStage<PublishOutcome> stage = runTick(currentRun());
		try {
			return stage.toCompletableFuture().get(this.config.publisherTimeout().toNanos() + 1_000_000,
					TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return PublishOutcome.FAILED;
		}
		catch (ExecutionException | TimeoutException ex) {
			return PublishOutcome.FAILED;
		}
	}

	/**
	 * Time since the last delivered beat.
	 * @return the time, empty if none was delivered
	 */
	public Optional<Duration> timeSinceLastBeat() {
		return this.heart.timeSinceLastBeat();
	}

	/**
	 * The heart that sends this scheduler's beats.
	 * @return the heart
	 */
	public Heart heart() {
		return this.heart;
	}

	/**
	 * The timing configuration.
	 * @return the configuration
	 */
	public SchedulerConfig config() {
		return this.config;
	}

	/**
	 * A snapshot of what the scheduler did.
	 * @return the stats
	 */
	public SchedulerStats stats() {
		Instant nextDue = null;
		boolean running;
		synchronized (this.lifecycleLock) {
			running = this.run != null;
			if (running && this.autoTick) {
				long untilNext = this.run.nextTickNanos - this.clock.monotonicTime();
				nextDue = Instant.ofEpochMilli(this.clock.wallTime()).plusNanos(Math.max(0, untilNext));
			}
		}
		List<PublisherStats> publisherStats = new ArrayList<>(this.publishers.size());
		for (IsolatedPublisher publisher : this.publishers) {
			publisherStats.add(publisher.stats());
		}
		long lastWall = this.lastTickCompletedWall;
		return new SchedulerStats(running, this.ticks.sum(), this.skippedTicks.sum(), this.silentTicks.sum(),
				this.heart.suppressedCount(), this.sourceFailures.sum(), this.watchdog,
				(lastWall >= 0) ? Instant.ofEpochMilli(lastWall) : null, this.heart.lastDelivered().orElse(null),
				nextDue, List.copyOf(publisherStats));
	}

	private Run currentRun() {
		synchronized (this.lifecycleLock) {
			if (this.run == null) {
				throw new IllegalStateException(
						"Heartbeat scheduler for " + this.heart.config().process() + " is not started");
			}
			return this.run;
		}
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
			synchronized (this.lifecycleLock) {
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
			this.lastTickCompletedNanos = this.clock.monotonicTime();
			this.lastTickCompletedWall = this.clock.wallTime();
			if (this.watchdog == WatchdogState.STALLED && current.active) {
				this.watchdog = WatchdogState.OK;
				logger.info("Heartbeat loop recovered");
				this.listener.onWatchdogRecovered(Duration.ofNanos(this.clock.monotonicTime() - current.stalledSince));
			}
		}
	}

	private void checkWatchdog(Run current, long now) {
		long sinceLastTick = now - this.lastTickCompletedNanos;
		if (sinceLastTick > 2 * this.periodNanos && this.watchdog == WatchdogState.OK) {
			this.watchdog = WatchdogState.STALLED;
			current.stalledSince = this.lastTickCompletedNanos;
			logger.warn("Heartbeat loop stalled: no tick completed for {} ms (period {})", sinceLastTick / 1_000_000,
					this.config.period());
			this.listener.onWatchdogStalled(Duration.ofNanos(sinceLastTick));
		}
	}

	private ThreadFactory threadFactory(String name) {
		return (this.threadFactory != null) ? this.threadFactory : new NamedThreadFactory(name);
	}

	private static boolean awaitDelivered(CompletionStage<PublishOutcome> stage, long deadline) {
		try {
			return stage.toCompletableFuture().get(remaining(deadline).toNanos(), TimeUnit.NANOSECONDS) == PublishOutcome.PUBLISHED;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (ExecutionException | TimeoutException ex) {
			return false;
		}
	}

	private static void awaitTermination(List<ExecutorService> executors, long deadline) {
		for (ExecutorService executor : executors) {
			try {
				// a thread interrupted by shutdownNow ends at once unless its publisher ignores interrupts
				if (!executor.awaitTermination(Math.max(remaining(deadline).toNanos(), 50_000_000L),
						TimeUnit.NANOSECONDS)) {
					logger.warn("A heartbeat thread did not end within the shutdown grace; its publisher ignores interrupts");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private static Duration remaining(long deadline) {
		return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
	}

	/**
	 * Everything that lives from one start to its stop.
	 */
	private final class Run {

		final SystemDelayScheduler ownedTimer;

		final DelayScheduler timer;

		final ExecutorService loop;

		// read by runTick under lifecycleLock, written under it by stop
		volatile boolean active = true;

		// guarded by lifecycleLock for stats; written by the timer thread
		volatile long nextTickNanos;

		volatile long stalledSince;

		// guarded by this
		private DelayScheduler.Cancellable timerHandle;

		Run() {
			if (BeatScheduler.this.injectedTimer != null) {
				this.ownedTimer = null;
				this.timer = BeatScheduler.this.injectedTimer;
			}
			else {
				this.ownedTimer = new SystemDelayScheduler(threadFactory("heartbeat-timer"));
				this.timer = this.ownedTimer;
			}
			this.loop = Executors.newSingleThreadExecutor(threadFactory("heartbeat-loop"));
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
			long now = BeatScheduler.this.clock.monotonicTime();
			checkWatchdog(this, now);
			if (BeatScheduler.this.tickRunning.compareAndSet(false, true)) {
				try {
					this.loop.execute(() -> {
						try {
							runTick(this);
						}
						finally {
							BeatScheduler.this.tickRunning.set(false);
						}
					});
				}
				catch (RejectedExecutionException ex) {
					BeatScheduler.this.tickRunning.set(false);
					return;
				}
			}
			else {
				skip(1);
			}
			long next = this.nextTickNanos + BeatScheduler.this.periodNanos;
			if (next <= now) {
				long missed = (now - next) / BeatScheduler.this.periodNanos + 1;
				next += missed * BeatScheduler.this.periodNanos;
				skip(missed);
			}
			this.nextTickNanos = next;
			scheduleNext(now);
		}

		private void skip(long count) {
			BeatScheduler.this.skippedTicks.add(count);
			logger.debug("Heartbeat loop overran: skipped {} tick(s)", count);
			BeatScheduler.this.listener.onTicksSkipped(count);
		}

	}

	/**
	 * Builder of {@link BeatScheduler}.
	 */
	public static final class Builder {

		private final HeartConfig heartConfig;

		private SchedulerConfig config = SchedulerConfig.ofDefaults();

		private final List<BeatPublisher> publishers = new ArrayList<>();

		private BeatSource source = BeatSource.ALWAYS_UP;

		private StatusTracker statusTracker;

		private HeartbeatClock clock = HeartbeatClock.SYSTEM;

		private DelayScheduler timer;

		private ThreadFactory threadFactory;

		private final List<SchedulerListener> listeners = new ArrayList<>();

		private boolean autoTick = true;

		private Builder(HeartConfig heartConfig) {
			this.heartConfig = Objects.requireNonNull(heartConfig, "heartConfig");
		}

		/**
		 * The timing configuration; defaults to {@link SchedulerConfig#ofDefaults()}.
		 * @param config the configuration
		 * @return this builder
		 */
		public Builder config(SchedulerConfig config) {
			this.config = Objects.requireNonNull(config, "config");
			return this;
		}

		/**
		 * Add a publisher, synchronous or asynchronous.
		 * @param publisher the publisher
		 * @return this builder
		 */
		public Builder publisher(BeatPublisher publisher) {
			this.publishers.add(Objects.requireNonNull(publisher, "publisher"));
			return this;
		}

		/**
		 * Add publishers.
		 * @param publishers the publishers
		 * @return this builder
		 */
		public Builder publishers(Iterable<? extends BeatPublisher> publishers) {
			publishers.forEach(this::publisher);
			return this;
		}

		/**
		 * What to send on each tick; defaults to always {@code beat}.
		 * @param source the source
		 * @return this builder
		 */
		public Builder beatSource(BeatSource source) {
			this.source = Objects.requireNonNull(source, "source");
			return this;
		}

		/**
		 * The run status tracker whose status every beat carries; defaults to a new one.
		 * @param statusTracker the tracker
		 * @return this builder
		 */
		public Builder statusTracker(StatusTracker statusTracker) {
			this.statusTracker = Objects.requireNonNull(statusTracker, "statusTracker");
			return this;
		}

		/**
		 * The clock; defaults to the system clock. A clock that is also a {@link DelayScheduler}
		 * (such as {@code ManualClock}) schedules the ticks and timeouts too, unless
		 * {@link #delayScheduler} is given.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(HeartbeatClock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/**
		 * Where ticks and timeouts are scheduled; defaults to a thread of the scheduler's own.
		 * @param timer the delay scheduler
		 * @return this builder
		 */
		public Builder delayScheduler(DelayScheduler timer) {
			this.timer = Objects.requireNonNull(timer, "timer");
			return this;
		}

		/**
		 * Where threads come from; defaults to daemon threads named {@code heartbeat-*}.
		 * @param threadFactory the factory
		 * @return this builder
		 */
		public Builder threadFactory(ThreadFactory threadFactory) {
			this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
			return this;
		}

		/**
		 * Add a listener.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(SchedulerListener listener) {
			this.listeners.add(Objects.requireNonNull(listener, "listener"));
			return this;
		}

		/**
		 * Do not tick on a timer: the caller drives the loop with {@link BeatScheduler#tick()} or
		 * {@link BeatScheduler#tickSync()} (no watchdog then).
		 * @return this builder
		 */
		public Builder manualTicks() {
			this.autoTick = false;
			return this;
		}

		/**
		 * Build the scheduler.
		 * @return the scheduler, not started
		 * @throws IllegalStateException if there is no publisher
		 * @throws IllegalArgumentException if two publishers share a name
		 */
		public BeatScheduler build() {
			if (this.publishers.isEmpty()) {
				throw new IllegalStateException("At least one publisher is required (for example new LogPublisher())");
			}
			Set<String> names = new HashSet<>();
			for (BeatPublisher publisher : this.publishers) {
				if (!names.add(publisher.name())) {
					throw new IllegalArgumentException("Two publishers are named '" + publisher.name()
							+ "'; override BeatPublisher.name() to tell them apart");
				}
			}
			return new BeatScheduler(this);
		}

	}

}
