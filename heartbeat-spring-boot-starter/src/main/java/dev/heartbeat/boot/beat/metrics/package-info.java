/**
 * Micrometer meters of the heartbeat: beats published and failed, publish latency, skipped ticks, run status.
 */
package dev.heartbeat.boot.beat.metrics;
