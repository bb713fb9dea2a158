/**
 * The {@code heartbeat} actuator endpoint: what the heartbeat does, and local pause and resume.
 */
@NullMarked
package dev.heartbeat.boot.beat.actuate.endpoint;

import org.jspecify.annotations.NullMarked;
