/**
 * The timed loop that asks a beat source what to send and fans beats out to isolated
 * publishers, with a watchdog.
 */
@NullMarked
package dev.heartbeat.core.schedule;

import org.jspecify.annotations.NullMarked;
