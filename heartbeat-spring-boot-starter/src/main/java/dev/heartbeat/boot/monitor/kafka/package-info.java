/**
 * The monitor's Kafka side: consuming and validating heartbeat records, rebuilding state on
 * partition assignment, dead letters, and signed control records.
 */
@NullMarked
package dev.heartbeat.boot.monitor.kafka;

import org.jspecify.annotations.NullMarked;
