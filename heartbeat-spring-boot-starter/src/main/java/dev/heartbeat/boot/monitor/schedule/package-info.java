/**
 * Schedules of jobs that run on a calendar, in Spring's cron syntax, for the monitor's deadline
 * engine.
 */
@NullMarked
package dev.heartbeat.boot.monitor.schedule;

import org.jspecify.annotations.NullMarked;
