/**
 * Benchmarks of the starter (Kafka ingest), run with {@code -Pbench}; see {@code BENCHMARKS.md}.
 */
package dev.heartbeat.bench;
