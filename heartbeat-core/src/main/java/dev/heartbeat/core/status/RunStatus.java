package dev.heartbeat.core.status;

import java.util.Locale;

/**
 * The run status a process reports with every beat, and that the receiving side can set.
 */
public enum RunStatus {

	/**
	 * The process takes work.
	 */
	RUNNING,

	/**
	 * The process was told to pause: it keeps beating but takes no new work.
	 */
	PAUSED;

	/**
	 * Parse a status name, ignoring case and surrounding blanks.
	 * @param text the text, e.g. {@code PAUSED} or {@code paused}
	 * @return the status
	 * @throws IllegalArgumentException quoting the text if it is no status
	 */
	public static RunStatus parse(String text) {
		if (text != null) {
			String name = text.strip().toUpperCase(Locale.ROOT);
			for (RunStatus status : values()) {
				if (status.name().equals(name)) {
					return status;
				}
			}
		}
		throw new IllegalArgumentException("Unknown run status \"" + text + "\", expected RUNNING or PAUSED");
	}

}
