/**
 * Duration checks shared by core's configuration builders; not part of the API.
 */
package dev.heartbeat.core.config.internal;
