/**
 * The status board: a plain HTML page a monitor serves that shows every tracked process and
 * steers it through the {@code heartbeats} endpoint.
 */
package dev.heartbeat.boot.monitor.board;
