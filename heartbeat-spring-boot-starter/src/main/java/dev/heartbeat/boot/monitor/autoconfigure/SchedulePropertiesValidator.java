package dev.heartbeat.boot.monitor.autoconfigure;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;

import org.springframework.scheduling.support.CronExpression;

import dev.heartbeat.boot.support.PropertyErrors;
import dev.heartbeat.core.beat.ProcessIds;
import dev.heartbeat.core.config.ConfigChecks;
import dev.heartbeat.core.config.InvalidConfigException;

/**
 * Checks the scheduled jobs of {@link HeartbeatMonitorProperties} when they are bound, each under
 * its own name: {@code heartbeat.monitor.schedules.<name>.<property>}. A schedule must name its
 * processes one way (process or process-regex), have a cron expression that parses and fires, a
 * time zone that exists and a grace of at least 1 ms.
 */
record SchedulePropertiesValidator(PropertyErrors errors, String name, ScheduleProperties schedule) {

	static void validate(Map<String, ScheduleProperties> schedules, PropertyErrors errors) {
		for (Map.Entry<String, ScheduleProperties> schedule : schedules.entrySet()) {
			if (schedule.getValue() != null) {
				new SchedulePropertiesValidator(errors, schedule.getKey(), schedule.getValue()).validate();
			}
		}
	}

	private void validate() {
		processes();
		ZoneId zone = zone();
		cron(zone);
		grace(this.schedule.getGrace());
	}

	private void grace(Duration grace) {
		if (grace == null) {
			reject("grace", null, "must be set");
			return;
		}
		try {
			ConfigChecks.atLeastOneMilli("grace", grace);
		}
		catch (InvalidConfigException ex) {
			reject("grace", grace, ex.reason());
		}
	}

	private void processes() {
		String process = this.schedule.getProcess();
		String regex = this.schedule.getProcessRegex();
		if (process != null && regex != null) {
			reject("processRegex", regex,
					"must not be set together with process (exact), which is '" + process + "'");
		}
		else if (process != null) {
			String reason = ProcessIds.reason(process);
			if (reason != null) {
				reject("process", process, "is not a process id: " + reason);
			}
		}
		else if (regex != null) {
			String problem = PropertyErrors.regexProblem(regex);
			if (problem != null) {
				reject("processRegex", regex, problem);
			}
		}
		else {
			reject("process", null, "must be set, or process-regex, to say which processes run on the schedule");
		}
	}

	private ZoneId zone() {
		try {
			return ScheduleProperties.zone(this.schedule.getZone());
		}
		catch (DateTimeException ex) {
			reject("zone", this.schedule.getZone(), "is not a time zone ID such as UTC or Europe/Berlin");
			return null;
		}
	}

	private void cron(ZoneId zone) {
		String cron = this.schedule.getCron();
		if (cron == null || cron.isBlank()) {
			reject("cron", cron, "must be set, e.g. '0 30 2 * * *' for every day at 02:30");
			return;
		}
		CronExpression expression;
		try {
			expression = CronExpression.parse(cron.trim());
		}
		catch (IllegalArgumentException ex) {
			reject("cron", cron, "is not a cron expression (second minute hour day-of-month month day-of-week): "
					+ ex.getMessage());
			return;
		}
		if (zone != null && expression.next(ZonedDateTime.ofInstant(Instant.EPOCH, zone)) == null) {
			reject("cron", cron, "never fires");
		}
	}

	private void reject(String field, Object value, String reason) {
		this.errors.reject("schedules[" + this.name + "]." + field,
				"schedules." + this.name + "." + PropertyErrors.toKebab(field), value, reason);
	}

}
