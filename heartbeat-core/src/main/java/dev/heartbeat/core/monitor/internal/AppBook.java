package dev.heartbeat.core.monitor.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.heartbeat.core.monitor.AppSnapshot;
import dev.heartbeat.core.monitor.AppState;
import dev.heartbeat.core.monitor.DeadlineEngineConfig;
import dev.heartbeat.core.monitor.ProcessState;

/**
 * The apps and their instances: which app each process belongs to, how many of an app's
 * instances are in each state, and the apps to settle at the end of an operation.
 * <p>
 * A change of an instance (a new state, joining, leaving) costs O(1): it updates the app's
 * counts and puts the app on the list of apps to settle, once. At the end of the engine's
 * operation (a beat, a batch, a chunk of an advance, a snooze, a forget) each app on the list
 * is settled once: its state derived from its counts, the change reported through the
 * {@link AppStateMachine}, its timer set; an app left without instances is dropped. So an app
 * changes at most once per operation, whatever order its instances changed in, and a beat that
 * changes no process's state costs the apps nothing.
 * <p>
 * Not thread-safe: the engine guards it with its lock.
 */
final class AppBook {

	private final DeadlineEngineConfig config;

	private final AppStateMachine machine;

	private final Map<String, AppEntry> apps = new HashMap<>();

	// apps changed in the current operation, each once
	private final List<AppEntry> unsettled = new ArrayList<>();

	// apps per AppState ordinal
	private final long[] counts = new long[AppState.values().length];

	AppBook(DeadlineEngineConfig config, EventDelivery events) {
		this.config = config;
		this.machine = new AppStateMachine(config, events);
	}

	/**
	 * A process's app may have changed (its first beat, or a beat with another app): move it.
	 * @param entry the process, its app name just set
	 */
	void join(ProcessEntry entry) {
		AppEntry from = entry.group;
		AppEntry to = entry.app.isEmpty() ? null : this.apps.get(entry.app);
		if (to == null && !entry.app.isEmpty()) {
			to = new AppEntry(entry.app, this.config.minInstances(entry.app));
			this.apps.put(entry.app, to);
			this.counts[to.state]++;
		}
		if (from == to) {
			return;
		}
		if (from != null) {
			leave(entry);
		}
		entry.group = to;
		if (to != null) {
			to.count(entry.state, 1);
			if (entry.state != ProcessState.UNKNOWN.ordinal()) {
				to.moved = true;
				unsettle(to);
			}
		}
	}

	/**
	 * A process leaves its app (it is forgotten).
	 * @param entry the process
	 */
	void leave(ProcessEntry entry) {
		AppEntry app = entry.group;
		if (app != null) {
			app.count(entry.state, -1);
			app.moved = true;
			unsettle(app);
			entry.group = null;
		}
	}

	/**
	 * An instance entered a new state.
	 * @param app its app
	 * @param from the ProcessState ordinal it left
	 * @param to the ProcessState ordinal it entered
	 * @param since when it entered it
	 */
	void changed(AppEntry app, int from, int to, long since) {
		app.count(from, -1);
		app.count(to, 1);
		app.changedSince = Math.max(app.changedSince, since);
		unsettle(app);
	}

	/**
	 * An app's timer expired: settle it with the others.
	 * @param app the app
	 */
	void due(AppEntry app) {
		unsettle(app);
	}

	/**
	 * Hold back the events of an app until a time.
	 * @param name the app
	 * @param until epoch millis; not after now ends the snooze
	 * @param now the engine's time
	 * @return whether the app is tracked
	 */
	boolean snooze(String name, long until, long now) {
		AppEntry app = this.apps.get(name);
		if (app == null) {
			return false;
		}
		app.snoozedUntil = (until > now) ? until : ProcessEntry.NOT_SNOOZED;
		unsettle(app);
		return true;
	}

	/**
	 * Settle every app changed in this operation: derive its state, report (or, silently, take
	 * as reported) and set its timer; drop the apps left without instances.
	 * @param now the engine's time
	 * @param notify whether changes are reported, or taken as reported without an event
	 * @param timers where the apps' timers are set
	 */
	void settle(long now, boolean notify, ProcessTimers timers) {
		for (int i = 0; i < this.unsettled.size(); i++) {
			AppEntry app = this.unsettled.get(i);
			app.dirty = false;
			long since = app.moved ? Math.max(app.changedSince, now) : app.changedSince;
			app.changedSince = Long.MIN_VALUE;
			app.moved = false;
			if (app.instances == 0) {
				this.apps.remove(app.name);
				this.counts[app.state]--;
				timers.cancel(app);
				continue;
			}
			AppState state = AppStateMachine.derive(app);
			if (state.ordinal() != app.state) {
				this.counts[app.state]--;
				this.counts[state.ordinal()]++;
				app.state = (byte) state.ordinal();
				app.stateSince = (since != Long.MIN_VALUE) ? since : now;
			}
			app.isShort = app.live < app.minInstances;
			if (!notify) {
				this.machine.acknowledge(app, now);
			}
			timers.schedule(app, this.machine.evaluate(app, now));
		}
		this.unsettled.clear();
	}

	List<AppSnapshot> snapshots(long now) {
		List<AppSnapshot> result = new ArrayList<>(this.apps.size());
		for (AppEntry app : this.apps.values()) {
			result.add(app.snapshot(now));
		}
		return result;
	}

	AppSnapshot snapshot(String name, long now) {
		AppEntry app = this.apps.get(name);
		return (app != null) ? app.snapshot(now) : null;
	}

	Map<AppState, Long> countByState() {
		Map<AppState, Long> result = new EnumMap<>(AppState.class);
		for (AppState state : AppState.values()) {
			result.put(state, this.counts[state.ordinal()]);
		}
		return result;
	}

	/**
	 * Take what the listeners were told of an app as what its instances' restored reports give
	 * (see {@link AppStateMachine#derive(int[], int)}), without judging it now.
	 * @param app the app
	 * @param reportedCounts its instances per reported state ordinal
	 * @param now the engine's time
	 */
	void restoreReported(AppEntry app, int[] reportedCounts, long now) {
		this.machine.restoreReported(app, AppStateMachine.derive(reportedCounts, app.minInstances), now);
	}

	/**
	 * Have an app judged again at the end of the current operation, if it is still tracked.
	 * @param app the app
	 */
	void resettle(AppEntry app) {
		if (this.apps.get(app.name) == app) {
			unsettle(app);
		}
	}

	private void unsettle(AppEntry app) {
		if (!app.dirty) {
			app.dirty = true;
			this.unsettled.add(app);
		}
	}

}
