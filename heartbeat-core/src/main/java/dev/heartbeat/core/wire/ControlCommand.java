package dev.heartbeat.core.wire;

import org.jspecify.annotations.Nullable;

import dev.heartbeat.core.status.RunStatus;

/**
 * A command on the control topic.
 */
public enum ControlCommand {

	/** Take the process out of work: it keeps beating with status PAUSED. */
	PAUSE("pause", RunStatus.PAUSED),

	/** Put the process back to work. */
	RESUME("resume", RunStatus.RUNNING);

	private final String value;

	private final RunStatus status;

	ControlCommand(String value, RunStatus status) {
		this.value = value;
		this.status = status;
	}

	/**
	 * The record value, {@code pause} or {@code resume}.
	 * @return the value
	 */
	public String value() {
		return this.value;
	}

	/**
	 * The run status the command asks for.
	 * @return the status
	 */
	public RunStatus status() {
		return this.status;
	}

	/**
	 * The command for a record value.
	 * @param value the value, exactly {@code pause} or {@code resume}
	 * @return the command, or {@code null} if the value is neither
	 */
	public static @Nullable ControlCommand fromValue(String value) {
		for (ControlCommand command : values()) {
			if (command.value.equals(value)) {
				return command;
			}
		}
		return null;
	}

}
