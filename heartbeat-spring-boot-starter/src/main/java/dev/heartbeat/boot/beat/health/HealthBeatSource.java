package dev.heartbeat.boot.beat.health;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import dev.heartbeat.core.schedule.TickDecision;
import dev.heartbeat.core.schedule.BeatSource;

/**
 * A beat source driven by actuator health: each tick evaluates health on a thread of its own,
 * waits at most the timeout, and maps the status code to beat, degraded or silent.
 * <p>
 * An evaluation that takes longer than the timeout sends {@code degraded} with health
 * {@value #TIMEOUT} and is counted. It is interrupted; while it still runs, later ticks do not
 * start another one (a hung health check holds one thread, never more): they send
 * {@code degraded}/{@value #TIMEOUT} at once and are counted too.
 */
public final class HealthBeatSource implements BeatSource, AutoCloseable {

	/**
	 * Health code sent when the evaluation did not finish in time.
	 */
	public static final String TIMEOUT = "TIMEOUT";

	private static final Logger logger = LoggerFactory.getLogger(HealthBeatSource.class);

	private static final TickDecision TIMED_OUT = TickDecision.degraded(TIMEOUT);

	private final HealthEvaluator evaluator;

	private final HealthPolicy mapping;

	private final Duration timeout;

	private final ExecutorService executor = Executors.newSingleThreadExecutor(daemonThreads("heartbeat-health-"));

	private final LongAdder timeouts = new LongAdder();

	private final Object lock = new Object();

	// guarded by lock: the evaluation started and not finished, or null
	private @Nullable Evaluation current;

	/**
	 * Create a source.
	 * @param evaluator evaluates health
	 * @param mapping maps a status code to a decision
	 * @param timeout how long one evaluation may take
	 */
	public HealthBeatSource(HealthEvaluator evaluator, HealthPolicy mapping, Duration timeout) {
		this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
		this.mapping = Objects.requireNonNull(mapping, "mapping");
		this.timeout = Objects.requireNonNull(timeout, "timeout");
	}

	@Override
	public TickDecision decide() {
		Evaluation evaluation;
		synchronized (this.lock) {
			if (this.current != null) {
				this.timeouts.increment();
				logger.debug("Health evaluation still running after its timeout; sending degraded");
				return TIMED_OUT;
			}
			evaluation = new Evaluation();
			this.current = evaluation;
		}
		try {
			this.executor.execute(evaluation);
		}
		catch (RejectedExecutionException ex) {
			synchronized (this.lock) {
				this.current = null;
			}
			throw new IllegalStateException("Health beat source is closed", ex);
		}
		try {
			return this.mapping.decide(evaluation.result.get(this.timeout.toNanos(), TimeUnit.NANOSECONDS));
		}
		catch (TimeoutException ex) {
			evaluation.abandon();
			this.timeouts.increment();
			logger.warn("Health evaluation took longer than {}; sending degraded with health {}", this.timeout,
					TIMEOUT);
			return TIMED_OUT;
		}
		catch (InterruptedException ex) {
			evaluation.abandon();
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while evaluating health", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Health evaluation failed: " + ex.getCause(), ex.getCause());
		}
	}

	/**
	 * Check the configuration against the running application (the health group exists).
	 * @throws IllegalStateException if it does not fit
	 */
	public void check() {
		this.evaluator.checkGroup();
	}

	/**
	 * How many ticks sent degraded because health did not answer in time.
	 * @return the count
	 */
	public long timeouts() {
		return this.timeouts.sum();
	}

	/**
	 * Stop the evaluation thread.
	 */
	@Override
	public void close() {
		this.executor.shutdownNow();
	}

	private static CustomizableThreadFactory daemonThreads(String prefix) {
		CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
		threads.setDaemon(true);
		return threads;
	}

	@Override
	public String toString() {
		return "HealthBeatSource[" + this.evaluator + ", timeout " + this.timeout + "]";
	}

	private final class Evaluation implements Runnable {

		final CompletableFuture<String> result = new CompletableFuture<>();

		// guarded by lock: the thread running it, to interrupt on timeout
		private @Nullable Thread thread;

		// guarded by lock: given up before it started
		private boolean abandoned;

		@Override
		public void run() {
			synchronized (HealthBeatSource.this.lock) {
				if (this.abandoned) {
					return;
				}
				this.thread = Thread.currentThread();
			}
			String code = null;
			Throwable failure = null;
			try {
				code = HealthBeatSource.this.evaluator.evaluate();
			}
			catch (Throwable ex) {
				failure = ex;
			}
			finally {
				// free the slot before the result is seen, so the next tick can evaluate again
				synchronized (HealthBeatSource.this.lock) {
					this.thread = null;
					HealthBeatSource.this.current = null;
				}
				// an interrupt meant for this evaluation must not hit the next one
				Thread.interrupted();
			}
			if (failure != null) {
				this.result.completeExceptionally(failure);
			}
			else {
				this.result.complete(code);
			}
		}

		void abandon() {
			synchronized (HealthBeatSource.this.lock) {
				if (this.thread != null) {
					this.thread.interrupt();
				}
				else if (!this.result.isDone()) {
					// not started yet: it never will, so a later tick may evaluate again
					this.abandoned = true;
					HealthBeatSource.this.current = null;
				}
			}
		}

	}

}
