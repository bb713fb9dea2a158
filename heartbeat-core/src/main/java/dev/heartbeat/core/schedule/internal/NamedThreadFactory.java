package dev.heartbeat.core.schedule.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads with a readable name, so a thread dump tells what each heartbeat thread does.
 */
public final class NamedThreadFactory implements ThreadFactory {

	private final String prefix;

	private final AtomicInteger count = new AtomicInteger();

	/**
	 * Threads named {@code <prefix>-<n>}.
	 * @param prefix the prefix
	 */
	public NamedThreadFactory(String prefix) {
		this.prefix = prefix;
	}

	@Override
	public Thread newThread(Runnable task) {
		Thread thread = new Thread(task, this.prefix + "-" + this.count.incrementAndGet());
		thread.setDaemon(true);
		return thread;
	}

}
