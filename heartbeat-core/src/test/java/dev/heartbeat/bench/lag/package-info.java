/**
 * Benchmark 4: how long after its deadline a dead process is reported, by the real clock.
 */
package dev.heartbeat.bench.lag;
