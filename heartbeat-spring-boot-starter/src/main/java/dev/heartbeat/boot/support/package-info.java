/**
 * Infrastructure both sides of the starter share: settings of the starter's own Kafka clients and
 * their meters, and the body of an endpoint's 400 answer.
 */
package dev.heartbeat.boot.support;
