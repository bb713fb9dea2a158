/**
 * Kafka transport: the beat publisher on its own producer, the heartbeat topic creator, and the control-topic listener.
 */
package dev.heartbeat.boot.beat.kafka;
