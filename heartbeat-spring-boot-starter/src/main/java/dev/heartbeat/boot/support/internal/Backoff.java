package dev.heartbeat.boot.support.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * Pauses between attempts that fail one after the other: the first pause, then each one twice
 * the last, at most {@code max}.
 *
 * @param first the pause after the first failure (at most {@code max})
 * @param max the longest pause
 */
public record Backoff(Duration first, Duration max) {

	/**
	 * A back-off.
	 * @param first the pause after the first failure; a longer one is cut to {@code max}
	 * @param max the longest pause
	 */
	public Backoff {
		Objects.requireNonNull(first, "first");
		Objects.requireNonNull(max, "max");
		if (first.compareTo(max) > 0) {
			first = max;
		}
	}

	/**
	 * The same pause after every failure.
	 * @param pause the pause
	 * @return the back-off
	 */
	public static Backoff fixed(Duration pause) {
		return new Backoff(pause, pause);
	}

	/**
	 * The pause after the one given.
	 * @param previous the last pause
	 * @return twice that, at most {@link #max()}
	 */
	public Duration after(Duration previous) {
		Duration doubled = previous.multipliedBy(2);
		return (doubled.compareTo(this.max) < 0) ? doubled : this.max;
	}

}
