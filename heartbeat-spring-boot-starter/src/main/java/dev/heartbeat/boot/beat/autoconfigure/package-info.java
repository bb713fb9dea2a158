/**
 * Auto-configuration of the beating side and its configuration properties (heartbeat.*).
 */
package dev.heartbeat.boot.beat.autoconfigure;
