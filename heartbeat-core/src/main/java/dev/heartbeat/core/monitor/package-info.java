/**
 * The monitor's deadline engine: tracks the last beat of every process, turns deadlines that
 * pass into state changes, and tells listeners.
 */
package dev.heartbeat.core.monitor;
