/**
 * The publisher SPI (synchronous and asynchronous flavours), beat metadata, and the log and
 * recording publishers.
 */
package dev.heartbeat.core.publish;
