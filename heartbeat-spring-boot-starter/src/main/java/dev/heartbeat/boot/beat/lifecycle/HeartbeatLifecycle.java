package dev.heartbeat.boot.beat.lifecycle;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;

import dev.heartbeat.core.schedule.BeatScheduler;
import dev.heartbeat.core.time.HeartbeatClock;

/**
 * Starts the beat scheduler when the application is ready, and stops it (sending {@code stop})
 * at the start of shutdown.
 * <p>
 * {@code start/<warmup>} goes out on {@link ApplicationReadyEvent}, not on context refresh: a
 * monitor should not count a process as started before it can work. Stop runs in
 * {@link #PHASE}, before the web server's graceful shutdown and long before any bean is
 * destroyed, so the {@code stop} beat goes out while the Kafka producer (closed when its bean is
 * destroyed) still runs.
 */
public final class HeartbeatLifecycle implements SmartLifecycle, ApplicationListener<ApplicationReadyEvent> {

	/**
	 * The phase: stopped after message listener containers ({@code DEFAULT_PHASE - 100}) and
	 * before the web server's graceful shutdown ({@code DEFAULT_PHASE - 1024}).
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	private final BeatScheduler scheduler;

	private final HeartbeatClock clock;

	private final Object lock = new Object();

	// guarded by lock: the context is started (between start() and stop())
	private boolean running;

	// guarded by lock: the application reported ready at least once
	private boolean ready;

	// monotonic time the scheduler last started, or null while it does not beat
	private volatile @Nullable Long beatingSince;

	/**
	 * Create the lifecycle.
	 * @param scheduler the scheduler to start and stop
	 * @param clock the clock
	 */
	public HeartbeatLifecycle(BeatScheduler scheduler, HeartbeatClock clock) {
		this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	@Override
	public void start() {
		synchronized (this.lock) {
			this.running = true;
			if (this.ready) {
				startBeating();
			}
		}
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		synchronized (this.lock) {
			this.ready = true;
			if (this.running) {
				startBeating();
			}
		}
	}

	// called with lock held
	private void startBeating() {
		if (this.scheduler.start()) {
			this.beatingSince = this.clock.monotonicTime();
		}
	}

	@Override
	public void stop() {
		synchronized (this.lock) {
			this.running = false;
			this.beatingSince = null;
		}
		// outside the lock: waits at most the shutdown grace for the stop beat
		this.scheduler.stop();
	}

	@Override
	public boolean isRunning() {
		synchronized (this.lock) {
			return this.running;
		}
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * How long the scheduler has been beating since it last started.
	 * @return the time, empty while it does not beat
	 */
	public Optional<Duration> beatingFor() {
		Long since = this.beatingSince;
		return (since != null) ? Optional.of(Duration.ofNanos(this.clock.monotonicTime() - since)) : Optional.empty();
	}

}
