package dev.heartbeat.boot.beat.lifecycle;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import dev.heartbeat.core.schedule.TickDecision;
import dev.heartbeat.core.schedule.BeatSource;
import dev.heartbeat.core.time.HeartbeatClock;

/**
 * Remembers what the beat source decided on the last tick, so the endpoint can show the health
 * that drives the beats even when nothing was sent (health mapped to silent).
 */
public final class LastDecision {

	private final HeartbeatClock clock;

	private final AtomicReference<@Nullable Decided> last = new AtomicReference<>();

	/**
	 * Create an empty holder.
	 * @param clock the clock that stamps decisions
	 */
	public LastDecision(HeartbeatClock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * Wrap a beat source so that its decisions are remembered here.
	 * @param source the source
	 * @return a source that decides the same and remembers it
	 */
	public BeatSource observe(BeatSource source) {
		Objects.requireNonNull(source, "source");
		return new BeatSource() {

			@Override
			public TickDecision decide() {
				TickDecision decision = source.decide();
				if (decision != null) {
					LastDecision.this.last.set(new Decided(decision, LastDecision.this.clock.instant()));
				}
				return decision;
			}

			@Override
			public String toString() {
				return source.toString();
			}

		};
	}

	/**
	 * The last decision.
	 * @return the decision and when it was made, empty before the first tick
	 */
	public Optional<Decided> get() {
		return Optional.ofNullable(this.last.get());
	}

	/**
	 * A decision and when it was made.
	 *
	 * @param decision the decision
	 * @param at when
	 */
	public record Decided(TickDecision decision, Instant at) {
	}

}
