package dev.heartbeat.core.schedule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.heartbeat.core.heart.Heart;
import dev.heartbeat.core.heart.HeartConfig;
import dev.heartbeat.core.heart.PublishOutcome;
import dev.heartbeat.core.publish.BeatPublisher;
import dev.heartbeat.core.schedule.internal.Deadline;
import dev.heartbeat.core.schedule.internal.NamedThreadFactory;
import dev.heartbeat.core.schedule.internal.PublisherGroup;
import dev.heartbeat.core.schedule.internal.SafeSchedulerListener;
import dev.heartbeat.core.schedule.internal.TickLoop;
import dev.heartbeat.core.schedule.internal.Watchdog;
import dev.heartbeat.core.status.StatusTracker;
import dev.heartbeat.core.time.DelayScheduler;
import dev.heartbeat.core.time.HeartbeatClock;

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
 * after any beat of a tick in progress, waits at most the shutdown grace (measured on the
 * scheduler's clock) and releases every thread. Starting again after a stop is allowed; double
 * start and double stop do nothing.</li>
 * </ul>
 * Build one with {@link #builder(HeartConfig)}.
 */
public final class BeatScheduler implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(BeatScheduler.class);

	/**
	 * How long stop waits for each thread to end even when the shutdown grace is used up.
	 */
	private static final Duration TERMINATION_FLOOR = Duration.ofMillis(50);

	private final SchedulerConfig config;

	private final HeartbeatClock clock;

	private final @Nullable ThreadFactory threadFactory;

	private final PublisherGroup publishers;

	private final Heart heart;

	private final Watchdog watchdog;

	private final TickLoop loop;

	private BeatScheduler(Builder builder) {
		this.config = builder.config;
		this.clock = builder.clock;
		DelayScheduler timer = (builder.timer != null) ? builder.timer
				: (builder.clock instanceof DelayScheduler manual) ? manual : null;
		this.threadFactory = builder.threadFactory;
		SchedulerListener listener = new SafeSchedulerListener(builder.listeners);
		this.publishers = new PublisherGroup(builder.publishers, this.config.publisherTimeout(), this.clock, listener);
		StatusTracker tracker = (builder.statusTracker != null) ? builder.statusTracker : new StatusTracker(this.clock);
		this.heart = new Heart(withinPeriod(builder.heartConfig, this.config.period()), this.publishers.fanOut(),
				tracker, this.clock);
		this.watchdog = new Watchdog(this.clock, this.config.period(), listener);
		this.loop = new TickLoop(this.config, builder.source, this.heart, this.clock, timer, builder.autoTick,
				this.watchdog, listener);
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
		if (!this.loop.start(this::threadFactory, (timer) -> this.publishers.open(this::threadFactory, timer))) {
			logger.debug("Heartbeat scheduler for {} already started", this.heart.config().process());
			return false;
		}
		logger.info("Heartbeat started for {} every {} to {}", this.heart.config().process(), this.config.period(),
				this.publishers.names());
		return true;
	}

	/**
	 * Stop: no more ticks; send {@code stop} after any beat of a tick in progress; wait at most the
	 * shutdown grace, measured on the scheduler's clock, for it and other in-flight beats; release
	 * every thread.
	 * @return whether {@code stop} was delivered by at least one publisher; {@code false} also if
	 * not running
	 */
	public boolean stop() {
		TickLoop.Stopped stopped = this.loop.stop();
		if (stopped == null) {
			return false;
		}
		Deadline deadline = Deadline.after(this.clock, this.config.shutdownGrace());
		boolean delivered = deadline.await(stopped.stopBeat()) == PublishOutcome.PUBLISHED;
		this.publishers.awaitIdle(deadline);
		List<ExecutorService> closing = new ArrayList<>(this.publishers.close());
		// the loop's timer closes after the publishers: a call ending meanwhile finds them closed, not the timer
		closing.add(0, stopped.release());
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
		return this.loop.isRunning();
	}

	/**
	 * Run a tick now on the loop thread, besides the scheduled ones.
	 * @return the outcome
	 * @throws IllegalStateException if not running
	 */
	public CompletionStage<PublishOutcome> tick() {
		return this.loop.tickOnLoop();
	}

	/**
	 * Run a tick now on the calling thread and wait for its outcome, at most the publisher
	 * timeout (plus the time the source takes).
	 * @return the outcome
	 * @throws IllegalStateException if not running
	 */
	public PublishOutcome tickSync() {
		CompletionStage<PublishOutcome> stage = this.loop.tickHere();
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
		return new SchedulerStats(this.loop.isRunning(), this.loop.ticks(), this.loop.skippedTicks(),
				this.loop.silentTicks(), this.heart.suppressedCount(), this.loop.sourceFailures(), this.watchdog.state(),
				this.watchdog.lastTickAt(), this.heart.lastDelivered().orElse(null), this.loop.nextTickDue(),
				this.publishers.stats());
	}

	private ThreadFactory threadFactory(String name) {
		return (this.threadFactory != null) ? this.threadFactory : new NamedThreadFactory(name);
	}

	private static void awaitTermination(List<ExecutorService> executors, Deadline deadline) {
		for (ExecutorService executor : executors) {
			try {
				// a thread interrupted by shutdownNow ends at once unless its publisher ignores interrupts
				if (!deadline.awaitTermination(executor, TERMINATION_FLOOR)) {
					logger.warn("A heartbeat thread did not end within the shutdown grace; its publisher ignores interrupts");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
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

		private @Nullable StatusTracker statusTracker;

		private HeartbeatClock clock = HeartbeatClock.SYSTEM;

		private @Nullable DelayScheduler timer;

		private @Nullable ThreadFactory threadFactory;

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
