package dev.heartbeat.boot.monitor.autoconfigure;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.scheduling.support.CronExpression;

import dev.heartbeat.boot.monitor.schedule.CronSchedule;
import dev.heartbeat.core.monitor.ScheduleLookup;

/**
 * One scheduled job, {@code heartbeat.monitor.schedules.<name>.*}: which processes it covers (an
 * exact id or a regular expression), and when they run. Such a process is LATE when its next run
 * did not come within the grace, whatever period its beats announce (see the README, "Scheduled
 * jobs"). The entries are tried in the order they are configured; the first that matches a
 * process is its schedule.
 */
public class ScheduleProperties {

	/**
	 * Default grace: a run may begin up to 5 minutes after its scheduled time.
	 */
	static final Duration DEFAULT_GRACE = Duration.ofMinutes(5);

	/**
	 * Exact process id of the job; either process or process-regex.
	 */
	private String process;

	/**
	 * Regular expression the whole process id must match, e.g. nightly-.*; either process or
	 * process-regex.
	 */
	private String processRegex;

	/**
	 * When the job runs: a Spring cron expression of six fields (second minute hour
	 * day-of-month month day-of-week), e.g. "0 30 2 * * *", or a macro such as @daily.
	 */
	private String cron;

	/**
	 * Time zone of the cron expression, e.g. Europe/Berlin; UTC when not set. A run at a time
	 * that a daylight-saving change skips does not happen that day; one at a time that happens
	 * twice happens twice.
	 */
	private String zone = "UTC";

	/**
	 * How long after its scheduled time a run may begin before the job is LATE; DEAD one more
	 * grace later. At least 1ms.
	 */
	private Duration grace = DEFAULT_GRACE;

	public String getProcess() {
		return this.process;
	}

	public void setProcess(String process) {
		this.process = process;
	}

	public String getProcessRegex() {
		return this.processRegex;
	}

	public void setProcessRegex(String processRegex) {
		this.processRegex = processRegex;
	}

	public String getCron() {
		return this.cron;
	}

	public void setCron(String cron) {
		this.cron = cron;
	}

	public String getZone() {
		return this.zone;
	}

	public void setZone(String zone) {
		this.zone = zone;
	}

	public Duration getGrace() {
		return this.grace;
	}

	public void setGrace(Duration grace) {
		this.grace = grace;
	}

	/**
	 * The engine's lookup of validated schedules, in their order.
	 * @param schedules the schedules by name
	 * @return the lookup, {@link ScheduleLookup#none()} when there are none
	 */
	static ScheduleLookup lookup(Map<String, ScheduleProperties> schedules) {
		ScheduleLookup.Builder lookup = ScheduleLookup.builder();
		schedules.values().forEach((schedule) -> {
			CronSchedule cron = new CronSchedule(CronExpression.parse(schedule.cron.trim()), zone(schedule.zone),
					schedule.grace);
			if (schedule.process != null) {
				lookup.process(schedule.process, cron);
			}
			else {
				lookup.processRegex(Pattern.compile(schedule.processRegex), cron);
			}
		});
		return lookup.build();
	}

	static ZoneId zone(String zone) {
		return (zone != null && !zone.isBlank()) ? ZoneId.of(zone.trim()) : ZoneId.of("UTC");
	}

}
