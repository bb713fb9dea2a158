package dev.heartbeat.boot.monitor.listener;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.heartbeat.boot.support.internal.Backoff;
import dev.heartbeat.boot.support.internal.Sleeper;
import dev.heartbeat.boot.support.internal.Worker;
import dev.heartbeat.core.monitor.MonitorEvent;
import dev.heartbeat.core.time.DelayScheduler;

/**
 * One listener's own delivery line: a bounded queue, a worker thread, and per attempt a timeout,
 * so that a listener that fails or hangs delays nobody but itself.
 * <p>
 * {@link #offer} never blocks: when the queue is full the oldest event is dropped (and counted).
 * The worker sends events in order; an attempt that throws or outlives the timeout (it is then
 * interrupted and abandoned) is retried after a backoff that doubles each time, up to the
 * configured number of retries, then given up and logged.
 * <p>
 * With a {@linkplain Config#digest() digest} window, events wait in the window instead and go
 * into the queue together, as one {@link Digest}, when it closes (a window with a single event
 * sends it as it is). The counters always count events, not messages.
 */
public final class ListenerChannel {

	/**
	 * Events queued per listener before the oldest is dropped.
	 */
	public static final int DEFAULT_CAPACITY = 1000;

	// calls stuck in a sink that ignores interruption; past this many, attempts fail at once
	private static final int MAX_ABANDONED_CALLS = 4;

	private static final long MAX_BACKOFF_NANOS = Duration.ofMinutes(5).toNanos();

	private static final Logger logger = LoggerFactory.getLogger(ListenerChannel.class);

	private final String name;

	private final EventMatcher matcher;

	private final EventSink sink;

	private final Duration timeout;

	private final int retries;

	private final Duration backoff;

	private final ArrayBlockingQueue<Delivery> queue;

	private final DeliveryStats stats = new DeliveryStats();

	private final Worker worker;

	// null without a digest window
	private final DigestWindow digest;

	// guarded by this
	private @Nullable ThreadPoolExecutor calls;

	/**
	 * A channel.
	 * @param name the listener's name
	 * @param matcher which events it gets
	 * @param sink where they go
	 * @param config timeout, retries, back-off and queue capacity
	 */
	public ListenerChannel(String name, EventMatcher matcher, EventSink sink, Config config) {
		this(name, matcher, sink, config, null);
	}

	/**
	 * A channel whose digest window, if its configuration has one, is closed by a scheduler.
	 * @param name the listener's name
	 * @param matcher which events it gets
	 * @param sink where they go
	 * @param config timeout, retries, back-off, queue capacity and digest window
	 * @param scheduler what closes the digest windows; may be {@code null} without a window
	 */
	public ListenerChannel(String name, EventMatcher matcher, EventSink sink, Config config,
			DelayScheduler scheduler) {
		this.name = Objects.requireNonNull(name, "name");
		this.matcher = Objects.requireNonNull(matcher, "matcher");
		this.sink = Objects.requireNonNull(sink, "sink");
		Objects.requireNonNull(config, "config");
		this.timeout = config.timeout();
		this.retries = config.retries();
		this.backoff = config.backoff();
		this.queue = new ArrayBlockingQueue<>(config.capacity());
		this.worker = new Delivering();
		this.digest = config.digest().isZero() ? null
				: new DigestWindow(config.digest(), Objects.requireNonNull(scheduler, "scheduler"), config.capacity(),
						(events) -> enqueue(new Delivery(events)), () -> this.stats.onDropped(1));
	}

	/**
	 * The listener's name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The counters of this channel.
	 * @return the stats
	 */
	public DeliveryStats stats() {
		return this.stats;
	}

	/**
	 * Events waiting.
	 * @return the queue length
	 */
	public int queued() {
		return this.queue.size();
	}

	/**
	 * Whether this listener gets an event.
	 * @param eventName the event name
	 * @return whether it matches
	 */
	public boolean matches(String eventName) {
		return this.matcher.matches(eventName);
	}

	/**
	 * Queue an event; never blocks. When the queue is full, the oldest waiting event is dropped.
	 * @param event the event
	 * @param values its placeholder values
	 */
	public void offer(MonitorEvent event, EventValues values) {
		offer(event, values, null);
	}

