/**
 * Auto-configuration of the monitor, its endpoint and its status board, and their configuration properties (heartbeat.monitor.*).
 */
package dev.heartbeat.boot.monitor.autoconfigure;
