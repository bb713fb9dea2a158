/**
 * The run status of this process (running or paused) and the feedback that changes it.
 */
package dev.heartbeat.core.status;
