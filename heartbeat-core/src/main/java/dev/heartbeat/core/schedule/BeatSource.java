package dev.heartbeat.core.schedule;

/**
 * Decides, on every tick, what to send. The Spring Boot starter plugs actuator health in here.
 * A source that throws or returns {@code null} is counted and the tick sends {@code degraded}.
 */
@FunctionalInterface
public interface BeatSource {

	/**
	 * A source that always says {@code beat} with health {@code UP}.
	 */
	BeatSource ALWAYS_UP = TickDecision::up;

	/**
	 * Decide what to send now.
	 * @return the decision
	 */
	TickDecision decide();

}
