package dev.heartbeat.core.schedule;

import java.time.Duration;

import dev.heartbeat.core.beat.BeatKind;

/**
 * Told what the scheduler does, for meters and logs. All methods have empty defaults; a listener
 * that throws is logged and never breaks the scheduler.
 */
public interface SchedulerListener {

	/**
	 * A listener that does nothing.
	 */
	SchedulerListener NO_OP = new SchedulerListener() {
	};

	/**
	 * A publisher delivered a beat.
	 * @param publisher the publisher name
	 * @param kind the kind of beat
	 * @param latency how long it took
	 */
	default void onPublished(String publisher, BeatKind kind, Duration latency) {
	}

	/**
	 * A publisher failed to deliver a beat.
	 * @param publisher the publisher name
	 * @param kind the kind of beat
	 * @param error the error
	 * @param latency how long until it failed
	 */
	default void onPublishFailed(String publisher, BeatKind kind, Throwable error, Duration latency) {
	}

	/**
	 * A publisher did not deliver a beat within its timeout.
	 * @param publisher the publisher name
	 * @param kind the kind of beat
	 * @param timeout the timeout
	 */
	default void onPublishTimedOut(String publisher, BeatKind kind, Duration timeout) {
	}

	/**
	 * A beat waiting for a busy publisher was replaced by a newer one and never sent to it.
	 * @param publisher the publisher name
	 * @param kind the kind of the dropped beat
	 */
	default void onBeatDropped(String publisher, BeatKind kind) {
	}

	/**
	 * A beat repeated the last one within the minimum interval and was not sent.
	 * @param kind the kind
	 */
	default void onBeatSuppressed(BeatKind kind) {
	}

	/**
	 * Ticks were skipped because the loop overran (a tick still running, or the timer late).
	 * @param count how many ticks
	 */
	default void onTicksSkipped(long count) {
	}

	/**
	 * The beat source threw or returned nothing; the tick sent {@code degraded}.
	 * @param error the error
	 */
	default void onBeatSourceFailed(Throwable error) {
	}

	/**
	 * The loop has not completed a tick for more than two periods.
	 * @param sinceLastTick time since the last completed tick
	 */
	default void onWatchdogStalled(Duration sinceLastTick) {
	}

	/**
	 * The loop completed a tick again after a stall.
	 * @param stalledFor how long it was stalled
	 */
	default void onWatchdogRecovered(Duration stalledFor) {
	}

}
