package dev.heartbeat.core.heart;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.beat.BeatKind;
import dev.heartbeat.core.beat.ProcessIds;
import dev.heartbeat.core.publish.BeatMetadata;
import dev.heartbeat.core.publish.BeatPublisher;
import dev.heartbeat.core.publish.Publishers;
import dev.heartbeat.core.status.StatusTracker;
import dev.heartbeat.core.time.HeartbeatClock;

/**
 * Sends the beats of one process through a publisher.
 * <p>
 * Every beat carries {@link BeatMetadata}: app, instance, a sequence number that only grows, the
 * current run status, the health code and the send time.
 * <p>
 * Duplicate suppression: a {@code beat} or {@code degraded} of the same kind and period as the
 * last delivered beat, within {@link HeartConfig#minInterval()} of it and with no other beat sent
 * since, is not sent. A change of kind or period is always sent at once, {@code start} and
 * {@code stop} are never suppressed, and a publish that failed does not count as delivered, so
 * the next identical beat is sent.
 * A suppressed beat allocates nothing.
 * <p>
 * Thread-safe.
 */
public final class Heart {

	/**
	 * Health code sent with {@code start} and {@code stop} when none is given.
	 */
	public static final String UNKNOWN_HEALTH = "UNKNOWN";

	// shared by every suppressed send, so that suppressing allocates nothing; it cannot be changed
	private static final CompletionStage<PublishOutcome> SUPPRESSED = new SharedOutcome(PublishOutcome.SUPPRESSED);

	private final HeartConfig config;

	private final BeatPublisher publisher;

	private final StatusTracker statusTracker;

	private final HeartbeatClock clock;

	private final String subject;

	private final long minIntervalNanos;

	private final AtomicLong seq = new AtomicLong();

	private final LongAdder suppressed = new LongAdder();

	// the last delivered beat, swapped as a whole; only ever replaced by a beat with a higher seq
	private final AtomicReference<@Nullable LastBeat> lastDelivered = new AtomicReference<>();

	// the last beat handed to the publisher, delivered, failed or still in flight: a repeat of the
	// last delivered beat is only suppressed if no other beat was sent since, so that a change
	// back (degraded, then beat again) is never held back by an earlier delivery
	private final AtomicReference<@Nullable Beat> lastSent = new AtomicReference<>();

	/**
	 * Create a heart.
	 * @param config the configuration
	 * @param publisher where beats go; sync or async
	 * @param statusTracker the run status every beat carries
	 * @param clock the clock
	 */
	public Heart(HeartConfig config, BeatPublisher publisher, StatusTracker statusTracker, HeartbeatClock clock) {
		this.config = Objects.requireNonNull(config, "config");
		this.publisher = Objects.requireNonNull(publisher, "publisher");
		this.statusTracker = Objects.requireNonNull(statusTracker, "statusTracker");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.subject = ProcessIds.subject(config.process());
		this.minIntervalNanos = config.minInterval().toNanos();
	}

	/**
	 * Send {@code start/<warmup>}. Never suppressed.
	 * @param warmup time until the first beat
	 * @return the outcome
	 */
	public CompletionStage<PublishOutcome> start(Duration warmup) {
		return send(BeatKind.START, warmup, UNKNOWN_HEALTH);
	}

	/**
	 * Send {@code beat/<period>} with health {@code UP}.
	 * @param period time until the next beat
	 * @return the outcome
	 */
	public CompletionStage<PublishOutcome> beat(Duration period) {
		return send(BeatKind.BEAT, period, "UP");
	}

	/**
	 * Send {@code degraded/<period>} with health {@code DEGRADED}.
	 * @param period time until the next beat
	 * @return the outcome
	 */
	public CompletionStage<PublishOutcome> degraded(Duration period) {
		return send(BeatKind.DEGRADED, period, "DEGRADED");
	}

	/**
	 * Send {@code stop}. Never suppressed.
	 * @return the outcome
	 */
	public CompletionStage<PublishOutcome> stop() {
		return send(BeatKind.STOP, null, UNKNOWN_HEALTH);
	}

