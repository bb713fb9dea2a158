package dev.heartbeat.core.monitor;

import java.time.Duration;
import java.util.Objects;

import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.config.InvalidConfigException;
import dev.heartbeat.core.config.ConfigChecks;

/**
 * Immutable configuration of a {@link DeadlineEngine}: when a silent process counts as late and
 * dead, and how events are damped. Build it with {@link #custom()}; every setter validates and
 * throws an {@link InvalidConfigException} naming the field it rejects.
 * <p>
 * A beat with period {@code P} at record time {@code t} makes the process late at
 * {@code t + ceil(P × lateFactor)} and dead at {@code t + ceil(P × reportByBuffer)}, in
 * milliseconds, computed exactly in decimal (a factor of {@code 1.1} is eleven tenths, not the
 * nearest double). A {@code start/<warmup>} uses the warm-up as {@code P}. A process with a
 * {@linkplain #schedules() schedule} is judged by its next scheduled run instead (see
 * {@link JobSchedule}).
 */
public final class DeadlineEngineConfig {

	/**
	 * Default late factor: a process is late once 1.5 periods passed without a beat.
	 */
	public static final double DEFAULT_LATE_FACTOR = 1.5;

	/**
	 * Default report-by buffer: a process is dead once 3 periods passed without a beat.
	 */
	public static final double DEFAULT_REPORT_BY_BUFFER = 3;

	/**
	 * Default maximum period or warm-up: 24 hours.
	 */
	public static final Duration DEFAULT_MAX_DURATION = Duration.ofHours(24);

	/**
	 * The largest factor accepted, for either factor.
	 */
	public static final double MAX_FACTOR = 1000;

	private static final DeadlineEngineConfig DEFAULTS = custom().build();

	private final double lateFactor;

	private final double reportByBuffer;

	private final Duration holdTime;

	private final Duration reminderInterval;

	private final Duration maxDuration;

	private final ScheduleLookup schedules;

	private DeadlineEngineConfig(Builder builder) {
		this.lateFactor = builder.lateFactor;
		this.reportByBuffer = builder.reportByBuffer;
		this.holdTime = builder.holdTime;
		this.reminderInterval = builder.reminderInterval;
		this.maxDuration = builder.maxDuration;
		this.schedules = builder.schedules;
	}

	/**
	 * A new builder with the defaults.
	 * @return the builder
	 */
	public static Builder custom() {
		return new Builder();
	}

	/**
	 * A builder starting from an existing configuration.
	 * @param base the configuration to copy
	 * @return the builder
	 */
	public static Builder from(DeadlineEngineConfig base) {
		Objects.requireNonNull(base, "base");
		return new Builder().lateFactor(base.lateFactor)
			.reportByBuffer(base.reportByBuffer)
			.holdTime(base.holdTime)
			.reminderInterval(base.reminderInterval)
			.maxDuration(base.maxDuration)
			.schedules(base.schedules);
	}

	/**
	 * The default configuration.
	 * @return the configuration
	 */
	public static DeadlineEngineConfig ofDefaults() {
		return DEFAULTS;
	}

	/**
	 * How many periods after its last beat a silent process is late.
	 * @return the late factor, at least 1 and less than {@link #reportByBuffer()}
	 */
	public double lateFactor() {
		return this.lateFactor;
	}

	/**
	 * How many periods after its last beat a silent process is dead (after {@code start}, how
	 * many warm-ups).
	 * @return the report-by buffer
	 */
	public double reportByBuffer() {
		return this.reportByBuffer;
	}

	/**
	 * How long a new state must last before its event is delivered; zero delivers at once.
	 * {@code DEAD} and {@code STOPPED} are always delivered at once.
	 * @return the hold time
	 */
	public Duration holdTime() {
		return this.holdTime;
	}

	/**
	 * How often a process that stays dead is reported again; zero sends no reminders.
	 * @return the reminder interval
	 */
	public Duration reminderInterval() {
		return this.reminderInterval;
	}

	/**
	 * The longest period or warm-up accepted; a beat above it is rejected as absurd.
	 * @return the maximum duration
	 */
	public Duration maxDuration() {
		return this.maxDuration;
	}

