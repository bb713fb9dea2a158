/**
 * The monitor's deadline engine: tracks the last beat of every process, turns deadlines that
 * pass into state changes, and tells listeners.
 */
@NullMarked
package dev.heartbeat.core.monitor;

import org.jspecify.annotations.NullMarked;
