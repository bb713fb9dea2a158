package dev.heartbeat.core.beat;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One beat of the convention: a kind and, for all kinds but {@code stop}, a positive duration
 * (warm-up for {@code start}, period for {@code beat} and {@code degraded}).
 *
 * @param kind the kind
 * @param duration the duration, {@code null} exactly when the kind is {@link BeatKind#STOP}
 */
public record Beat(BeatKind kind, @Nullable Duration duration) {

	/**
	 * The largest duration the convention carries: 365 days. Anything longer is surely a mistake
	 * (a unit mix-up) and would keep a dead process looking alive for years.
	 */
	public static final Duration MAX_DURATION = Duration.ofDays(365);

	private static final Beat STOP = new Beat(BeatKind.STOP, null);

	/**
	 * Validating constructor.
	 * @param kind the kind
	 * @param duration the duration
	 * @throws IllegalArgumentException if the duration is missing, not positive, too long, or
	 * given for {@code stop}
	 */
	public Beat {
		Objects.requireNonNull(kind, "kind");
		if (kind.hasDuration()) {
			requireValidDuration(kind, duration);
		}
		else if (duration != null) {
			throw new IllegalArgumentException("a '" + kind.verb() + "' beat has no duration, was " + duration);
		}
	}

	/**
	 * A {@code start/<warmup>} beat.
	 * @param warmup time until the first beat
	 * @return the beat
	 */
	public static Beat start(Duration warmup) {
		return new Beat(BeatKind.START, warmup);
	}

	/**
	 * A {@code beat/<period>} beat.
	 * @param period time until the next beat
	 * @return the beat
	 */
	public static Beat beat(Duration period) {
		return new Beat(BeatKind.BEAT, period);
	}

	/**
	 * A {@code degraded/<period>} beat.
	 * @param period time until the next beat
	 * @return the beat
	 */
	public static Beat degraded(Duration period) {
		return new Beat(BeatKind.DEGRADED, period);
	}

	/**
	 * The {@code stop} beat.
	 * @return the beat
	 */
	public static Beat stop() {
		return STOP;
	}

	/**
	 * A beat of the given kind.
	 * @param kind the kind
	 * @param duration the duration, ignored for {@code stop}
	 * @return the beat
	 */
	public static Beat of(BeatKind kind, @Nullable Duration duration) {
		return (kind == BeatKind.STOP) ? STOP : new Beat(kind, duration);
	}

	/**
	 * The payload, e.g. {@code beat/5}.
	 * @return the encoded beat
	 * @see BeatCodec#encode(Beat)
	 */
	public String encode() {
		return BeatCodec.encode(this);
	}

	static void requireValidDuration(BeatKind kind, @Nullable Duration duration) {
		if (duration == null) {
			throw new IllegalArgumentException("a '" + kind.verb() + "' beat needs a duration");
		}
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(
					"the duration of a '" + kind.verb() + "' beat must be positive, was " + duration);
		}
		if (duration.compareTo(MAX_DURATION) > 0) {
			throw new IllegalArgumentException("the duration of a '" + kind.verb() + "' beat must be at most "
					+ MAX_DURATION + ", was " + duration);
		}
	}

	@Override
	public String toString() {
		return encode();
	}

}
