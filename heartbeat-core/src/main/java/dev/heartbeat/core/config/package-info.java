/**
 * How core reports a configuration value it refuses: the field, the value and the reason.
 */
package dev.heartbeat.core.config;
