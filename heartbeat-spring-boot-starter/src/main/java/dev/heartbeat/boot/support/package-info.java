/**
 * Infrastructure both sides of the starter share: settings of the starter's own Kafka clients, and
 * the one wording of a refused property.
 */
@NullMarked
package dev.heartbeat.boot.support;

import org.jspecify.annotations.NullMarked;
