/**
 * HTTP transport: beats POSTed with the JDK's HTTP client, the response's status fed back.
 */
package dev.heartbeat.boot.beat.http;
