package dev.heartbeat.boot.monitor.listener;

import java.time.Duration;
import java.time.Instant;

import dev.heartbeat.core.beat.BeatKind;
import dev.heartbeat.core.monitor.LastBeatInfo;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.monitor.StateChange;
import dev.heartbeat.core.status.RunStatus;

/**
 * State changes for tests.
 */
public final class TestChanges {

	/**
	 * The time every change happens at.
	 */
	public static final Instant AT = Instant.parse("2026-01-01T00:00:15Z");

	/**
	 * The record time of the last beat of every change.
	 */
	public static final Instant LAST_BEAT = Instant.parse("2026-01-01T00:00:00Z");

	private TestChanges() {
	}

	/**
	 * A change of a process with a 5 s period.
	 * @param process the process
	 * @param app the app
	 * @param from the previous state
	 * @param to the new state
	 * @return the change
	 */
	public static StateChange change(String process, String app, ProcessState from, ProcessState to) {
		LastBeatInfo lastBeat = new LastBeatInfo(BeatKind.BEAT, Duration.ofSeconds(5), LAST_BEAT, "a1b2c3", 7,
				RunStatus.RUNNING, "UP");
		return new StateChange(process, app, from, to, AT, AT.plusMillis(2), lastBeat, false);
	}

	/**
	 * A change of process {@code billing} of app {@code shop} from UP to DEAD.
	 * @return the change
	 */
	public static StateChange dead() {
		return change("billing", "shop", ProcessState.UP, ProcessState.DEAD);
	}

	/**
	 * A change of a process to STOPPED after a stop beat.
	 * @param process the process
	 * @return the change
	 */
	public static StateChange stopped(String process) {
		LastBeatInfo lastBeat = new LastBeatInfo(BeatKind.STOP, null, AT, "", 3, RunStatus.RUNNING, "UNKNOWN");
		return new StateChange(process, "", ProcessState.UP, ProcessState.STOPPED, AT, AT, lastBeat, false);
	}

}
