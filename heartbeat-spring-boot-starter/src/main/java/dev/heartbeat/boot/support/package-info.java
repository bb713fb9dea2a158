/**
 * Infrastructure both sides of the starter share: settings of the starter's own Kafka clients.
 */
package dev.heartbeat.boot.support;
