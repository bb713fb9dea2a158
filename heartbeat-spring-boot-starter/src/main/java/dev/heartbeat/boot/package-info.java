/**
 * Spring Boot starter for heartbeats: the beating side in beat, the monitor in monitor, what both share in support.
 */
@NullMarked
package dev.heartbeat.boot;

import org.jspecify.annotations.NullMarked;
