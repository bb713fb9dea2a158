/**
 * Benchmark 1: the deadline engine against a naive baseline of one scheduled task per process.
 */
package dev.heartbeat.bench.engine;
