package dev.heartbeat.boot.monitor.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import dev.heartbeat.boot.monitor.board.StatusBoard;
import dev.heartbeat.boot.support.PropertyErrors;
import dev.heartbeat.core.wire.ControlSignature;

/**
 * Configuration properties of the monitor's HTTP ingest, under {@code heartbeat.monitor.ingest}.
 * They validate themselves when they are bound (when the ingest is enabled), so a bad value fails
 * start-up with a message that names the property (and the value, unless it is the token).
 */
@ConfigurationProperties(IngestProperties.PREFIX)
public class IngestProperties implements Validator {

	/**
	 * The prefix of the ingest's properties.
	 */
	public static final String PREFIX = "heartbeat.monitor.ingest";

	static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);

	/**
	 * Whether a monitor that serves HTTP takes beats at POST <path>/<process>.
	 */
	private boolean enabled = false;

	/**
	 * Path the beats are POSTed under, as <path>/<process>.
	 */
	private String path = "/heartbeat/in";

	/**
	 * Bearer token (at least 32 bytes) every request must carry as Authorization: Bearer <token>;
	 * required unless the application's Spring Security (a SecurityFilterChain bean) guards the
	 * path.
	 */
	private @Nullable String token;

	/**
	 * How long a request may wait for the broker to take the beat before it is answered 503.
	 */
	private Duration timeout = Duration.ofSeconds(2);

	/**
	 * How many requests are taken at once; one more is answered 503 at once.
	 */
	private int maxConcurrent = 16;

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

	public @Nullable String getToken() {
		return this.token;
	}

	public void setToken(@Nullable String token) {
		this.token = token;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public int getMaxConcurrent() {
		return this.maxConcurrent;
	}

	public void setMaxConcurrent(int maxConcurrent) {
		this.maxConcurrent = maxConcurrent;
	}

	@Override
	public boolean supports(Class<?> type) {
		return IngestProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors springErrors) {
		IngestProperties properties = (IngestProperties) target;
		if (!properties.isEnabled()) {
			return;
		}
		PropertyErrors errors = new PropertyErrors(springErrors, PREFIX + ".").path("secret", "token");
		String problem = StatusBoard.pathProblem(properties.getPath());
		if (problem != null) {
			errors.reject("path", properties.getPath(), problem.replace("e.g. /heartbeat", "e.g. /heartbeat/in"));
		}
		if (properties.getToken() != null) {
			// the same rule as the control secret's: at least 32 bytes, never shown
			errors.core(() -> new ControlSignature(properties.getToken()));
		}
		Duration timeout = properties.getTimeout();
		if (timeout == null || timeout.toMillis() < 1 || timeout.compareTo(MAX_TIMEOUT) > 0) {
			errors.reject("timeout", timeout, "must be between 1ms and " + PropertyErrors.show(MAX_TIMEOUT));
		}
		if (properties.getMaxConcurrent() < 1) {
			errors.reject("maxConcurrent", properties.getMaxConcurrent(), "must be at least 1");
		}
	}

}
