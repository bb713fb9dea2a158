/**
 * Internals both sides of the starter share: the background worker loop behind the Kafka clients' threads, and its variant that owns a consumer.
 */
@NullMarked
package dev.heartbeat.boot.support.internal;

import org.jspecify.annotations.NullMarked;
