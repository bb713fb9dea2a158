/**
 * Actuator health as the source of beats, and the heartbeat's own health indicator.
 */
package dev.heartbeat.boot.beat.health;
