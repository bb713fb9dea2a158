/**
 * The heart: sends start, beat, degraded and stop through a publisher, stamping metadata and
 * suppressing duplicates without ever losing a change.
 */
package dev.heartbeat.core.heart;
