/**
 * When the heartbeat starts and stops with the application, and how a pause reaches the application (events, readiness).
 */
package dev.heartbeat.boot.beat.lifecycle;
