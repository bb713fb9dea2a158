/**
 * Benchmark 5: the app side, one tick of the heart that publishes and one that is suppressed.
 */
package dev.heartbeat.bench.app;
