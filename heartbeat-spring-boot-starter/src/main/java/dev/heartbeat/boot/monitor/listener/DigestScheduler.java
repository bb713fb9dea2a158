package dev.heartbeat.boot.monitor.listener;

import java.time.Duration;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import dev.heartbeat.core.time.DelayScheduler;
import dev.heartbeat.core.time.HeartbeatClock;
import dev.heartbeat.core.time.SystemDelayScheduler;

/**
 * What closes the listeners' digest windows: the clock itself when it schedules (a manual clock
 * in tests), otherwise one daemon thread ({@code heartbeat-listener-digests}), started on the
 * first window and stopped by {@link #close()}.
 */
public final class DigestScheduler implements DelayScheduler, AutoCloseable {

	private final DelayScheduler clock;

	// guarded by this
	private SystemDelayScheduler thread;

	// guarded by this
	private boolean closed;

	/**
	 * The digest scheduler of a clock.
	 * @param clock the monitor's clock
	 */
	public DigestScheduler(HeartbeatClock clock) {
		this.clock = (clock instanceof DelayScheduler scheduler) ? scheduler : null;
	}

	@Override
	public Cancellable schedule(Duration delay, Runnable task) {
		return scheduler().schedule(delay, task);
	}

	private synchronized DelayScheduler scheduler() {
		if (this.clock != null) {
			return this.clock;
		}
		if (this.closed) {
			return (delay, task) -> () -> {
			};
		}
		if (this.thread == null) {
			CustomizableThreadFactory threads = new CustomizableThreadFactory("heartbeat-listener-digests-");
			threads.setDaemon(true);
			this.thread = new SystemDelayScheduler(threads);
		}
		return this.thread;
	}

	@Override
	public synchronized void close() {
		this.closed = true;
		if (this.thread != null) {
			this.thread.close();
			this.thread = null;
		}
	}

	@Override
	public String toString() {
		return "the digest scheduler";
	}

}
