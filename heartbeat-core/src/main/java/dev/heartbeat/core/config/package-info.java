/**
 * How core reports a configuration value it refuses: the field, the value and the reason.
 */
@NullMarked
package dev.heartbeat.core.config;

import org.jspecify.annotations.NullMarked;
