/**
 * Event listeners of the monitor: routing by event name, placeholder templates, the log, HTTP and
 * Kafka transports, and isolated, retried, timed-out delivery.
 */
package dev.heartbeat.boot.monitor.listener;
