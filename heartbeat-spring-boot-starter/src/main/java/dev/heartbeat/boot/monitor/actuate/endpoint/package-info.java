/**
 * The {@code heartbeats} actuator endpoint: list and inspect monitored processes, pause, resume,
 * snooze and forget them.
 */
package dev.heartbeat.boot.monitor.actuate.endpoint;
