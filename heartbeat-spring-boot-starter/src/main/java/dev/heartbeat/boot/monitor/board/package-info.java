/**
 * The status board: a plain HTML page a monitor serves that shows every tracked process and
 * steers it through the {@code heartbeats} endpoint.
 */
@NullMarked
package dev.heartbeat.boot.monitor.board;

import org.jspecify.annotations.NullMarked;
