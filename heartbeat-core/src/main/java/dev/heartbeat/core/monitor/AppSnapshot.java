package dev.heartbeat.core.monitor;

import java.time.Instant;
import java.util.Map;

/**
 * What the deadline engine knows about one app at one moment.
 *
 * @param app the app's name
 * @param state its current state
 * @param reportedState the state last delivered through events ({@link AppState#UNKNOWN} if none
 * yet); differs from {@code state} while a change is held back by the hold time or a snooze
 * @param instances how many instances it has (tracked processes of the app)
 * @param live how many of them are alive (starting, up, degraded, late or paused)
 * @param minInstances how many must be alive
 * @param counts how many instances are in each state, every state included
 * @param since when its current state began
 * @param snoozedUntil until when its events are held back, {@code null} if not snoozed
 */
public record AppSnapshot(String app, AppState state, AppState reportedState, int instances, int live,
		int minInstances, Map<ProcessState, Long> counts, Instant since, Instant snoozedUntil) {

	/**
	 * Whether fewer instances are alive than the app needs. While it is not, a dead instance of
	 * the app counts as replaced: its death was reported once and it gets no reminders.
	 * @return whether {@code live < minInstances}
	 */
	public boolean isShort() {
		return this.live < this.minInstances;
	}

}
