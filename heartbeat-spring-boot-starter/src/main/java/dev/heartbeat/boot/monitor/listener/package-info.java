/**
 * Event listeners of the monitor: routing by event name, placeholder templates, the log, HTTP and
 * Kafka transports, and isolated, retried, timed-out delivery.
 */
@NullMarked
package dev.heartbeat.boot.monitor.listener;

import org.jspecify.annotations.NullMarked;
