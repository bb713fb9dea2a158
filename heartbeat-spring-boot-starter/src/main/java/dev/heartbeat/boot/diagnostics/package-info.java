/**
 * Start-up failures of the starter explained the way Spring Boot explains its own: what is wrong, and what to do.
 */
package dev.heartbeat.boot.diagnostics;
