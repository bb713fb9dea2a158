package dev.heartbeat.boot.monitor.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.scheduling.support.CronExpression;

import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.monitor.BeatRecord;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.monitor.DeadlineEngineConfig;
import dev.heartbeat.core.monitor.MonitorListener;
import dev.heartbeat.core.monitor.ProcessSnapshot;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.monitor.ScheduleLookup;
import dev.heartbeat.core.monitor.StateChange;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.time.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

class CronScheduleTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private static final CronSchedule NIGHTLY = new CronSchedule(CronExpression.parse("0 30 2 * * *"), BERLIN,
			Duration.ofMinutes(30));

	private final ManualClock clock = new ManualClock(Instant.parse("2026-03-28T01:30:00Z"));

	private final List<StateChange> events = new ArrayList<>();

	private final DeadlineEngine engine = new DeadlineEngine(
			DeadlineEngineConfig.custom().schedules(ScheduleLookup.builder().process("backup", NIGHTLY).build()).build(),
			this.clock);

	private long seq;

	CronScheduleTests() {
		this.engine.addListener(MonitorListener.forStateChanges(this.events::add));
	}

	@ParameterizedTest
	@CsvSource({
			// 02:30 CET on the day before clocks spring forward; the change skips 03-29 02:30
			"2026-03-27T12:00:00Z, 2026-03-28T01:30:00Z", "2026-03-28T01:30:00Z, 2026-03-30T00:30:00Z",
			"2026-03-29T00:00:00Z, 2026-03-30T00:30:00Z",
			// clocks fall back on 10-25: 02:30 CEST (00:30Z), then 02:30 CET (01:30Z)
			"2026-10-25T00:00:00Z, 2026-10-25T00:30:00Z", "2026-10-25T00:30:00Z, 2026-10-25T01:30:00Z",
			"2026-10-25T01:30:00Z, 2026-10-26T01:30:00Z" })
	void nextRunShouldFollowTheCronExpressionInItsZone(String after, String next) {
		assertThat(NIGHTLY.nextRunAfter(Instant.parse(after))).isEqualTo(Instant.parse(next));
	}

	@Test
	void expressionThatNeverFiresAgainShouldHaveNoNextRun() {
		CronSchedule never = new CronSchedule(CronExpression.parse("0 0 0 30 2 *"), BERLIN, Duration.ofMinutes(1));
		assertThat(never.nextRunAfter(Instant.parse("2026-01-01T00:00:00Z"))).isNull();
	}

	@Test
	void springForwardShouldMakeTheJobLateOnlyAfterTheNextRunThatExists() {
		run(Duration.ofMinutes(5));
		assertDeadlines("2026-03-30T01:00:00Z", "2026-03-30T01:30:00Z");
		advanceTo("2026-03-30T00:59:59.999Z");
		assertThat(state()).isEqualTo(ProcessState.STOPPED);
		advanceTo("2026-03-30T01:00:00Z");
		assertThat(state()).isEqualTo(ProcessState.LATE);
		advanceTo("2026-03-30T01:30:00Z");
		assertThat(state()).isEqualTo(ProcessState.DEAD);
		assertThat(this.events).extracting(StateChange::at)
			.containsExactly(Instant.parse("2026-03-28T01:30:00Z"), Instant.parse("2026-03-28T01:35:00Z"),
					Instant.parse("2026-03-30T01:00:00Z"), Instant.parse("2026-03-30T01:30:00Z"));
	}

	@Test
	void fallBackShouldExpectTheSecondRunOfTheRepeatedHour() {
		this.clock.setWallTime(Instant.parse("2026-10-25T00:30:00Z"));
		run(Duration.ofMinutes(10));
		assertDeadlines("2026-10-25T02:00:00Z", "2026-10-25T02:30:00Z");
		advanceTo("2026-10-25T02:00:00Z");
		assertThat(state()).isEqualTo(ProcessState.LATE);
		advanceTo("2026-10-25T02:20:00Z");
		run(Duration.ofMinutes(10));
		assertDeadlines("2026-10-26T02:00:00Z", "2026-10-26T02:30:00Z");
		assertThat(state()).isEqualTo(ProcessState.STOPPED);
	}

	@Test
	void degradedShouldShowTheFailureUntilTheNextRunIsLate() {
		send(Beat.start(Duration.ofMinutes(10)));
		this.clock.advance(Duration.ofMinutes(2));
		send(Beat.degraded(Duration.ofSeconds(1)));
		advanceTo("2026-03-30T00:59:59.999Z");
		assertThat(state()).isEqualTo(ProcessState.DEGRADED);
		advanceTo("2026-03-30T01:00:00Z");
		assertThat(state()).isEqualTo(ProcessState.LATE);
	}

	private void run(Duration runTime) {
		send(Beat.start(Duration.ofMinutes(10)));
		this.clock.advance(runTime);
		send(Beat.stop());
	}

	private void send(Beat beat) {
		this.engine.onBeat(new BeatRecord("backup", "batch", beat, this.clock.wallTime(), "a1", ++this.seq,
				RunStatus.RUNNING, "UP"));
	}

	private void advanceTo(String time) {
		this.clock.setWallTime(Instant.parse(time));
		this.engine.advance();
	}

	private ProcessState state() {
		return this.engine.get("backup").orElseThrow().state();
	}

	private void assertDeadlines(String lateAt, String deadAt) {
		ProcessSnapshot snapshot = this.engine.get("backup").orElseThrow();
		assertThat(snapshot.lateAt()).isEqualTo(Instant.parse(lateAt));
		assertThat(snapshot.deadAt()).isEqualTo(Instant.parse(deadAt));
	}

}
