/**
 * Test support for the monitor: a shared embedded broker, wire-format beat producers, simulated
 * beating apps, real applications with the starter (in a JVM of their own or in the test's) and
 * monitor applications started and stopped by tests.
 */
package dev.heartbeat.boot.monitor.support;
