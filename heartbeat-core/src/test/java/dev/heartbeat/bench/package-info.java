/**
 * Benchmarks of the core (deadline engine, memory, detection lag, the heart), run with
 * {@code -Pbench}; see {@code BENCHMARKS.md}.
 */
package dev.heartbeat.bench;
