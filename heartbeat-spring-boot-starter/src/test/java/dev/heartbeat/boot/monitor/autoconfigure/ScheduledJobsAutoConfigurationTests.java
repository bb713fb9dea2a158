package dev.heartbeat.boot.monitor.autoconfigure;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.monitor.BeatRecord;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.monitor.ProcessSnapshot;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.time.HeartbeatClock;
import dev.heartbeat.core.time.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code heartbeat.monitor.schedules}: bound, validated, and judging scheduled processes through
 * the monitor's own engine.
 */
class ScheduledJobsAutoConfigurationTests {

	// Saturday 2026-03-28 02:30 in Berlin, the night before clocks spring forward
	private static final Instant START = Instant.parse("2026-03-28T01:30:00Z");

	private final ManualClock clock = new ManualClock(START);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, HeartbeatMonitorAutoConfiguration.class))
		.withBean(HeartbeatClock.class, () -> this.clock)
		// nothing listens there: the consumer retries in the background and never blocks the context
		.withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:1", "heartbeat.monitor.enabled=true");

	private long seq;

	@Test
	void scheduledProcessShouldBeJudgedByItsCronWhateverPeriodItAnnounces() {
		this.runner
			.withPropertyValues("heartbeat.monitor.schedules.backup.process=nightly-backup",
					"heartbeat.monitor.schedules.backup.cron=0 30 2 * * *",
					"heartbeat.monitor.schedules.backup.zone=Europe/Berlin",
					"heartbeat.monitor.schedules.backup.grace=30m",
					// billing stays tracked while dead, for the comparison, beyond the default 24 h
					"heartbeat.monitor.forget-dead-after=0")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				DeadlineEngine engine = context.getBean(DeadlineEngine.class);
				send(engine, "nightly-backup", Beat.start(Duration.ofMinutes(10)));
				this.clock.advance(Duration.ofMinutes(4));
				send(engine, "nightly-backup", Beat.stop());
				send(engine, "billing", Beat.beat(Duration.ofSeconds(5)));
				// 03-29 02:30 does not exist: the next run is on 03-30 at 02:30 CEST
				assertDeadlines(engine, "nightly-backup", "2026-03-30T01:00:00Z", "2026-03-30T01:30:00Z");
				advanceTo(engine, "2026-03-30T00:59:59.999Z");
				assertThat(state(engine, "nightly-backup")).isEqualTo(ProcessState.STOPPED);
				assertThat(state(engine, "billing")).isEqualTo(ProcessState.DEAD);
				advanceTo(engine, "2026-03-30T01:00:00Z");
				assertThat(state(engine, "nightly-backup")).isEqualTo(ProcessState.LATE);
				advanceTo(engine, "2026-03-30T01:30:00Z");
				assertThat(state(engine, "nightly-backup")).isEqualTo(ProcessState.DEAD);
			});
	}

	@Test
	void firstMatchingScheduleInConfiguredOrderShouldWinAndZoneShouldDefaultToUtc() {
		this.runner
			.withPropertyValues("heartbeat.monitor.schedules.special.process=report-eu",
					"heartbeat.monitor.schedules.special.cron=0 0 12 * * *",
					"heartbeat.monitor.schedules.reports.process-regex=report-.*",
					"heartbeat.monitor.schedules.reports.cron=@hourly")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				DeadlineEngine engine = context.getBean(DeadlineEngine.class);
				send(engine, "report-eu", Beat.stop());
				send(engine, "report-us", Beat.beat(Duration.ofSeconds(5)));
				send(engine, "reports", Beat.stop());
				assertDeadlines(engine, "report-eu", "2026-03-28T12:05:00Z", "2026-03-28T12:10:00Z");
				assertDeadlines(engine, "report-us", "2026-03-28T02:05:00Z", "2026-03-28T02:10:00Z");
				assertThat(engine.get("reports").orElseThrow().lateAt()).isNull();
			});
	}

	@Test
	void noScheduleShouldLeaveTheEngineWithout() {
		this.runner.run((context) -> assertThat(context.getBean(DeadlineEngine.class).config().schedules().isEmpty())
			.isTrue());
	}

	@Test
	void scheduleDefaultsShouldMatchTheDocumentation() {
		ScheduleProperties schedule = new ScheduleProperties();
		assertThat(schedule.getZone()).isEqualTo("UTC");
		assertThat(schedule.getGrace()).isEqualTo(Duration.ofMinutes(5));
		assertThat(new HeartbeatMonitorProperties().getSchedules()).isEmpty();
	}

	@Test
	void metadataShouldGiveTheIdeTheSchedulesValueTypeToDescendInto() throws Exception {
		JsonNode schedules = null;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			for (JsonNode property : JsonMapper.builder().build().readTree(in).get("properties")) {
				if (property.get("name").asString().equals("heartbeat.monitor.schedules")) {
					schedules = property;
				}
			}
		}
		assertThat(schedules).isNotNull();
		assertThat(schedules.get("type").asString())
			.isEqualTo("java.util.Map<java.lang.String,dev.heartbeat.boot.monitor.autoconfigure.ScheduleProperties>");
		assertThat(schedules.get("description").asString()).startsWith("Jobs that run on a calendar, by name");
	}

	private void send(DeadlineEngine engine, String process, Beat beat) {
		engine.onBeat(new BeatRecord(process, "batch", beat, this.clock.wallTime(), "a1", ++this.seq,
				RunStatus.RUNNING, "UP"));
	}

	private void advanceTo(DeadlineEngine engine, String time) {
		this.clock.setWallTime(Instant.parse(time));
		engine.advance();
	}

	private static ProcessState state(DeadlineEngine engine, String process) {
		return engine.get(process).orElseThrow().state();
	}

	private static void assertDeadlines(DeadlineEngine engine, String process, String lateAt, String deadAt) {
		ProcessSnapshot snapshot = engine.get(process).orElseThrow();
		assertThat(snapshot.lateAt()).isEqualTo(Instant.parse(lateAt));
		assertThat(snapshot.deadAt()).isEqualTo(Instant.parse(deadAt));
	}

}
