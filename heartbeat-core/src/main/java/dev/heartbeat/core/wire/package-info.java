/**
 * The wire contract shared by publishers, the control listener and the monitor: topics, header
 * names, control commands and their HMAC signature.
 */
@NullMarked
package dev.heartbeat.core.wire;

import org.jspecify.annotations.NullMarked;