	// an event whose completion, if any, is told when this channel is done with it
	void offer(MonitorEvent event, EventValues values, @Nullable Completion completion) {
		Digest.Entry entry = new Digest.Entry(event, values, completion);
		if (this.digest == null) {
			enqueue(new Delivery(List.of(entry)));
		}
		else if (!this.digest.add(entry)) {
			this.stats.onDropped(1);
			entry.done(false);
		}
	}

	/**
	 * Events held in the open digest window, not yet queued.
	 * @return the count, 0 without a digest window
	 */
	public int digesting() {
		return (this.digest != null) ? this.digest.held() : 0;
	}

	private void enqueue(Delivery delivery) {
		while (!this.queue.offer(delivery)) {
			Delivery oldest = this.queue.poll();
			if (oldest != null) {
				this.stats.onDropped(oldest.size());
				oldest.done(false);
			}
		}
	}

	/**
	 * Start the worker ({@code heartbeat-listener-<name>}).
	 * @param threadFactory where the threads of the attempts come from
	 */
	public synchronized void start(ThreadFactory threadFactory) {
		if (this.worker.isRunning()) {
			return;
		}
		this.calls = new ThreadPoolExecutor(0, MAX_ABANDONED_CALLS + 1, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
				threadFactory);
		this.worker.start();
	}

	/**
	 * Stop the worker; events still waiting are dropped.
	 * @param grace how long to wait for the worker to end
	 */
	public void stop(Duration grace) {
		ThreadPoolExecutor stoppingCalls;
		synchronized (this) {
			stoppingCalls = this.calls;
			this.calls = null;
		}
		if (this.digest != null) {
			this.stats.onDropped(this.digest.stop());
		}
		this.worker.stop(grace);
		if (stoppingCalls != null) {
			stoppingCalls.shutdownNow();
		}
		for (Delivery left = this.queue.poll(); left != null; left = this.queue.poll()) {
			this.stats.onDropped(left.size());
			left.done(false);
		}
		try {
			this.sink.close();
		}
		catch (RuntimeException ex) {
			logger.warn("Closing heartbeat listener '{}' failed", this.name, ex);
		}
	}

	private @Nullable Throwable attempt(Delivery delivery) {
		ThreadPoolExecutor executor;
		synchronized (this) {
			executor = this.calls;
		}
		if (executor == null) {
			return new IllegalStateException("stopped");
		}
		Future<?> call;
		try {
			call = executor.submit(() -> {
				delivery.sendTo(this.sink, this.timeout);
				return null;
			});
		}
		catch (RejectedExecutionException ex) {
			this.stats.onError();
			return new IllegalStateException(
					"too many earlier attempts are still hanging (" + MAX_ABANDONED_CALLS + ")", ex);
		}
		try {
			call.get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
			return null;
		}
		catch (TimeoutException ex) {
			call.cancel(true);
			this.stats.onTimeout();
			return new TimeoutException("no answer within " + this.timeout);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (isTimeout(cause)) {
				this.stats.onTimeout();
			}
			else {
				this.stats.onError();
			}
			return cause;
		}
		catch (InterruptedException ex) {
			call.cancel(true);
			return ex;
		}
	}

