/**
 * Spring Boot auto-configuration for heartbeats.
 */
package dev.heartbeat.boot;
