/**
 * Auto-configuration of the heartbeat starter and its configuration properties.
 */
package dev.heartbeat.boot.autoconfigure;
