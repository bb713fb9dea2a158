/**
 * Test support for the monitor: a shared embedded broker, wire-format beat producers, simulated
 * beating apps and monitor applications started and stopped by tests.
 */
package dev.heartbeat.boot.monitor.support;
