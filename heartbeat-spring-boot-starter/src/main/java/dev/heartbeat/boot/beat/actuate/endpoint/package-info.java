/**
 * The {@code heartbeat} actuator endpoint: what the heartbeat does, and local pause and resume.
 */
package dev.heartbeat.boot.beat.actuate.endpoint;
