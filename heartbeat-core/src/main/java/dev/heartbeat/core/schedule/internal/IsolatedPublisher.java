package dev.heartbeat.core.schedule.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

import dev.heartbeat.core.beat.BeatKind;
import dev.heartbeat.core.publish.BeatMetadata;
import dev.heartbeat.core.publish.BeatPublisher;
import dev.heartbeat.core.publish.Publishers;
import dev.heartbeat.core.schedule.PublisherStats;
import dev.heartbeat.core.schedule.SchedulerListener;
import dev.heartbeat.core.time.DelayScheduler;
import dev.heartbeat.core.time.HeartbeatClock;

/**
 * One publisher behind a wall: its own thread, its own timeout, its own counters, and at most
 * one beat in flight.
 * <p>
 * A publisher is busy while its call runs (a synchronous publish, or an asynchronous one that
 * blocks before returning its stage) or while the returned stage is pending and not timed out.
 * A beat that arrives while it is busy waits in a one-place slot; a newer beat replaces it and
 * the older one is counted as dropped: the newest state wins and nothing piles up, whatever the
 * publisher does. On timeout the running call is interrupted; the slot is only sent once the
 * call has really returned, so a hung publisher holds one thread, never more.
 */
public final class IsolatedPublisher {

	private final BeatPublisher delegate;

	private final String name;

	private final Duration timeout;

	private final HeartbeatClock clock;

	private final SchedulerListener listener;

	private final LongAdder sent = new LongAdder();

	private final LongAdder failed = new LongAdder();

	private final LongAdder timedOut = new LongAdder();

	private final LongAdder dropped = new LongAdder();

	// written on the threads that settle attempts; read for stats
	private volatile @Nullable Instant lastSuccessAt;

	private volatile @Nullable String lastError;

	private volatile @Nullable Instant lastErrorAt;

	// guarded by this
	private @Nullable ExecutorService executor;

	// guarded by this; runs the timeouts, given with the thread
	private @Nullable DelayScheduler timer;

	// guarded by this: the publisher's call has not returned yet
	private boolean callRunning;

	// guarded by this: the attempt has not settled (delivered, failed, timed out) yet
	private boolean awaitingOutcome;

	// guarded by this: the newest beat waiting for the publisher to be free
	private @Nullable Pending pending;

	/**
	 * Wrap a publisher.
	 * @param delegate the publisher
	 * @param timeout how long one beat may take
	 * @param clock the clock, for latencies and timestamps
	 * @param listener told of every outcome; must not throw
	 */
	public IsolatedPublisher(BeatPublisher delegate, Duration timeout, HeartbeatClock clock,
			SchedulerListener listener) {
		this.delegate = delegate;
		this.name = delegate.name();
		this.timeout = timeout;
		this.clock = clock;
		this.listener = listener;
	}

