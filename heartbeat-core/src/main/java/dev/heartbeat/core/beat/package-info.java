/**
 * The beat convention: kinds, payload encoding and strict parsing, subjects and process ids.
 */
package dev.heartbeat.core.beat;
