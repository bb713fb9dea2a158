/**
 * Benchmark 2: the heap retained per tracked process.
 */
package dev.heartbeat.bench.memory;
