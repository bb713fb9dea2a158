package dev.heartbeat.core.monitor;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.heartbeat.core.beat.BeatKind;
import dev.heartbeat.core.status.RunStatus;

/**
 * The last beat the monitor accepted for a process.
 *
 * @param kind the kind of beat
 * @param duration the warm-up or period, {@code null} for {@code stop}
 * @param recordTime the record time, from which the deadlines are measured
 * @param instance the sending instance, {@code ""} if unknown
 * @param seq the sequence number within that instance
 * @param status the run status the process reported
 * @param health the health code the process reported
 */
public record LastBeatInfo(BeatKind kind, @Nullable Duration duration, Instant recordTime, String instance, long seq,
		RunStatus status, String health) {
}
