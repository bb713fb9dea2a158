/**
 * Benchmark 3: the monitor's Kafka ingest against a bare consumer, on a real broker.
 */
package dev.heartbeat.bench.kafka;
