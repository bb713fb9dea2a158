/**
 * Internals both sides of the starter share: the background worker loop behind the Kafka clients' threads.
 */
package dev.heartbeat.boot.support.internal;
