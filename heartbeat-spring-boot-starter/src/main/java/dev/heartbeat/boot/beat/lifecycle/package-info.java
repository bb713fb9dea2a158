/**
 * When the heartbeat starts and stops with the application, and how a pause reaches the application (events, readiness).
 */
@NullMarked
package dev.heartbeat.boot.beat.lifecycle;

import org.jspecify.annotations.NullMarked;
