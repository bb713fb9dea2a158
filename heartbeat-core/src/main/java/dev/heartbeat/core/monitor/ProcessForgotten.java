package dev.heartbeat.core.monitor;

import java.time.Instant;

/**
 * A process the engine stopped tracking, as told to {@link MonitorListener#onForgotten}. No event
 * is fired for it: a listener that keeps state about processes (the monitor's Kafka side writes a
 * tombstone for it) learns of it here.
 *
 * @param process the process id
 * @param app the application name, {@code ""} if unknown
 * @param state the state it was in
 * @param lastBeat its last accepted beat
 * @param at the engine's wall time when it was forgotten
 * @param reason why
 * @param partition the partition its records came from, {@code -1} if none is known (not when
 * a revoked partition's processes are dropped: those are not forgotten this way)
 */
public record ProcessForgotten(String process, String app, ProcessState state, LastBeatInfo lastBeat, Instant at,
		Reason reason, int partition) {

	/**
	 * Why a process was forgotten.
	 */
	public enum Reason {

		/**
		 * It was stopped or dead for longer than its retention
		 * ({@link DeadlineEngineConfig#forgetStoppedAfter()},
		 * {@link DeadlineEngineConfig#forgetDeadAfter()}).
		 */
		RETENTION,

		/**
		 * It was asked for, with {@link DeadlineEngine#forget(String)}.
		 */
		REQUEST,

		/**
		 * Its tombstone was read on the heartbeat topic.
		 */
		TOMBSTONE

	}

}
