package dev.heartbeat.core.heart;

import java.time.Duration;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.heartbeat.core.beat.ProcessIds;
import dev.heartbeat.core.config.InvalidConfigException;
import dev.heartbeat.core.config.ConfigChecks;

/**
 * Immutable configuration of a {@link Heart}: who beats and how duplicates are suppressed.
 * Build it with {@link #custom()}; every setter validates and throws an
 * {@link InvalidConfigException} naming the field it rejects.
 */
public final class HeartConfig {

	/**
	 * Default minimum interval between two identical beats: 1 second.
	 */
	public static final Duration DEFAULT_MIN_INTERVAL = Duration.ofSeconds(1);

	private final String process;

	private final String app;

	private final String instance;

	private final Duration minInterval;

	private HeartConfig(Builder builder) {
		this.process = builder.process;
		this.app = (builder.app != null) ? builder.app : builder.process;
		this.instance = (builder.instance != null) ? builder.instance : randomInstanceId();
		this.minInterval = builder.minInterval;
	}

	/**
	 * A new builder.
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
	public static Builder from(HeartConfig base) {
		return new Builder().process(base.process).app(base.app).instance(base.instance).minInterval(base.minInterval);
	}

	/**
	 * The defaults for the given process.
	 * @param process the process id
	 * @return the configuration
	 */
	public static HeartConfig ofDefaults(String process) {
		return custom().process(process).build();
	}

	/**
	 * A random instance id: 12 hex digits, unique enough to tell the starts of a process apart.
	 * @return the id
	 */
	public static String randomInstanceId() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	/**
	 * The process id; beats go to subject {@code heartbeat.<process>}.
	 * @return the process id
	 */
	public String process() {
		return this.process;
	}

	/**
	 * The application name sent with every beat; defaults to the process id.
	 * @return the application name
	 */
	public String app() {
		return this.app;
	}

	/**
	 * The id of this running instance; random by default.
	 * @return the instance id
	 */
	public String instance() {
		return this.instance;
	}

	/**
	 * A repeat of the same kind and period within this interval is not published.
	 * @return the minimum interval
	 */
	public Duration minInterval() {
		return this.minInterval;
	}

	@Override
	public String toString() {
		return "HeartConfig[process=" + this.process + ", app=" + this.app + ", instance=" + this.instance
				+ ", minInterval=" + this.minInterval + "]";
	}

	/**
	 * Builder of {@link HeartConfig}.
	 */
	public static final class Builder {

		private @Nullable String process;

		private @Nullable String app;

		private @Nullable String instance;

		private Duration minInterval = DEFAULT_MIN_INTERVAL;

		private Builder() {
		}

		/**
		 * The process id (required).
		 * @param process a valid process id
		 * @return this builder
		 * @throws InvalidConfigException if the id is invalid
		 */
		public Builder process(String process) {
			this.process = validId("process", process);
			return this;
		}

		/**
		 * The application name.
		 * @param app a non-blank name
		 * @return this builder
		 */
		public Builder app(String app) {
			if (app == null || app.isBlank()) {
				throw new InvalidConfigException("app", app, "must not be blank");
			}
			this.app = app;
			return this;
		}

		/**
		 * The instance id.
		 * @param instance a valid id (same rules as process ids)
		 * @return this builder
		 */
		public Builder instance(String instance) {
			this.instance = validId("instance", instance);
			return this;
		}

		/**
		 * The minimum interval between identical beats; zero turns suppression off.
		 * @param minInterval a non-negative duration
		 * @return this builder
		 */
		public Builder minInterval(Duration minInterval) {
			this.minInterval = ConfigChecks.notNegative("minInterval", minInterval);
			return this;
		}

		/**
		 * Build the configuration.
		 * @return the configuration
		 * @throws IllegalStateException if no process was given
		 */
		public HeartConfig build() {
			if (this.process == null) {
				throw new IllegalStateException("process is required");
			}
			return new HeartConfig(this);
		}

		private static String validId(String field, String id) {
			String reason = ProcessIds.reason(id);
			if (reason != null) {
				throw new InvalidConfigException(field, id, "is invalid: " + reason);
			}
			return id;
		}

	}

}