	/**
	 * Send a beat.
	 * @param kind the kind
	 * @param duration the warm-up or period; ignored for {@code stop}
	 * @param health the health code to send with it
	 * @return a stage completing with {@link PublishOutcome#PUBLISHED} or
	 * {@link PublishOutcome#SUPPRESSED}, or exceptionally with the publisher's error
	 */
	public CompletionStage<PublishOutcome> send(BeatKind kind, @Nullable Duration duration, String health) {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(health, "health");
		long now = this.clock.monotonicTime();
		if (isDuplicate(kind, duration, now)) {
			this.suppressed.increment();
			return SUPPRESSED;
		}
		Beat beat = Beat.of(kind, duration);
		this.lastSent.set(beat);
		long seq = this.seq.incrementAndGet();
		Instant sentAt = this.clock.instant();
		BeatMetadata metadata = new BeatMetadata(this.config.app(), this.config.instance(), seq,
				this.statusTracker.status(), health, sentAt);
		LastBeat candidate = new LastBeat(beat, health, seq, sentAt, now);
		return Publishers.publish(this.publisher, this.subject, this.config.process(), beat.encode(), metadata)
			.thenApply((ignored) -> {
				recordDelivered(candidate);
				return PublishOutcome.PUBLISHED;
			});
	}

	private boolean isDuplicate(BeatKind kind, @Nullable Duration duration, long now) {
		if (!kind.isPeriodic()) {
			return false;
		}
		LastBeat last = this.lastDelivered.get();
		Beat sent = this.lastSent.get();
		return last != null && last.beat().kind() == kind && last.beat().duration().equals(duration)
				&& now - last.monotonicNanos() < this.minIntervalNanos && sent != null && sent.kind() == kind
				&& sent.duration().equals(duration);
	}

	private void recordDelivered(LastBeat delivered) {
		this.lastDelivered.accumulateAndGet(delivered,
				(current, candidate) -> (current == null || candidate.seq() > current.seq()) ? candidate : current);
	}

	/**
	 * The last delivered beat.
	 * @return the beat, empty if none was delivered yet
	 */
	public Optional<LastBeat> lastDelivered() {
		return Optional.ofNullable(this.lastDelivered.get());
	}

	/**
	 * Time since the last delivered beat, on the monotonic clock.
	 * @return the time, empty if none was delivered yet
	 */
	public Optional<Duration> timeSinceLastBeat() {
		LastBeat last = this.lastDelivered.get();
		return (last != null) ? Optional.of(Duration.ofNanos(this.clock.monotonicTime() - last.monotonicNanos()))
				: Optional.empty();
	}

	/**
	 * The highest sequence number used so far.
	 * @return the sequence number, 0 before the first beat
	 */
	public long lastSeq() {
		return this.seq.get();
	}

	/**
	 * How many beats were suppressed as duplicates.
	 * @return the count
	 */
	public long suppressedCount() {
		return this.suppressed.sum();
	}

	/**
	 * The configuration.
	 * @return the configuration
	 */
	public HeartConfig config() {
		return this.config;
	}

	/**
	 * The subject beats are sent on.
	 * @return {@code heartbeat.<process>}
	 */
	public String subject() {
		return this.subject;
	}

	/**
	 * A completed future that callers share: {@code complete}, {@code completeExceptionally} and
	 * {@code cancel} already do nothing on a completed future, and the two {@code obtrude}
	 * methods, which would change it for every later caller, are refused.
	 */
	private static final class SharedOutcome extends CompletableFuture<PublishOutcome> {

		SharedOutcome(PublishOutcome outcome) {
			super.complete(outcome);
		}

		@Override
		public void obtrudeValue(PublishOutcome value) {
			throw new UnsupportedOperationException("This beat outcome is shared by every suppressed beat and cannot be changed");
		}

		@Override
		public void obtrudeException(Throwable ex) {
			throw new UnsupportedOperationException("This beat outcome is shared by every suppressed beat and cannot be changed");
		}

	}

}
