package dev.heartbeat.boot.monitor.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.support.CronExpression;

import dev.heartbeat.core.monitor.JobSchedule;

/**
 * A {@link JobSchedule} given by a Spring {@link CronExpression} (six fields, second first, or a
 * macro such as {@code @daily}) in a time zone. Daylight-saving changes follow the expression's
 * rules: a time that a change skips (02:30 when clocks spring forward from 02:00 to 03:00) has no
 * run that day, a time that happens twice (when clocks fall back) has two runs.
 * <p>
 * Immutable and thread-safe.
 * @param cron the expression
 * @param zone the zone its times are in
 * @param grace how long after its scheduled time a run may begin before the job is late
 */
public record CronSchedule(CronExpression cron, ZoneId zone, Duration grace) implements JobSchedule {

	/**
	 * A schedule; no component may be {@code null}.
	 */
	public CronSchedule {
		Objects.requireNonNull(cron, "cron");
		Objects.requireNonNull(zone, "zone");
		Objects.requireNonNull(grace, "grace");
	}

	@Override
	public @Nullable Instant nextRunAfter(Instant time) {
		ZonedDateTime next = this.cron.next(time.atZone(this.zone));
		return (next != null) ? next.toInstant() : null;
	}

	@Override
	public String toString() {
		return "cron '" + this.cron + "' in " + this.zone + ", grace " + this.grace;
	}

}
