/**
 * Injected time: a clock with wall and monotonic time, a delay scheduler, and a manual clock for tests.
 */
@NullMarked
package dev.heartbeat.core.time;

import org.jspecify.annotations.NullMarked;
