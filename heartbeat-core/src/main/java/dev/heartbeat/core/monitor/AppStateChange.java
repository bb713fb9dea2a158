package dev.heartbeat.core.monitor;

import java.time.Instant;

/**
 * A change of state of one app, as delivered to {@link MonitorListener}s.
 * <p>
 * The events of one app form a chain: the {@code from} of each is the {@code to} of the one
 * before ({@link AppState#UNKNOWN} for the first). A reminder repeats {@code DEAD → DEAD} or
 * {@code DEGRADED → DEGRADED}.
 *
 * @param app the app's name
 * @param from the state last reported for the app
 * @param to the new state
 * @param at when the change happened: when the instance change that caused it happened (the
 * deadline itself for a death), or the reminder's due time
 * @param detectedAt the engine's wall time when it noticed the change
 * @param instances how many instances the app has (tracked processes of the app)
 * @param live how many of them are alive
 * @param minInstances how many must be alive for the app to be {@code UP}
 * @param reminder whether this is a reminder that the app is still dead or degraded
 */
public record AppStateChange(String app, AppState from, AppState to, Instant at, Instant detectedAt, int instances,
		int live, int minInstances, boolean reminder) implements MonitorEvent {

	/**
	 * The prefix of every app event name.
	 */
	public static final String EVENT_PREFIX = "app.";

	/**
	 * The event name, {@code app.<app>.<to in lower case>}, e.g. {@code app.billing.degraded}.
	 * @return the event name
	 */
	@Override
	public String eventName() {
		return EVENT_PREFIX + this.app + '.' + this.to.eventName();
	}

}
