package dev.heartbeat.boot.monitor.listener;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.heartbeat.boot.support.internal.Backoff;
import dev.heartbeat.boot.support.internal.Sleeper;
import dev.heartbeat.boot.support.internal.Worker;
import dev.heartbeat.core.monitor.SightChange;
import dev.heartbeat.core.monitor.StateChange;

/**
 * One listener's own delivery line: a bounded queue, a worker thread, and per attempt a timeout,
 * so that a listener that fails or hangs delays nobody but itself.
 * <p>
 * {@link #offer} never blocks: when the queue is full the oldest event is dropped (and counted).
 * The worker sends events in order; an attempt that throws or outlives the timeout (it is then
 * interrupted and abandoned) is retried after a backoff that doubles each time, up to the
 * configured number of retries, then given up and logged.
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

	// guarded by this
	private ThreadPoolExecutor calls;

	/**
	 * A channel.
	 * @param name the listener's name
	 * @param matcher which events it gets
	 * @param sink where they go
	 * @param config timeout, retries, back-off and queue capacity
	 */
	public ListenerChannel(String name, EventMatcher matcher, EventSink sink, Config config) {
		this.name = Objects.requireNonNull(name, "name");
		this.matcher = Objects.requireNonNull(matcher, "matcher");
		this.sink = Objects.requireNonNull(sink, "sink");
		Objects.requireNonNull(config, "config");
		this.timeout = config.timeout();
		this.retries = config.retries();
		this.backoff = config.backoff();
		this.queue = new ArrayBlockingQueue<>(config.capacity());
		this.worker = new Delivering();
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
	 * @param change the change
	 * @param values its placeholder values
	 */
	public void offer(StateChange change, EventValues values) {
		offer(change, values, null);
	}

	/**
	 * Queue a change of the monitor's sight ({@code monitor.blind}, {@code monitor.sighted}); never
	 * blocks, as {@link #offer(StateChange, EventValues)}.
	 * @param change the change
	 * @param values its placeholder values
	 */
	public void offer(SightChange change, EventValues values) {
		queue(new Delivery(null, change, values, null));
	}

	// an event whose completion is told when this channel is done with it
	void offer(StateChange change, EventValues values, Completion completion) {
		queue(new Delivery(change, null, values, completion));
	}

	private void queue(Delivery delivery) {
		while (!this.queue.offer(delivery)) {
			Delivery dropped = this.queue.poll();
			if (dropped != null) {
				this.stats.onDropped();
				dropped.done(false);
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
		this.worker.stop(grace);
		if (stoppingCalls != null) {
			stoppingCalls.shutdownNow();
		}
		Delivery dropped;
		while ((dropped = this.queue.poll()) != null) {
			this.stats.onDropped();
			dropped.done(false);
		}
		try {
			this.sink.close();
		}
		catch (RuntimeException ex) {
			logger.warn("Closing heartbeat listener '{}' failed", this.name, ex);
		}
	}

	private Throwable attempt(Delivery delivery) {
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
				if (delivery.sight() != null) {
					this.sink.send(delivery.sight(), delivery.values(), this.timeout);
				}
				else {
					this.sink.send(delivery.change(), delivery.values(), this.timeout);
				}
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
	 * An event on its way: a state change or a change of sight, with its placeholder values, and
	 * the completion told when this channel is done with a state change (or {@code null}).
	 */
	private record Delivery(StateChange change, SightChange sight, EventValues values, Completion completion) {

		void done(boolean tried) {
			if (this.completion != null) {
				this.completion.done(tried);
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
						delivery.values().event(), ex);
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

		// whether the event was tried to the end: delivered, or given up after the retries
		private boolean deliver(Delivery delivery) {
			DeliveryStats stats = ListenerChannel.this.stats;
			long waitNanos = ListenerChannel.this.backoff.toNanos();
			for (int attempt = 0;; attempt++) {
				Throwable failure = attempt(delivery);
				if (failure == null) {
					stats.onDelivered();
					return true;
				}
				if (isStopping()) {
					stats.onDropped();
					return false;
				}
				if (attempt >= ListenerChannel.this.retries) {
					stats.onFailed();
					logger.warn("Heartbeat listener '{}' ({}) gave up on {} after {} attempt(s): {}",
							ListenerChannel.this.name, ListenerChannel.this.sink, delivery.values().event(),
							attempt + 1, describe(failure));
					return true;
				}
				logger.debug("Heartbeat listener '{}' attempt {} on {} failed, retrying in {} ms", ListenerChannel.this.name,
						attempt + 1, delivery.values().event(), waitNanos / 1_000_000, failure);
				try {
					if (!pause(Duration.ofNanos(waitNanos))) {
						stats.onDropped();
						return false;
					}
				}
				catch (InterruptedException ex) {
					stats.onDropped();
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
	 */
	public record Config(Duration timeout, int retries, Duration backoff, int capacity) {

		/**
		 * A configuration.
		 * @param timeout how long one attempt may take
		 * @param retries how often a failed attempt is retried
		 * @param backoff the wait before the first retry, doubled for each further one
		 * @param capacity how many events may wait
		 */
		public Config {
			Objects.requireNonNull(timeout, "timeout");
			Objects.requireNonNull(backoff, "backoff");
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
