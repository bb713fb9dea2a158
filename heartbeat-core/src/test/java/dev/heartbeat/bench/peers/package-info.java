/**
 * Peers of the deadline engine in benchmarks 1, 2 and 4: the real Caffeine and Agrona libraries,
 * each used as its documentation recommends for per-entry deadlines.
 */
package dev.heartbeat.bench.peers;
