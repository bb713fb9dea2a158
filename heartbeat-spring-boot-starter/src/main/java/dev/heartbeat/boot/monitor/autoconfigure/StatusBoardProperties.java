package dev.heartbeat.boot.monitor.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import dev.heartbeat.boot.monitor.board.StatusBoard;

/**
 * Configuration properties of the status board, under {@code heartbeat.monitor.board}.
 */
@ConfigurationProperties(StatusBoardProperties.PREFIX)
public class StatusBoardProperties {

	/**
	 * The prefix of the board's properties.
	 */
	public static final String PREFIX = "heartbeat.monitor.board";

	static final Duration MIN_REFRESH = Duration.ofMillis(500);

	static final Duration MAX_REFRESH = Duration.ofHours(1);

	/**
	 * Whether a monitor that serves HTTP shows the status board.
	 */
	private boolean enabled = true;

	/**
	 * Path of the status board, e.g. /heartbeat (the page is at /heartbeat/).
	 */
	private String path = "/heartbeat";

	/**
	 * How often the board reloads the processes.
	 */
	private Duration refreshInterval = Duration.ofSeconds(2);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public Duration getRefreshInterval() {
		return this.refreshInterval;
	}

	public void setRefreshInterval(Duration refreshInterval) {
		this.refreshInterval = refreshInterval;
	}

	/**
	 * Check every value, so that a mistake fails the start-up with a message naming the property
	 * and the value.
	 * @throws InvalidConfigurationPropertyValueException for the first invalid value
	 */
	public void validate() {
		String problem = StatusBoard.pathProblem(this.path);
		if (problem != null) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".path", this.path, problem);
		}
		if (this.refreshInterval == null || this.refreshInterval.compareTo(MIN_REFRESH) < 0
				|| this.refreshInterval.compareTo(MAX_REFRESH) > 0) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".refresh-interval", this.refreshInterval,
					"must be between " + MIN_REFRESH.toMillis() + "ms and " + MAX_REFRESH.toHours() + "h");
		}
	}


}
