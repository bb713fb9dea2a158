package dev.heartbeat.core.schedule;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.config.InvalidConfigException;
import dev.heartbeat.core.config.ConfigChecks;

/**
 * Immutable timing configuration of a {@link BeatScheduler}. Build it with {@link #custom()};
 * every setter validates and throws an {@link InvalidConfigException} naming the field it rejects.
 */
public final class SchedulerConfig {

	/** Default period: 5 seconds. */
	public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(5);

	/** Default warm-up: 60 seconds. */
	public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(60);

	/** Default publisher timeout: 2 seconds. */
	public static final Duration DEFAULT_PUBLISHER_TIMEOUT = Duration.ofSeconds(2);

	/** Default shutdown grace: 5 seconds. */
	public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(5);

	private final Duration period;

	private final Duration warmup;

	private final Duration initialDelay;

	private final Duration publisherTimeout;

	private final Duration shutdownGrace;

	private SchedulerConfig(Builder builder) {
		this.period = builder.period;
		this.warmup = builder.warmup;
		this.initialDelay = (builder.initialDelay != null) ? builder.initialDelay : builder.warmup;
		this.publisherTimeout = builder.publisherTimeout;
		this.shutdownGrace = builder.shutdownGrace;
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
	public static Builder from(SchedulerConfig base) {
		return new Builder().period(base.period)
			.warmup(base.warmup)
			.initialDelay(base.initialDelay)
			.publisherTimeout(base.publisherTimeout)
			.shutdownGrace(base.shutdownGrace);
	}

	/**
	 * The defaults.
	 * @return the configuration
	 */
	public static SchedulerConfig ofDefaults() {
		return custom().build();
	}

	/**
	 * Time between ticks, sent as the period of every beat.
	 * @return the period
	 */
	public Duration period() {
		return this.period;
	}

	/**
	 * Warm-up announced by {@code start/<warmup>}: the receiver expects the first beat within it.
	 * @return the warm-up
	 */
	public Duration warmup() {
		return this.warmup;
	}

	/**
	 * Time from start to the first tick; the ticks that follow are aligned to it. Defaults to the
	 * warm-up.
	 * @return the initial delay
	 */
	public Duration initialDelay() {
		return this.initialDelay;
	}

	/**
	 * How long one publisher may take for one beat before it counts as timed out.
	 * @return the timeout
	 */
	public Duration publisherTimeout() {
		return this.publisherTimeout;
	}

	/**
	 * How long {@link BeatScheduler#stop()} waits for in-flight publishes, {@code stop} included.
	 * @return the grace
	 */
	public Duration shutdownGrace() {
		return this.shutdownGrace;
	}

	@Override
	public String toString() {
		return "SchedulerConfig[period=" + this.period + ", warmup=" + this.warmup + ", initialDelay="
				+ this.initialDelay + ", publisherTimeout=" + this.publisherTimeout + ", shutdownGrace="
				+ this.shutdownGrace + "]";
	}

	/**
	 * Builder of {@link SchedulerConfig}.
	 */
	public static final class Builder {

		private Duration period = DEFAULT_PERIOD;

		private Duration warmup = DEFAULT_WARMUP;

		private @Nullable Duration initialDelay;

		private Duration publisherTimeout = DEFAULT_PUBLISHER_TIMEOUT;

		private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;

		private Builder() {
		}

		/**
		 * The period.
		 * @param period at least one millisecond and at most {@link Beat#MAX_DURATION}, the
		 * longest a beat carries
		 * @return this builder
		 */
		public Builder period(Duration period) {
			this.period = beatDuration("period", period);
			return this;
		}

		/**
		 * The warm-up.
		 * @param warmup at least one millisecond and at most {@link Beat#MAX_DURATION}, the
		 * longest a beat carries
		 * @return this builder
		 */
		public Builder warmup(Duration warmup) {
			this.warmup = beatDuration("warmup", warmup);
			return this;
		}

		/**
		 * The delay before the first tick.
		 * @param initialDelay a non-negative duration
		 * @return this builder
		 */
		public Builder initialDelay(Duration initialDelay) {
			this.initialDelay = ConfigChecks.notNegative("initialDelay", initialDelay);
			return this;
		}

		/**
		 * The publisher timeout.
		 * @param publisherTimeout at least one millisecond
		 * @return this builder
		 */
		public Builder publisherTimeout(Duration publisherTimeout) {
			this.publisherTimeout = ConfigChecks.atLeastOneMilli("publisherTimeout", publisherTimeout);
			return this;
		}

		/**
		 * The shutdown grace.
		 * @param shutdownGrace a non-negative duration
		 * @return this builder
		 */
		public Builder shutdownGrace(Duration shutdownGrace) {
			this.shutdownGrace = ConfigChecks.notNegative("shutdownGrace", shutdownGrace);
			return this;
		}

		/**
		 * Build the configuration.
		 * @return the configuration
		 */
		public SchedulerConfig build() {
			return new SchedulerConfig(this);
		}

		private static Duration beatDuration(String field, Duration value) {
			return ConfigChecks.atMost(field, ConfigChecks.atLeastOneMilli(field, value), Beat.MAX_DURATION);
		}

	}

}
