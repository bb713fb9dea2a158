package dev.heartbeat.core.heart;

import java.time.Instant;

import dev.heartbeat.core.beat.Beat;

/**
 * The last beat that was delivered.
 *
 * @param beat the beat
 * @param health the health status code sent with it
 * @param seq its sequence number
 * @param at when it was sent (wall time)
 * @param monotonicNanos when it was sent (monotonic time)
 */
public record LastBeat(Beat beat, String health, long seq, Instant at, long monotonicNanos) {
}
