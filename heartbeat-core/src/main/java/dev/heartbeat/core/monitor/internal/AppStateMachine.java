package dev.heartbeat.core.monitor.internal;

import java.time.Instant;

import dev.heartbeat.core.monitor.AppState;
import dev.heartbeat.core.monitor.AppStateChange;
import dev.heartbeat.core.monitor.DeadlineEngineConfig;
import dev.heartbeat.core.monitor.ProcessState;

/**
 * The state of each app and the events of its changes: which state its instances give (see
 * {@link AppState}), when a change is reported (at once for {@code DEAD} and {@code STOPPED},
 * after the hold time otherwise, after a snooze in any case), and the reminders of an app that
 * stays dead or degraded, as a process's are.
 * <p>
 * Not thread-safe: the engine guards it with its lock.
 */
final class AppStateMachine {

	private static final int DEAD = AppState.DEAD.ordinal();

	private static final int DEGRADED = AppState.DEGRADED.ordinal();

	private static final int STOPPED = AppState.STOPPED.ordinal();

	private final long holdMillis;

	private final long reminderMillis;

	private final EventDelivery events;

	AppStateMachine(DeadlineEngineConfig config, EventDelivery events) {
		this.holdMillis = ProcessStateMachine.ceilMillis(config.holdTime());
		this.reminderMillis = ProcessStateMachine.ceilMillis(config.reminderInterval());
		this.events = events;
	}

	/**
	 * The state an app's instances give, the first rule that applies.
	 * @param app the app, with at least one instance
	 * @return its state
	 */
	static AppState derive(AppEntry app) {
		return derive(app.counts, app.instances, app.live, app.minInstances);
	}

	/**
	 * The state of an app whose instances are in the given states.
	 * @param counts the instances per {@link ProcessState} ordinal
	 * @param minInstances how many must be alive
	 * @return its state, {@link AppState#UNKNOWN} if no instance has a known state
	 */
	static AppState derive(int[] counts, int minInstances) {
		int instances = 0;
		int live = 0;
		for (ProcessState state : ProcessState.values()) {
			if (state != ProcessState.UNKNOWN) {
				instances += counts[state.ordinal()];
				live += AppState.isAlive(state) ? counts[state.ordinal()] : 0;
			}
		}
		return (instances > 0) ? derive(counts, instances, live, minInstances) : AppState.UNKNOWN;
	}

	private static AppState derive(int[] counts, int instances, int live, int minInstances) {
		if (counts[ProcessState.STOPPED.ordinal()] == instances) {
			return AppState.STOPPED;
		}
		if (live == 0) {
			return AppState.DEAD;
		}
		if (counts[ProcessState.PAUSED.ordinal()] == live) {
			return AppState.PAUSED;
		}
		if (live < minInstances || counts[ProcessState.DEGRADED.ordinal()] > 0) {
			return AppState.DEGRADED;
		}
		return (counts[ProcessState.STARTING.ordinal()] == live) ? AppState.STARTING : AppState.UP;
	}

	/**
	 * Report what is due of an app at a time: its change, once the hold time and any snooze
	 * allow, and its reminders.
	 * @param app the app, its state derived
	 * @param now the engine's time
	 * @return when it next needs a look, or {@link ProcessStateMachine#NEVER}
	 */
	long evaluate(AppEntry app, long now) {
		boolean snoozed = app.snoozedUntil > now;
		if (!snoozed) {
			app.snoozedUntil = ProcessEntry.NOT_SNOOZED;
		}
		long next = ProcessStateMachine.NEVER;
		if (app.state != app.reported) {
			boolean immediate = this.holdMillis == 0 || app.state == DEAD || app.state == STOPPED;
			long reportAt = Math.max(immediate ? now : app.stateSince + this.holdMillis, snoozed ? app.snoozedUntil : now);
			if (reportAt > now) {
				return reportAt;
			}
			report(app, app.stateSince, false, now);
		}
		boolean reminded = app.state == DEAD || app.state == DEGRADED;
		if (this.reminderMillis > 0 && reminded) {
			long due = app.reminderAnchor + this.reminderMillis;
			if (!snoozed && due <= now) {
				// reminders missed while behind are coalesced into the latest one
				app.reminderAnchor = due + (now - due) / this.reminderMillis * this.reminderMillis;
				report(app, app.reminderAnchor, true, now);
				due = app.reminderAnchor + this.reminderMillis;
			}
			next = snoozed ? app.snoozedUntil : due;
		}
		return next;
	}

	// what the listeners were told of an app, as its instances' restored reports give it
	void restoreReported(AppEntry app, AppState reported, long now) {
		if (reported != AppState.UNKNOWN && app.reported != reported.ordinal()) {
			app.reported = (byte) reported.ordinal();
			app.reminderAnchor = now;
		}
	}

	// the state taken as reported without an event (a rebuild, or processes given to another monitor)
	void acknowledge(AppEntry app, long now) {
		if (app.reported != app.state) {
			app.reported = app.state;
			app.reminderAnchor = now;
		}
	}

	private void report(AppEntry app, long at, boolean reminder, long now) {
		AppState from = app.reportedState();
		if (!reminder) {
			app.reported = app.state;
			app.reminderAnchor = now;
		}
		this.events.add(new AppStateChange(app.name, from, app.currentState(), Instant.ofEpochMilli(at),
				Instant.ofEpochMilli(now), app.instances, app.live, app.minInstances, reminder));
	}

}
