/**
 * Auto-configuration of the monitor, its endpoint and its status board, and their configuration properties (heartbeat.monitor.*).
 */
@NullMarked
package dev.heartbeat.boot.monitor.autoconfigure;

import org.jspecify.annotations.NullMarked;