	private static boolean isTimeout(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException
					|| cause instanceof org.apache.kafka.common.errors.TimeoutException) {
				return true;
			}
		}
		return false;
	}

	private static String describe(Throwable failure) {
		String message = failure.getMessage();
		return failure.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

	@Override
	public String toString() {
		return "ListenerChannel[" + this.name + ", " + this.sink + ", " + this.matcher + "]";
	}

	/**
	 * What one round delivers: an event, or the events of a digest window.
	 */
	private record Delivery(List<Digest.Entry> events) {

		int size() {
			return this.events.size();
		}

		void sendTo(EventSink sink, Duration timeout) throws Exception {
			if (this.events.size() == 1) {
				Digest.Entry event = this.events.get(0);
				sink.send(event.event(), event.values(), timeout);
			}
			else {
				sink.send(new Digest(this.events), timeout);
			}
		}

		String describe() {
			return (this.events.size() == 1) ? this.events.get(0).event().eventName()
					: "a digest of " + this.events.size() + " events";
		}

		// tell the events' completions that this channel is done with them
		void done(boolean tried) {
			for (Digest.Entry event : this.events) {
				event.done(tried);
			}
		}

	}

	/**
	 * The channel's thread: one event a round, attempted until delivered or given up.
	 */
	private final class Delivering extends Worker {

		Delivering() {
			// deliver() handles every failure of its own; a round never fails
			super("heartbeat-listener-" + ListenerChannel.this.name, Backoff.fixed(Duration.ZERO), Sleeper.SYSTEM);
		}

		@Override
		protected boolean round() {
			Delivery delivery;
			try {
				delivery = ListenerChannel.this.queue.take();
			}
			catch (InterruptedException ex) {
				// stop() interrupts the wait; the loop ends if it was that
				return true;
			}
			boolean tried = false;
			try {
				tried = deliver(delivery);
			}
			catch (Throwable ex) {
				// never let the worker die
				logger.error("Heartbeat listener '{}' failed unexpectedly on {}", ListenerChannel.this.name,
						delivery.describe(), ex);
			}
			finally {
				delivery.done(tried);
			}
			return true;
		}

		@Override
		protected void wakeUp(Thread worker) {
			worker.interrupt();
		}

		// whether the events were tried to the end: delivered, or given up after the retries
		private boolean deliver(Delivery delivery) {
			DeliveryStats stats = ListenerChannel.this.stats;
			long waitNanos = ListenerChannel.this.backoff.toNanos();
			for (int attempt = 0;; attempt++) {
				Throwable failure = attempt(delivery);
				if (failure == null) {
					stats.onDelivered(delivery.size());
					return true;
				}
				if (isStopping()) {
					stats.onDropped(delivery.size());
					return false;
				}
				if (attempt >= ListenerChannel.this.retries) {
					stats.onFailed(delivery.size());
					logger.warn("Heartbeat listener '{}' ({}) gave up on {} after {} attempt(s): {}",
							ListenerChannel.this.name, ListenerChannel.this.sink, delivery.describe(), attempt + 1,
							describe(failure));
					return true;
				}
				logger.debug("Heartbeat listener '{}' attempt {} on {} failed, retrying in {} ms", ListenerChannel.this.name,
						attempt + 1, delivery.describe(), waitNanos / 1_000_000, failure);
				try {
					if (!pause(Duration.ofNanos(waitNanos))) {
						stats.onDropped(delivery.size());
						return false;
					}
				}
				catch (InterruptedException ex) {
					stats.onDropped(delivery.size());
					return false;
				}
				waitNanos = Math.min(waitNanos * 2, MAX_BACKOFF_NANOS);
			}
		}

	}

	/**
	 * How a channel delivers.
	 *
	 * @param timeout how long one attempt may take
	 * @param retries how often a failed attempt is retried
	 * @param backoff the wait before the first retry, doubled for each further one
	 * @param capacity how many events may wait
	 * @param digest the digest window, {@link Duration#ZERO} to send every event at once
	 */
	public record Config(Duration timeout, int retries, Duration backoff, int capacity, Duration digest) {

		/**
		 * A configuration.
		 * @param timeout how long one attempt may take
		 * @param retries how often a failed attempt is retried
		 * @param backoff the wait before the first retry, doubled for each further one
		 * @param capacity how many events may wait
		 * @param digest the digest window, {@link Duration#ZERO} to send every event at once
		 */
		public Config {
			Objects.requireNonNull(timeout, "timeout");
			Objects.requireNonNull(backoff, "backoff");
			Objects.requireNonNull(digest, "digest");
		}

		/**
		 * A configuration without a digest window.
		 * @param timeout how long one attempt may take
		 * @param retries how often a failed attempt is retried
		 * @param backoff the wait before the first retry, doubled for each further one
		 * @param capacity how many events may wait
		 */
		public Config(Duration timeout, int retries, Duration backoff, int capacity) {
			this(timeout, retries, backoff, capacity, Duration.ZERO);
		}

		/**
		 * One attempt per event, {@link ListenerChannel#DEFAULT_CAPACITY} events queued.
		 * @param timeout how long the attempt may take
		 * @return the configuration
		 */
		public static Config once(Duration timeout) {
			return new Config(timeout, 0, Duration.ZERO, DEFAULT_CAPACITY);
		}

	}

}
