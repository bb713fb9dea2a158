/**
 * HTTP transport: beats POSTed with the JDK's HTTP client, the response's status fed back.
 */
@NullMarked
package dev.heartbeat.boot.beat.http;

import org.jspecify.annotations.NullMarked;
