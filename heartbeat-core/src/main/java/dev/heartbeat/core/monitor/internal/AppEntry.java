package dev.heartbeat.core.monitor.internal;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import dev.heartbeat.core.monitor.AppSnapshot;
import dev.heartbeat.core.monitor.AppState;
import dev.heartbeat.core.monitor.ProcessState;

/**
 * What the engine keeps per app: how many of its instances are in each state (kept up to date
 * whenever an instance changes state, joins or leaves), its derived state and what was reported
 * of it, and its one timer (hold end, reminder or snooze end) in the engine's timing wheel.
 * <p>
 * Every field is guarded by the lock of the owning {@link EngineCore}.
 */
final class AppEntry extends TimerWheel.Node {

	private static final ProcessState[] PROCESS_STATES = ProcessState.values();

	private static final AppState[] STATES = AppState.values();

	private static final boolean[] ALIVE = new boolean[PROCESS_STATES.length];

	private static final int UNKNOWN = ProcessState.UNKNOWN.ordinal();

	static {
		for (ProcessState state : PROCESS_STATES) {
			ALIVE[state.ordinal()] = AppState.isAlive(state);
		}
	}

	final String name;

	final int minInstances;

	// instances per ProcessState ordinal
	final int[] counts = new int[PROCESS_STATES.length];

	// instances in a state other than UNKNOWN (a process is UNKNOWN only within an operation)
	int instances;

	// instances alive
	int live;

	// AppState ordinals: the derived state as of the last settle, and the one last reported
	byte state = (byte) AppState.UNKNOWN.ordinal();

	byte reported = (byte) AppState.UNKNOWN.ordinal();

	// when the current state began
	long stateSince;

	// the due time of the last reminder, or when the state reminded of was reported
	long reminderAnchor;

	// epoch millis until which events are held back, or ProcessEntry.NOT_SNOOZED
	long snoozedUntil = ProcessEntry.NOT_SNOOZED;

	// whether fewer instances were alive than the minimum, as of the last settle: while not, the
	// dead instances count as replaced and get no reminders
	boolean isShort;

	// in the list of apps to settle at the end of the operation
	boolean dirty;

	// the latest time an instance entered a new state in this operation, Long.MIN_VALUE if none
	long changedSince = Long.MIN_VALUE;

	// whether an instance joined or left in this operation
	boolean moved;

	AppEntry(String name, int minInstances) {
		this.name = name;
		this.minInstances = minInstances;
	}

	// one more (delta 1) or one less (delta -1) instance in a state
	void count(int state, int delta) {
		this.counts[state] += delta;
		if (state != UNKNOWN) {
			this.instances += delta;
		}
		if (ALIVE[state]) {
			this.live += delta;
		}
	}

	int count(ProcessState state) {
		return this.counts[state.ordinal()];
	}

	AppState currentState() {
		return STATES[this.state];
	}

	AppState reportedState() {
		return STATES[this.reported];
	}

	AppSnapshot snapshot(long now) {
		Map<ProcessState, Long> byState = new EnumMap<>(ProcessState.class);
		for (ProcessState state : PROCESS_STATES) {
			byState.put(state, (long) this.counts[state.ordinal()]);
		}
		Instant snoozed = (this.snoozedUntil > now) ? Instant.ofEpochMilli(this.snoozedUntil) : null;
		return new AppSnapshot(this.name, currentState(), reportedState(), this.instances, this.live,
				this.minInstances, byState, Instant.ofEpochMilli(this.stateSince), snoozed);
	}

}
