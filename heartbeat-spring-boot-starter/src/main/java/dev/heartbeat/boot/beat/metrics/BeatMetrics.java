package dev.heartbeat.boot.beat.metrics;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import dev.heartbeat.core.beat.BeatKind;
import dev.heartbeat.core.schedule.SchedulerListener;
import dev.heartbeat.core.status.StatusTracker;

/**
 * Records what the scheduler does as Micrometer meters (names in {@link #PUBLISHED} and the
 * other constants; README lists them all). The counters of each publisher named at construction
 * are registered at once, at zero, for every kind and reason, so that a query or an alert rule
 * on failures finds its series before the first failure.
 */
public final class BeatMetrics implements SchedulerListener {

	/** Counter of beats delivered, tags {@code publisher}, {@code kind}. */
	public static final String PUBLISHED = "heartbeat.beats.published";

	/** Counter of beats not delivered, tags {@code publisher}, {@code kind}, {@code reason} (error, timeout, dropped). */
	public static final String FAILED = "heartbeat.beats.failed";

	/** Timer of the time a publisher took to deliver a beat, tag {@code publisher}. */
	public static final String LATENCY = "heartbeat.publish.latency";

	/** Counter of ticks skipped because the loop overran. */
	public static final String TICKS_SKIPPED = "heartbeat.ticks.skipped";

	/** Counter of beats not sent because they repeated the last one within the minimum interval. */
	public static final String SUPPRESSED = "heartbeat.beats.suppressed";

	/** Counter of ticks whose beat source failed (sent degraded). */
	public static final String SOURCE_FAILURES = "heartbeat.source.failures";

	/** Gauge: 1 while paused, 0 while running. */
	public static final String RUN_STATUS = "heartbeat.run.status";

	/** Counter of health evaluations that did not finish within the health timeout. */
	public static final String HEALTH_TIMEOUTS = "heartbeat.health.timeouts";

	/** Counter of control records rejected, tag {@code reason}. */
	public static final String CONTROL_REJECTED = "heartbeat.control.rejected";

	/** Counter of HTTP answers refused as feedback: JSON that is not valid, or whose status is not a string. */
	public static final String HTTP_FEEDBACK_REJECTED = "heartbeat.http.feedback.rejected";

	// the reason tags of FAILED
	private static final List<String> REASONS = List.of("error", "timeout", "dropped");

	private final MeterRegistry registry;

	/**
	 * Create the meters that do not depend on a publisher, and register the run status gauge.
	 * @param registry the registry
	 * @param tracker the run status tracker
	 */
	public BeatMetrics(MeterRegistry registry, StatusTracker tracker) {
		this(registry, tracker, List.of());
	}

	/**
	 * Create the meters, those of the given publishers included.
	 * @param registry the registry
	 * @param tracker the run status tracker
	 * @param publishers the names of the scheduler's publishers
	 */
	public BeatMetrics(MeterRegistry registry, StatusTracker tracker, Collection<String> publishers) {
		this.registry = Objects.requireNonNull(registry, "registry");
		for (String publisher : publishers) {
			for (BeatKind kind : BeatKind.values()) {
				published(publisher, kind);
				for (String reason : REASONS) {
					failedCounter(publisher, kind, reason);
				}
			}
		}
		Gauge.builder(RUN_STATUS, tracker, (t) -> t.isPaused() ? 1 : 0)
			.description("1 while the heartbeat run status is PAUSED, 0 while RUNNING")
			.register(registry);
		Counter.builder(TICKS_SKIPPED).description("Heartbeat ticks skipped because the loop overran").register(registry);
		Counter.builder(SUPPRESSED).description("Heartbeats not sent because they repeated the last one").register(registry);
		Counter.builder(SOURCE_FAILURES).description("Heartbeat ticks whose beat source failed").register(registry);
	}

	@Override
	public void onPublished(String publisher, BeatKind kind, Duration latency) {
		published(publisher, kind).increment();
		Timer.builder(LATENCY)
			.description("Time a publisher took to deliver a heartbeat")
			.tag("publisher", publisher)
			.register(this.registry)
			.record(latency);
	}

	private Counter published(String publisher, BeatKind kind) {
		return Counter.builder(PUBLISHED)
			.description("Heartbeats delivered")
			.tags(Tags.of("publisher", publisher, "kind", kind(kind)))
			.register(this.registry);
	}

	@Override
	public void onPublishFailed(String publisher, BeatKind kind, Throwable error, Duration latency) {
		failed(publisher, kind, (error instanceof TimeoutException) ? "timeout" : "error");
	}

	@Override
	public void onPublishTimedOut(String publisher, BeatKind kind, Duration timeout) {
		failed(publisher, kind, "timeout");
	}

	@Override
	public void onBeatDropped(String publisher, BeatKind kind) {
		failed(publisher, kind, "dropped");
	}

	@Override
	public void onBeatSuppressed(BeatKind kind) {
		this.registry.counter(SUPPRESSED).increment();
	}

	@Override
	public void onTicksSkipped(long count) {
		this.registry.counter(TICKS_SKIPPED).increment(count);
	}

	@Override
	public void onBeatSourceFailed(Throwable error) {
		this.registry.counter(SOURCE_FAILURES).increment();
	}

	private void failed(String publisher, BeatKind kind, String reason) {
		failedCounter(publisher, kind, reason).increment();
	}

	private Counter failedCounter(String publisher, BeatKind kind, String reason) {
		return Counter.builder(FAILED)
			.description("Heartbeats not delivered")
			.tags(Tags.of("publisher", publisher, "kind", kind(kind), "reason", reason))
			.register(this.registry);
	}

	private static String kind(BeatKind kind) {
		return kind.verb().toLowerCase(Locale.ROOT);
	}

}
