package dev.heartbeat.core.monitor;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Told of what the deadline engine sees. Every method has a default that does nothing.
 * <p>
 * Listeners run after the engine's lock is released, on a thread that called the engine, one
 * event at a time and in the order the events happened. A listener that throws is logged with
 * the event and does not keep the other listeners from running. Listeners must be quick and must
 * not block: while one runs, events of other threads wait for it; hand slow work (HTTP calls,
 * retries) to an executor.
 */
public interface MonitorListener {

	/**
	 * A listener that does nothing.
	 */
	MonitorListener NO_OP = new MonitorListener() {

		@Override
		public String toString() {
			return "MonitorListener.NO_OP";
		}

	};

	/**
	 * A process changed state, or a reminder that it is still dead fell due.
	 * @param change the change
	 */
	default void onStateChange(StateChange change) {
	}

	/**
	 * An app changed state, or a reminder that it is still dead or degraded fell due.
	 * @param change the change
	 */
	default void onAppStateChange(AppStateChange change) {
	}

	/**
	 * A process is no longer tracked: it was stopped or dead past its retention, forgotten on
	 * request, or its tombstone was read. Not told when a monitor gives up the processes of a
	 * partition another monitor takes over ({@link DeadlineEngine#forgetIf}).
	 * @param forgotten the process
	 */
	default void onForgotten(ProcessForgotten forgotten) {
	}

	/**
	 * A record was out of order or a duplicate and changed nothing.
	 * @param record the record
	 */
	default void onStaleRecord(BeatRecord record) {
	}

	/**
	 * A record was absurd (e.g. a period above the configured maximum) and changed nothing.
	 * @param record the record
	 */
	default void onRejectedRecord(BeatRecord record) {
	}

	/**
	 * The monitor lost or regained sight of partitions of the heartbeat topic.
	 * @param change the change
	 */
	default void onSightChange(SightChange change) {
	}

	/**
	 * A process was snoozed, or its snooze ended early, through {@link DeadlineEngine#snooze}.
	 * @param process the process id
	 * @param until until when its events are held back, {@code null} when the snooze was ended
	 */
	default void onSnoozed(String process, Instant until) {
	}

	/**
	 * A listener that only hears state changes.
	 * @param consumer what to do with each change
	 * @return the listener
	 */
	static MonitorListener forStateChanges(Consumer<? super StateChange> consumer) {
		Objects.requireNonNull(consumer, "consumer");
		return new MonitorListener() {

			@Override
			public void onStateChange(StateChange change) {
				consumer.accept(change);
			}

		};
	}

}
