/**
 * The monitor's Kafka side: consuming and validating heartbeat records, rebuilding state on
 * partition assignment, dead letters, and signed control records.
 */
package dev.heartbeat.boot.monitor.kafka;
