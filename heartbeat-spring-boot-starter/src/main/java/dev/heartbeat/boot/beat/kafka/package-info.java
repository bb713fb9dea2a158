/**
 * Kafka transport: the beat publisher on its own producer, the heartbeat topic creator, and the control-topic listener.
 */
@NullMarked
package dev.heartbeat.boot.beat.kafka;

import org.jspecify.annotations.NullMarked;
