package dev.heartbeat.core.schedule;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What one publisher did so far.
 *
 * @param name the publisher name
 * @param sent beats delivered
 * @param failed beats that failed
 * @param timedOut beats not delivered within the timeout
 * @param dropped beats replaced by a newer one while the publisher was busy
 * @param busy whether a publish is in flight now
 * @param lastSuccessAt when a beat was last delivered, or {@code null}
 * @param lastError the last failure or timeout, or {@code null}
 * @param lastErrorAt when it happened, or {@code null}
 */
public record PublisherStats(String name, long sent, long failed, long timedOut, long dropped, boolean busy,
		@Nullable Instant lastSuccessAt, @Nullable String lastError, @Nullable Instant lastErrorAt) {
}
