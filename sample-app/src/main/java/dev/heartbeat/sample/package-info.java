/**
 * The sample application: beats through the starter, monitors itself and a few simulated workers
 * on a Kafka broker embedded in its JVM, and serves the status board.
 */
@NullMarked
package dev.heartbeat.sample;

import org.jspecify.annotations.NullMarked;
