/**
 * Auto-configuration of the beating side and its configuration properties (heartbeat.*).
 */
@NullMarked
package dev.heartbeat.boot.beat.autoconfigure;

import org.jspecify.annotations.NullMarked;
