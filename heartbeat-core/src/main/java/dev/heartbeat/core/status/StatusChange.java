package dev.heartbeat.core.status;

import java.time.Instant;
import java.util.Objects;

/**
 * A change of run status.
 *
 * @param from the status before
 * @param to the status after
 * @param source who asked for it, e.g. {@code local}, {@code control-topic}, {@code http-feedback}
 * @param at when the change happened
 */
public record StatusChange(RunStatus from, RunStatus to, String source, Instant at) {

	/**
	 * Validating constructor.
	 * @param from the status before
	 * @param to the status after
	 * @param source who asked for it
	 * @param at when
	 */
	public StatusChange {
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(to, "to");
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(at, "at");
	}

}
