/**
 * Internals of the scheduler: publisher isolation (own thread, timeout, newest-wins slot) and fan-out.
 */
package dev.heartbeat.core.schedule.internal;
