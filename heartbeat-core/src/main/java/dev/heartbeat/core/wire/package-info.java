/**
 * The wire contract shared by publishers, the control listener and the monitor: topics, header
 * names, control commands and their HMAC signature.
 */
package dev.heartbeat.core.wire;
