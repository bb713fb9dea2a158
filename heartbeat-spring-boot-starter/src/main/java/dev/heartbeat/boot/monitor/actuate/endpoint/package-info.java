/**
 * The {@code heartbeats} actuator endpoint: list and inspect monitored processes, pause, resume,
 * snooze and forget them.
 */
@NullMarked
package dev.heartbeat.boot.monitor.actuate.endpoint;

import org.jspecify.annotations.NullMarked;
