/**
 * Reliability and security tests: broker faults, hanging publishers, monitor crashes, shutdown,
 * bad input, configuration and control-message authentication.
 */
package dev.heartbeat.boot.reliability;
