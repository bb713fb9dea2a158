/**
 * Injected time: a clock with wall and monotonic time, a delay scheduler, and a manual clock for tests.
 */
package dev.heartbeat.core.time;
