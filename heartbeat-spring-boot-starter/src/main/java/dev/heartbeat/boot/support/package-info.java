/**
 * Infrastructure both sides of the starter share: settings of the starter's own Kafka clients and
 * their meters, the one wording of a refused property, and the body of an endpoint's 400 answer.
 */
@NullMarked
package dev.heartbeat.boot.support;

import org.jspecify.annotations.NullMarked;
