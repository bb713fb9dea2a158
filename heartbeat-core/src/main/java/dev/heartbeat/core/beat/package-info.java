/**
 * The beat convention: kinds, payload encoding and strict parsing, subjects and process ids.
 */
@NullMarked
package dev.heartbeat.core.beat;

import org.jspecify.annotations.NullMarked;
