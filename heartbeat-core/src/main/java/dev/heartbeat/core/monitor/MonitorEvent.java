package dev.heartbeat.core.monitor;

import java.time.Instant;

/**
 * An event the monitor reports through its listeners: a change of a process
 * ({@link StateChange}) or of an app ({@link AppStateChange}). Listeners route it by its name.
 */
public interface MonitorEvent {

	/**
	 * The event name, e.g. {@code heartbeat.billing.dead} or {@code app.billing.degraded}.
	 * @return the event name
	 */
	String eventName();

	/**
	 * When the change happened, or a reminder's due time.
	 * @return the time
	 */
	Instant at();

	/**
	 * The engine's wall time when it noticed the change.
	 * @return the time
	 */
	Instant detectedAt();

	/**
	 * Whether this repeats a state that lasts (a process still dead, an app still dead or
	 * degraded).
	 * @return whether it is a reminder
	 */
	boolean reminder();

}
