package dev.heartbeat.core.config;

import java.time.Duration;
import java.util.Objects;

import dev.heartbeat.core.beat.Beat;

/**
 * The bounds of a configured duration, each worded once: core's builders check their durations
 * with these, and so can an integration for durations of its own. Every configured duration is at
 * most {@link Beat#MAX_DURATION} (365 days), the longest a beat may announce, so that no setting
 * overflows where it is added to a time.
 */
public final class ConfigChecks {

	private static final Duration ONE_MILLI = Duration.ofMillis(1);

	private ConfigChecks() {
	}

	/**
	 * A duration that may be zero.
	 * @param field the field's name
	 * @param value the value
	 * @return the value
	 * @throws NullPointerException naming the field if the value is {@code null}
	 * @throws InvalidConfigException if it is negative or longer than 365 days
	 */
	public static Duration notNegative(String field, Duration value) {
		Objects.requireNonNull(value, field);
		if (value.isNegative()) {
			throw new InvalidConfigException(field, value, "must be zero or more");
		}
		return atMost(field, value, Beat.MAX_DURATION);
	}

	/**
	 * A duration longer than zero.
	 * @param field the field's name
	 * @param value the value
	 * @return the value
	 * @throws NullPointerException naming the field if the value is {@code null}
	 * @throws InvalidConfigException if it is zero, negative or longer than 365 days
	 */
	public static Duration positive(String field, Duration value) {
		Objects.requireNonNull(value, field);
		if (value.isNegative() || value.isZero()) {
			throw new InvalidConfigException(field, value, "must be positive");
		}
		return atMost(field, value, Beat.MAX_DURATION);
	}

	/**
	 * A duration of at least one millisecond.
	 * @param field the field's name
	 * @param value the value
	 * @return the value
	 * @throws NullPointerException naming the field if the value is {@code null}
	 * @throws InvalidConfigException if it is shorter or longer than 365 days
	 */
	public static Duration atLeastOneMilli(String field, Duration value) {
		Objects.requireNonNull(value, field);
		if (value.compareTo(ONE_MILLI) < 0) {
			throw new InvalidConfigException(field, value, "must be at least 1ms");
		}
		return atMost(field, value, Beat.MAX_DURATION);
	}

	/**
	 * A duration no longer than a bound.
	 * @param field the field's name
	 * @param value the value, not {@code null}
	 * @param max the bound
	 * @return the value
	 * @throws InvalidConfigException if it is longer
	 */
	public static Duration atMost(String field, Duration value, Duration max) {
		if (value.compareTo(max) > 0) {
			throw new InvalidConfigException(field, value, "must be at most " + show(max));
		}
		return value;
	}

	private static String show(Duration duration) {
		boolean wholeDays = duration.toDaysPart() > 0 && duration.equals(Duration.ofDays(duration.toDays()));
		return wholeDays ? duration.toDays() + " days" : duration.toString();
	}

}
