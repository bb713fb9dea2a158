/**
 * The publisher SPI (synchronous and asynchronous flavours), beat metadata, and the log and
 * recording publishers.
 */
@NullMarked
package dev.heartbeat.core.publish;

import org.jspecify.annotations.NullMarked;
