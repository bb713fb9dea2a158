/**
 * End-to-end tests: real applications with the starter beating to a real broker, watched by a
 * real monitor.
 */
package dev.heartbeat.boot.e2e;