	/**
	 * Which processes are jobs on a schedule, judged by their next scheduled run rather than by
	 * the periods of their beats.
	 * @return the schedules, {@link ScheduleLookup#none()} by default
	 */
	public ScheduleLookup schedules() {
		return this.schedules;
	}

	@Override
	public String toString() {
		return "DeadlineEngineConfig[lateFactor=" + this.lateFactor + ", reportByBuffer=" + this.reportByBuffer
				+ ", holdTime=" + this.holdTime + ", reminderInterval=" + this.reminderInterval + ", maxDuration="
				+ this.maxDuration + "]";
	}

	/**
	 * Builder of {@link DeadlineEngineConfig}.
	 */
	public static final class Builder {

		private double lateFactor = DEFAULT_LATE_FACTOR;

		private double reportByBuffer = DEFAULT_REPORT_BY_BUFFER;

		private Duration holdTime = Duration.ZERO;

		private Duration reminderInterval = Duration.ZERO;

		private Duration maxDuration = DEFAULT_MAX_DURATION;

		private ScheduleLookup schedules = ScheduleLookup.none();

		private Builder() {
		}

		/**
		 * How many periods after its last beat a silent process is late.
		 * @param lateFactor at least 1 and at most {@value DeadlineEngineConfig#MAX_FACTOR}; must
		 * also be less than the report-by buffer when built
		 * @return this builder
		 */
		public Builder lateFactor(double lateFactor) {
			this.lateFactor = requireFactor("lateFactor", lateFactor);
			return this;
		}

		/**
		 * How many periods after its last beat a silent process is dead.
		 * @param reportByBuffer at least 1 and at most {@value DeadlineEngineConfig#MAX_FACTOR}
		 * @return this builder
		 */
		public Builder reportByBuffer(double reportByBuffer) {
			this.reportByBuffer = requireFactor("reportByBuffer", reportByBuffer);
			return this;
		}

		/**
		 * How long a new state must last before its event is delivered.
		 * @param holdTime a non-negative duration, at most {@link Beat#MAX_DURATION}; zero turns
		 * damping off
		 * @return this builder
		 */
		public Builder holdTime(Duration holdTime) {
			this.holdTime = requireNotNegative("holdTime", holdTime);
			return this;
		}

		/**
		 * How often a process that stays dead is reported again.
		 * @param reminderInterval a non-negative duration, at most {@link Beat#MAX_DURATION}; zero
		 * turns reminders off
		 * @return this builder
		 */
		public Builder reminderInterval(Duration reminderInterval) {
			this.reminderInterval = requireNotNegative("reminderInterval", reminderInterval);
			return this;
		}

		/**
		 * The longest period or warm-up accepted.
		 * @param maxDuration positive and at most {@link Beat#MAX_DURATION}
		 * @return this builder
		 */
		public Builder maxDuration(Duration maxDuration) {
			this.maxDuration = ConfigChecks.atMost("maxDuration", ConfigChecks.positive("maxDuration", maxDuration),
					Beat.MAX_DURATION);
			return this;
		}

		/**
		 * Which processes are jobs on a schedule.
		 * @param schedules the schedules; {@link ScheduleLookup#none()} judges every process by
		 * its periods
		 * @return this builder
		 */
		public Builder schedules(ScheduleLookup schedules) {
			this.schedules = Objects.requireNonNull(schedules, "schedules");
			return this;
		}

		/**
		 * Build the configuration.
		 * @return the configuration
		 * @throws InvalidConfigException if the late factor is not less than the report-by buffer
		 */
		public DeadlineEngineConfig build() {
			if (!(this.lateFactor < this.reportByBuffer)) {
				throw new InvalidConfigException("lateFactor", this.lateFactor,
						"must be less than reportByBuffer (" + this.reportByBuffer + ")");
			}
			return new DeadlineEngineConfig(this);
		}

		private static double requireFactor(String field, double value) {
			if (Double.isNaN(value) || value < 1 || value > MAX_FACTOR) {
				throw new InvalidConfigException(field, value, "must be at least 1 and at most " + (long) MAX_FACTOR);
			}
			return value;
		}

		private static Duration requireNotNegative(String field, Duration value) {
			return ConfigChecks.atMost(field, ConfigChecks.notNegative(field, value), Beat.MAX_DURATION);
		}

	}

}
