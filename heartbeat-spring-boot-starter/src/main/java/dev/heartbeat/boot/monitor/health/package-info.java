/**
 * The monitor's own health: whether it owns partitions, has rebuilt them and can see them.
 */
package dev.heartbeat.boot.monitor.health;
