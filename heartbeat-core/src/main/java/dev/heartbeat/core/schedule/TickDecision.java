package dev.heartbeat.core.schedule;

import java.util.Objects;

/**
 * What a {@link BeatSource} wants sent on a tick, with the health code that decided it.
 *
 * @param kind beat, degraded, or silent (send nothing)
 * @param health the health status code, e.g. {@code UP} or {@code OUT_OF_SERVICE}
 */
public record TickDecision(Kind kind, String health) {

	private static final TickDecision UP = new TickDecision(Kind.BEAT, "UP");

	/**
	 * Validating constructor.
	 * @param kind the kind
	 * @param health the health code
	 */
	public TickDecision {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(health, "health");
	}

	/**
	 * A {@code beat} with health {@code UP}; a shared constant.
	 * @return the decision
	 */
	public static TickDecision up() {
		return UP;
	}

	/**
	 * A {@code beat}.
	 * @param health the health code
	 * @return the decision
	 */
	public static TickDecision beat(String health) {
		return new TickDecision(Kind.BEAT, health);
	}

	/**
	 * A {@code degraded} beat.
	 * @param health the health code
	 * @return the decision
	 */
	public static TickDecision degraded(String health) {
		return new TickDecision(Kind.DEGRADED, health);
	}

	/**
	 * Send nothing on this tick, so that the receiving side notices the silence.
	 * @param health the health code
	 * @return the decision
	 */
	public static TickDecision silent(String health) {
		return new TickDecision(Kind.SILENT, health);
	}

	/**
	 * The kinds of decision.
	 */
	public enum Kind {

		/** Send {@code beat/<period>}. */
		BEAT,

		/** Send {@code degraded/<period>}. */
		DEGRADED,

		/** Send nothing. */
		SILENT

	}

}
