/**
 * Beats over HTTP on the monitor: {@code POST <path>/<process>} written to the heartbeat topic, answered with the run
 * status the monitors want for that process.
 */
@NullMarked
package dev.heartbeat.boot.monitor.ingest;

import org.jspecify.annotations.NullMarked;
