package dev.heartbeat.boot.monitor.autoconfigure;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import dev.heartbeat.boot.monitor.board.StatusBoard;
import dev.heartbeat.boot.support.PropertyErrors;

/**
 * Configuration properties of the status board, under {@code heartbeat.monitor.board}. They
 * validate themselves when they are bound, so a bad value fails start-up with a message that
 * names the property and the value.
 */
@ConfigurationProperties(StatusBoardProperties.PREFIX)
public class StatusBoardProperties implements Validator {

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

	/**
	 * Public URL of the status board, e.g. https://ops.example.com/heartbeat/; notifications link
	 * to it when set (the board need not be served by this application).
	 */
	private URI url;

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

	public URI getUrl() {
		return this.url;
	}

	public void setUrl(URI url) {
		this.url = url;
	}

	@Override
	public boolean supports(Class<?> type) {
		return StatusBoardProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors springErrors) {
		StatusBoardProperties properties = (StatusBoardProperties) target;
		PropertyErrors errors = new PropertyErrors(springErrors, PREFIX + ".");
		String problem = StatusBoard.pathProblem(properties.getPath());
		if (problem != null) {
			errors.reject("path", properties.getPath(), problem);
		}
		Duration refresh = properties.getRefreshInterval();
		if (refresh == null || refresh.compareTo(MIN_REFRESH) < 0 || refresh.compareTo(MAX_REFRESH) > 0) {
			errors.reject("refreshInterval", refresh, "must be between " + PropertyErrors.show(MIN_REFRESH) + " and "
					+ PropertyErrors.show(MAX_REFRESH));
		}
		if (properties.getUrl() != null) {
			errors.httpUrl("url", properties.getUrl().toString());
		}
	}

}
