package dev.heartbeat.core.monitor;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * nearest double). A {@code start/<warmup>} uses the warm-up as {@code P}.
 * <p>
 * Processes are grouped by app (see {@link AppState}): an app needs
 * {@linkplain #minInstances(String) a minimum of alive instances} to be {@code UP}. A process
 * stopped or dead for longer than its retention is forgotten. A process with a
 * {@linkplain #schedules() schedule} is judged by its next scheduled run instead of its period
 * (see {@link JobSchedule}).
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
	 * Default time a watched partition may go unseen before it counts as blind: 3 seconds.
	 */
	public static final Duration DEFAULT_BLIND_AFTER = Duration.ofSeconds(3);

	/**
	 * The largest factor accepted, for either factor.
	 */
	public static final double MAX_FACTOR = 1000;

	/**
	 * Default minimum of alive instances of an app: 1.
	 */
	public static final int DEFAULT_MIN_INSTANCES = 1;

	/**
	 * The largest minimum of alive instances accepted.
	 */
	public static final int MAX_MIN_INSTANCES = 1_000_000;

	/**
	 * Default time after which a stopped process is forgotten: 15 minutes.
	 */
	public static final Duration DEFAULT_FORGET_STOPPED_AFTER = Duration.ofMinutes(15);

	/**
	 * Default time after which a dead process is forgotten: 24 hours.
	 */
	public static final Duration DEFAULT_FORGET_DEAD_AFTER = Duration.ofHours(24);

	private static final DeadlineEngineConfig DEFAULTS = custom().build();

	private final double lateFactor;

	private final double reportByBuffer;

	private final Duration holdTime;

	private final Duration reminderInterval;

	private final Duration maxDuration;

	private final int minInstances;

	private final Map<String, Integer> appMinInstances;

	private final Duration forgetStoppedAfter;

	private final Duration forgetDeadAfter;

	private final Duration blindAfter;

	private final ScheduleLookup schedules;

	private DeadlineEngineConfig(Builder builder) {
		this.lateFactor = builder.lateFactor;
		this.reportByBuffer = builder.reportByBuffer;
		this.holdTime = builder.holdTime;
		this.reminderInterval = builder.reminderInterval;
		this.maxDuration = builder.maxDuration;
		this.minInstances = builder.minInstances;
		this.appMinInstances = Map.copyOf(builder.appMinInstances);
		this.forgetStoppedAfter = builder.forgetStoppedAfter;
		this.forgetDeadAfter = builder.forgetDeadAfter;
		this.blindAfter = builder.blindAfter;
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
			.minInstances(base.minInstances)
			.minInstances(base.appMinInstances)
			.forgetStoppedAfter(base.forgetStoppedAfter)
			.forgetDeadAfter(base.forgetDeadAfter)
			.blindAfter(base.blindAfter)
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
	 * How many instances of an app must be alive for it to be {@code UP}, for every app without
	 * a minimum of its own.
	 * @return the default minimum, at least 1
	 */
	public int minInstances() {
		return this.minInstances;
	}

	/**
	 * How many instances of one app must be alive for it to be {@code UP}.
	 * @param app the app's name
	 * @return its own minimum, or the {@linkplain #minInstances() default}
	 */
	public int minInstances(String app) {
		return this.appMinInstances.getOrDefault(app, this.minInstances);
	}

	/**
	 * The apps with a minimum of their own.
	 * @return their minimums, by app name
	 */
	public Map<String, Integer> appMinInstances() {
		return this.appMinInstances;
	}

	/**
	 * How long after its {@code stop} a stopped process is forgotten; zero keeps it forever.
	 * @return the retention of stopped processes
	 */
	public Duration forgetStoppedAfter() {
		return this.forgetStoppedAfter;
	}

	/**
	 * How long after its dead deadline a dead process is forgotten; zero keeps it forever.
	 * @return the retention of dead processes
	 */
	public Duration forgetDeadAfter() {
		return this.forgetDeadAfter;
	}

	/**
	 * How long a watched partition may go unseen (see {@link DeadlineEngine#watch}) before it
	 * counts as blind, which the engine tells its listeners ({@link SightChange}). Its verdicts
	 * are held whenever it is not seen up to their time, blind or not.
	 * @return the time
	 */
	public Duration blindAfter() {
		return this.blindAfter;
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
				+ this.maxDuration + ", minInstances=" + this.minInstances + ", appMinInstances="
				+ this.appMinInstances + ", forgetStoppedAfter=" + this.forgetStoppedAfter + ", forgetDeadAfter="
				+ this.forgetDeadAfter + ", blindAfter=" + this.blindAfter + "]";
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

		private int minInstances = DEFAULT_MIN_INSTANCES;

		private final Map<String, Integer> appMinInstances = new LinkedHashMap<>();

		private Duration forgetStoppedAfter = DEFAULT_FORGET_STOPPED_AFTER;

		private Duration forgetDeadAfter = DEFAULT_FORGET_DEAD_AFTER;

		private Duration blindAfter = DEFAULT_BLIND_AFTER;

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
			this.maxDuration = requirePositive("maxDuration", maxDuration);
			return this;
		}

		/**
		 * How long a watched partition may go unseen before it counts as blind.
		 * @param blindAfter positive and at most {@link Beat#MAX_DURATION}
		 * @return this builder
		 */
		public Builder blindAfter(Duration blindAfter) {
			this.blindAfter = requirePositive("blindAfter", blindAfter);
			return this;
		}

		/**
		 * How many instances of an app must be alive for it to be {@code UP}, for every app
		 * without a minimum of its own.
		 * @param minInstances at least 1 and at most {@value DeadlineEngineConfig#MAX_MIN_INSTANCES}
		 * @return this builder
		 */
		public Builder minInstances(int minInstances) {
			this.minInstances = requireMinInstances(minInstances);
			return this;
		}

		/**
		 * How many instances of one app must be alive for it to be {@code UP}.
		 * @param app the app's name, not empty
		 * @param minInstances at least 1 and at most {@value DeadlineEngineConfig#MAX_MIN_INSTANCES}
		 * @return this builder
		 */
		public Builder minInstances(String app, int minInstances) {
			Objects.requireNonNull(app, "app");
			if (app.isEmpty()) {
				throw new InvalidConfigException("app", app, "must not be empty (processes without an app form none)");
			}
			this.appMinInstances.put(app, requireMinInstances(minInstances));
			return this;
		}

		/**
		 * How many instances of some apps must be alive, each checked as by
		 * {@link #minInstances(String, int)}.
		 * @param minInstances the minimums, by app name
		 * @return this builder
		 */
		public Builder minInstances(Map<String, Integer> minInstances) {
			minInstances.forEach(this::minInstances);
			return this;
		}

		/**
		 * How long after its {@code stop} a stopped process is forgotten.
		 * @param forgetStoppedAfter a non-negative duration, at most {@link Beat#MAX_DURATION};
		 * zero keeps stopped processes forever
		 * @return this builder
		 */
		public Builder forgetStoppedAfter(Duration forgetStoppedAfter) {
			this.forgetStoppedAfter = requireNotNegative("forgetStoppedAfter", forgetStoppedAfter);
			return this;
		}

		/**
		 * How long after its dead deadline a dead process is forgotten.
		 * @param forgetDeadAfter a non-negative duration, at most {@link Beat#MAX_DURATION}; zero
		 * keeps dead processes forever
		 * @return this builder
		 */
		public Builder forgetDeadAfter(Duration forgetDeadAfter) {
			this.forgetDeadAfter = requireNotNegative("forgetDeadAfter", forgetDeadAfter);
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

		private static int requireMinInstances(int value) {
			if (value < 1 || value > MAX_MIN_INSTANCES) {
				throw new InvalidConfigException("minInstances", value,
						"must be at least 1 and at most " + MAX_MIN_INSTANCES);
			}
			return value;
		}

		private static Duration requirePositive(String field, Duration value) {
			return ConfigChecks.atMost(field, ConfigChecks.positive(field, value), Beat.MAX_DURATION);
		}

		private static Duration requireNotNegative(String field, Duration value) {
			return ConfigChecks.atMost(field, ConfigChecks.notNegative(field, value), Beat.MAX_DURATION);
		}

	}

}
