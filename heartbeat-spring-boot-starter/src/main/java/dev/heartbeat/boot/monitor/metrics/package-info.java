/**
 * Micrometer meters of the monitor: processes per state, events, records consumed and invalid,
 * detection lag and listener deliveries.
 */
package dev.heartbeat.boot.monitor.metrics;
