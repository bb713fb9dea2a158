package dev.heartbeat.core.schedule;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.heartbeat.core.heart.LastBeat;

/**
 * A snapshot of what the scheduler did so far.
 *
 * @param running whether the loop is started
 * @param ticks ticks run
 * @param skippedTicks ticks skipped because the loop overran
 * @param silentTicks ticks on which the source chose to send nothing
 * @param suppressedBeats beats not sent as duplicates
 * @param sourceFailures ticks on which the beat source threw or returned nothing
 * @param watchdog the watchdog state
 * @param lastTickAt when the last tick completed, or {@code null}
 * @param lastBeat the last delivered beat, or {@code null}
 * @param nextBeatDue when the next tick is due, or {@code null} when not running
 * @param publishers per-publisher stats
 */
public record SchedulerStats(boolean running, long ticks, long skippedTicks, long silentTicks, long suppressedBeats,
		long sourceFailures, WatchdogState watchdog, @Nullable Instant lastTickAt, @Nullable LastBeat lastBeat, @Nullable Instant nextBeatDue,
		List<PublisherStats> publishers) {
}
