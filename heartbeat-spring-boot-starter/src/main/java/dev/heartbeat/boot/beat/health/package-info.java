/**
 * Actuator health as the source of beats, and the heartbeat's own health indicator.
 */
@NullMarked
package dev.heartbeat.boot.beat.health;

import org.jspecify.annotations.NullMarked;
