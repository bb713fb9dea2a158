/**
 * Micrometer meters of the monitor: processes per state, events, records consumed and invalid,
 * detection lag and listener deliveries.
 */
@NullMarked
package dev.heartbeat.boot.monitor.metrics;

import org.jspecify.annotations.NullMarked;