	/**
	 * The publisher's name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Give the publisher its thread and its timer.
	 * @param threadFactory where the thread comes from
	 * @param timer runs the timeouts
	 */
	public synchronized void open(ThreadFactory threadFactory, DelayScheduler timer) {
		this.timer = timer;
		if (this.executor == null) {
			this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
					threadFactory);
		}
	}

	/**
	 * Take the thread away: a running call is interrupted, a waiting beat is dropped.
	 * @return the executor that was shut down, to await its termination, or {@code null}
	 */
	public @Nullable ExecutorService close() {
		Pending dropping;
		ExecutorService closing;
		synchronized (this) {
			closing = this.executor;
			this.executor = null;
			dropping = this.pending;
			this.pending = null;
			notifyAll();
		}
		if (dropping != null) {
			drop(dropping);
		}
		if (closing != null) {
			closing.shutdownNow();
		}
		return closing;
	}

	/**
	 * Send a beat, or queue it as the newest if the publisher is busy.
	 * @param subject the subject
	 * @param process the process id
	 * @param payload the payload
	 * @param metadata the metadata
	 * @param kind the kind of the beat
	 * @return a future completing with whether this publisher delivered the beat; never exceptionally
	 */
	public CompletableFuture<Boolean> publish(String subject, String process, String payload, BeatMetadata metadata,
			BeatKind kind) {
		Pending beat = new Pending(subject, process, payload, metadata, kind, new CompletableFuture<>());
		Pending replaced = null;
		boolean dispatchNow = false;
		synchronized (this) {
			if (this.callRunning || this.awaitingOutcome) {
				replaced = this.pending;
				this.pending = beat;
			}
			else {
				this.callRunning = true;
				this.awaitingOutcome = true;
				dispatchNow = true;
			}
		}
		if (replaced != null) {
			drop(replaced);
		}
		if (dispatchNow) {
			dispatch(beat);
		}
		return beat.result;
	}

	/**
	 * Wait until nothing is in flight or waiting, or the deadline passed.
	 * @param deadline until when to wait at most
	 * @return whether the publisher became idle
	 * @throws InterruptedException if interrupted
	 */
	public synchronized boolean awaitIdle(Deadline deadline) throws InterruptedException {
		while (this.executor != null && (this.callRunning || this.awaitingOutcome || this.pending != null)) {
			long slice = deadline.sliceNanos();
			if (slice <= 0) {
				return false;
			}
			TimeUnit.NANOSECONDS.timedWait(this, slice);
		}
		return true;
	}

	/**
	 * The publisher's counters.
	 * @return the stats
	 */
	public PublisherStats stats() {
		boolean busy;
		synchronized (this) {
			busy = this.callRunning || this.awaitingOutcome;
		}
		return new PublisherStats(this.name, this.sent.sum(), this.failed.sum(), this.timedOut.sum(),
				this.dropped.sum(), busy, this.lastSuccessAt, this.lastError, this.lastErrorAt);
	}

	private void dispatch(Pending beat) {
		Attempt attempt = new Attempt(beat, this.clock.monotonicTime());
		ExecutorService target;
		DelayScheduler timeouts;
		synchronized (this) {
			target = this.executor;
			timeouts = this.timer;
		}
		if (timeouts != null) {
			attempt.timeoutHandle = timeouts.schedule(this.timeout, () -> onTimeout(attempt));
		}
		try {
			if (target == null) {
				throw new RejectedExecutionException("publisher '" + this.name + "' is closed");
			}
			target.execute(() -> call(attempt));
		}
		catch (RejectedExecutionException ex) {
			synchronized (this) {
				this.callRunning = false;
			}
			settle(attempt, ex);
		}
	}

	private void call(Attempt attempt) {
		CompletionStage<?> stage = null;
		try {
			synchronized (attempt) {
				if (attempt.settled) {
					return; // timed out before it could start
				}
				attempt.thread = Thread.currentThread();
			}
			Pending beat = attempt.beat;
			stage = Publishers.publish(this.delegate, beat.subject, beat.process, beat.payload, beat.metadata);
		}
		finally {
			synchronized (attempt) {
				attempt.thread = null;
			}
			synchronized (this) {
				this.callRunning = false;
			}
			if (stage != null) {
				stage.whenComplete((ignored, error) -> settle(attempt, error));
			}
			// a call that returns after its timeout settles nothing, but frees the publisher
			dispatchPending();
		}
	}

	private void onTimeout(Attempt attempt) {
		synchronized (attempt) {
			if (attempt.settled) {
				return;
			}
			attempt.settled = true;
			if (attempt.thread != null) {
				attempt.thread.interrupt();
			}
		}
		this.timedOut.increment();
		this.lastError = "timed out after " + this.timeout.toMillis() + " ms";
		this.lastErrorAt = this.clock.instant();
		this.listener.onPublishTimedOut(this.name, attempt.beat.kind, this.timeout);
		finish(attempt, false);
	}

	private void settle(Attempt attempt, @Nullable Throwable error) {
		synchronized (attempt) {
			if (attempt.settled) {
				return;
			}
			attempt.settled = true;
		}
		attempt.timeoutHandle.cancel();
		Duration latency = Duration.ofNanos(this.clock.monotonicTime() - attempt.startNanos);
		if (error == null) {
			this.sent.increment();
			this.lastSuccessAt = this.clock.instant();
			this.listener.onPublished(this.name, attempt.beat.kind, latency);
		}
		else {
			Throwable cause = unwrap(error);
			this.failed.increment();
			this.lastError = cause.getClass().getSimpleName() + ": " + cause.getMessage();
			this.lastErrorAt = this.clock.instant();
			this.listener.onPublishFailed(this.name, attempt.beat.kind, cause, latency);
		}
		finish(attempt, error == null);
	}

	private void finish(Attempt attempt, boolean delivered) {
		synchronized (this) {
			this.awaitingOutcome = false;
			notifyAll();
		}
		attempt.beat.result.complete(delivered);
		dispatchPending();
	}

	private void dispatchPending() {
		Pending next;
		synchronized (this) {
			if (this.callRunning || this.awaitingOutcome || this.pending == null || this.executor == null) {
				notifyAll();
				return;
			}
			next = this.pending;
			this.pending = null;
			this.callRunning = true;
			this.awaitingOutcome = true;
		}
		dispatch(next);
	}

	private void drop(Pending beat) {
		this.dropped.increment();
		this.listener.onBeatDropped(this.name, beat.kind);
		beat.result.complete(false);
	}

	private static Throwable unwrap(Throwable error) {
		Throwable cause = error;
		while ((cause instanceof java.util.concurrent.CompletionException
				|| cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	private record Pending(String subject, String process, String payload, BeatMetadata metadata, BeatKind kind,
			CompletableFuture<Boolean> result) {
	}

	private static final class Attempt {

		final Pending beat;

		final long startNanos;

		// set right after scheduling, before the attempt can settle through a timeout
		volatile DelayScheduler.Cancellable timeoutHandle = () -> {
		};

		// guarded by this
		boolean settled;

		// guarded by this: the thread running the publisher's call, to interrupt on timeout
		@Nullable Thread thread;

		Attempt(Pending beat, long startNanos) {
			this.beat = beat;
			this.startNanos = startNanos;
		}

	}

}
