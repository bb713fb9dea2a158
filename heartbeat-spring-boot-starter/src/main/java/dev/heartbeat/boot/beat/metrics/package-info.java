/**
 * Micrometer meters of the heartbeat: beats published and failed, publish latency, skipped ticks, run status.
 */
@NullMarked
package dev.heartbeat.boot.beat.metrics;

import org.jspecify.annotations.NullMarked;
