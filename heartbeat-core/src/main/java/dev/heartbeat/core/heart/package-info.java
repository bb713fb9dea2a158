/**
 * The heart: sends start, beat, degraded and stop through a publisher, stamping metadata and
 * suppressing duplicates without ever losing a change.
 */
@NullMarked
package dev.heartbeat.core.heart;

import org.jspecify.annotations.NullMarked;
