package dev.heartbeat.boot.diagnostics;

import java.util.Objects;

/**
 * Thrown when the heartbeat cannot start with the application's configuration, for example
 * when no publisher is configured or {@code heartbeat.health.group} names no group. It carries
 * what is wrong and what to do about it, which {@link HeartbeatFailureAnalyzer} shows in Spring
 * Boot's "APPLICATION FAILED TO START" report.
 */
public class HeartbeatStartupException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String description;

	private final String action;

	/**
	 * Create the exception.
	 * @param description what is wrong, naming the properties involved
	 * @param action what to do about it
	 */
	public HeartbeatStartupException(String description, String action) {
		super(Objects.requireNonNull(description, "description") + " " + Objects.requireNonNull(action, "action"));
		this.description = description;
		this.action = action;
	}

	/**
	 * What is wrong.
	 * @return the description
	 */
	public String getDescription() {
		return this.description;
	}

	/**
	 * What to do about it.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
