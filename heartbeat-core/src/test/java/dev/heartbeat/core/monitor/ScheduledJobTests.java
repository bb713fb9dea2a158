package dev.heartbeat.core.monitor;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.config.InvalidConfigException;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.time.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Processes on a {@link JobSchedule}: judged by their next scheduled run plus the grace.
 */
class ScheduledJobTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private static final Duration GRACE = Duration.ofMinutes(30);

	private static final Duration WARMUP = Duration.ofMinutes(10);

	// every day at 02:30 in Berlin, which does not exist on 2026-03-29 and happens twice on 2026-10-25
	private static final DailyAt NIGHTLY = new DailyAt(LocalTime.of(2, 30), BERLIN, GRACE);

	private final ManualClock clock = new ManualClock(Instant.parse("2026-03-28T01:30:00Z"));

	private final List<StateChange> events = new ArrayList<>();

	private DeadlineEngine engine = engine(ScheduleLookup.builder().process("backup", NIGHTLY).build());

	private long seq;

	@Test
	void springForwardShouldSkipTheRunThatDoesNotExist() {
		// 2026-03-28 02:30 CET; the next 02:30 is on 03-30 (CEST), 03-29 has none
		run("backup", Duration.ofMinutes(5));
		assertDeadlines("backup", "2026-03-30T01:00:00Z", "2026-03-30T01:30:00Z");
		advanceTo("2026-03-30T00:59:59.999Z");
		assertThat(state("backup")).isEqualTo(ProcessState.STOPPED);
		advanceTo("2026-03-30T01:00:00Z");
		assertThat(state("backup")).isEqualTo(ProcessState.LATE);
		advanceTo("2026-03-30T01:29:59.999Z");
		assertThat(state("backup")).isEqualTo(ProcessState.LATE);
		advanceTo("2026-03-30T01:30:00Z");
		assertThat(transitions()).containsExactly("UNKNOWN->STARTING", "STARTING->STOPPED", "STOPPED->LATE",
				"LATE->DEAD");
		assertThat(this.events.get(2).at()).isEqualTo(Instant.parse("2026-03-30T01:00:00Z"));
		assertThat(this.events.get(3).at()).isEqualTo(Instant.parse("2026-03-30T01:30:00Z"));
	}

	@Test
	void fallBackShouldExpectBothRunsOfTheRepeatedHour() {
		// 02:30 CEST is 00:30Z, 02:30 CET an hour later
		this.clock.setWallTime(Instant.parse("2026-10-25T00:30:00Z"));
		run("backup", Duration.ofMinutes(10));
		assertDeadlines("backup", "2026-10-25T02:00:00Z", "2026-10-25T02:30:00Z");
		advanceTo("2026-10-25T01:30:00Z");
		run("backup", Duration.ofMinutes(10));
		assertDeadlines("backup", "2026-10-26T02:00:00Z", "2026-10-26T02:30:00Z");
		advanceTo("2026-10-26T01:59:59.999Z");
		assertThat(state("backup")).isEqualTo(ProcessState.STOPPED);
		advanceTo("2026-10-26T02:00:00Z");
		assertThat(state("backup")).isEqualTo(ProcessState.LATE);
	}

	@Test
	void missedSecondRunOfTheRepeatedHourShouldBeLate() {
		this.clock.setWallTime(Instant.parse("2026-10-25T00:30:00Z"));
		run("backup", Duration.ofMinutes(10));
		advanceTo("2026-10-25T02:00:00Z");
		assertThat(state("backup")).isEqualTo(ProcessState.LATE);
		advanceTo("2026-10-25T02:30:00Z");
		assertThat(state("backup")).isEqualTo(ProcessState.DEAD);
	}

	@Test
	void jobThatRunsOnScheduleShouldNeverBeLate() {
		// every night across the spring-forward change, each run starting 20 minutes late
		Instant next = Instant.ofEpochMilli(this.clock.wallTime());
		for (int night = 0; night < 12; night++) {
			advanceTo(next.plus(Duration.ofMinutes(20)));
			run("backup", Duration.ofMinutes(9));
			next = NIGHTLY.nextRunAfter(Instant.ofEpochMilli(this.clock.wallTime()));
		}
		assertThat(transitions()).doesNotContain("STOPPED->LATE", "LATE->DEAD", "STARTING->LATE")
			.hasSize(24)
			.allMatch((change) -> change.endsWith("->STARTING") || change.endsWith("->STOPPED"));
	}

	@Test
	void runThatNeverStopsShouldBeDeadAfterItsWarmupTimesTheBuffer() {
		send("backup", Beat.start(WARMUP));
		long started = this.clock.wallTime();
		assertDeadlines("backup", Instant.ofEpochMilli(started + 15 * 60_000).toString(),
				Instant.ofEpochMilli(started + 30 * 60_000).toString());
		advance(Duration.ofMinutes(15).toMillis() - 1);
		assertThat(state("backup")).isEqualTo(ProcessState.STARTING);
		advance(1);
		assertThat(state("backup")).isEqualTo(ProcessState.LATE);
		advance(Duration.ofMinutes(15).toMillis());
		assertThat(state("backup")).isEqualTo(ProcessState.DEAD);
		assertThat(this.events.get(2).at()).isEqualTo(Instant.ofEpochMilli(started + 30 * 60_000));
	}

	@Test
	void degradedShouldReportFailureUntilTheNextRunIsDue() {
		send("backup", Beat.start(WARMUP));
		advance(60_000);
		send("backup", Beat.degraded(Duration.ofSeconds(5)));
		assertThat(state("backup")).isEqualTo(ProcessState.DEGRADED);
		assertDeadlines("backup", "2026-03-30T01:00:00Z", "2026-03-30T01:30:00Z");
		advanceTo("2026-03-30T00:59:59.999Z");
		assertThat(transitions()).containsExactly("UNKNOWN->STARTING", "STARTING->DEGRADED");
		advanceTo("2026-03-30T01:00:00Z");
		assertThat(state("backup")).isEqualTo(ProcessState.LATE);
	}

	@Test
	void beatShouldReportSuccessWhateverPeriodItAnnounces() {
		send("backup", Beat.beat(Duration.ofSeconds(5)));
		advance(Duration.ofHours(20).toMillis());
		assertThat(state("backup")).isEqualTo(ProcessState.UP);
		assertDeadlines("backup", "2026-03-30T01:00:00Z", "2026-03-30T01:30:00Z");
	}

	@Test
	void pausedJobShouldShowPausedUntilTheNextRunIsDue() {
		this.engine.onBeat(new BeatRecord("backup", "app", Beat.beat(Duration.ofSeconds(5)), this.clock.wallTime(),
				"a1", ++this.seq, RunStatus.PAUSED, "UP"));
		advanceTo("2026-03-30T00:59:59.999Z");
		assertThat(state("backup")).isEqualTo(ProcessState.PAUSED);
		advanceTo("2026-03-30T01:00:00Z");
		assertThat(state("backup")).isEqualTo(ProcessState.LATE);
	}

	@Test
	void regexShouldScheduleEveryMatchingProcessAndFirstRuleShouldWin() {
		DailyAt utcNoon = new DailyAt(LocalTime.NOON, ZoneId.of("UTC"), Duration.ofMinutes(1));
		this.engine = engine(ScheduleLookup.builder()
			.process("nightly-special", utcNoon)
			.processRegex(Pattern.compile("nightly-.*"), NIGHTLY)
			.build());
		send("nightly-a", Beat.stop());
		send("nightly-special", Beat.stop());
		send("nightly", Beat.stop());
		send("xnightly-b", Beat.beat(Duration.ofSeconds(5)));
		assertDeadlines("nightly-a", "2026-03-30T01:00:00Z", "2026-03-30T01:30:00Z");
		assertDeadlines("nightly-special", "2026-03-28T12:01:00Z", "2026-03-28T12:02:00Z");
		assertThat(this.engine.get("nightly").orElseThrow().lateAt()).isNull();
		advance(7_500);
		assertThat(state("xnightly-b")).isEqualTo(ProcessState.LATE);
	}

	@Test
	void processWithoutScheduleShouldBeJudgedByItsPeriods() {
		send("billing", Beat.beat(Duration.ofSeconds(5)));
		send("billing", Beat.stop());
		assertThat(this.engine.get("billing").orElseThrow().lateAt()).isNull();
		send("payments", Beat.beat(Duration.ofSeconds(5)));
		advance(7_499);
		assertThat(state("payments")).isEqualTo(ProcessState.UP);
		advance(1);
		assertThat(state("payments")).isEqualTo(ProcessState.LATE);
		advance(7_500);
		assertThat(state("payments")).isEqualTo(ProcessState.DEAD);
	}

	@Test
	void stoppedJobShouldWaitForItsNextRunNotBeForgottenLikeAStoppedProcess() {
		this.engine = new DeadlineEngine(DeadlineEngineConfig.custom()
			.forgetStoppedAfter(Duration.ofMinutes(15))
			.schedules(ScheduleLookup.builder().process("backup", NIGHTLY).build())
			.build(), this.clock);
		this.engine.addListener(MonitorListener.forStateChanges(this.events::add));
		advanceTo("2026-03-30T00:40:00Z");
		run("backup", Duration.ofMinutes(9));
		send("payroll", Beat.stop());
		advance(Duration.ofHours(20).toMillis());
		assertThat(this.engine.get("payroll")).as("a stopped process without a schedule is forgotten").isEmpty();
		assertThat(this.engine.get("backup")).get().extracting(ProcessSnapshot::state).isEqualTo(ProcessState.STOPPED);
		// the next run is due at 02:30 in Berlin on 31 March, 00:30 UTC, with a grace of 30 minutes
		advanceTo("2026-03-31T01:00:00Z");
		assertThat(transitions()).endsWith("STARTING->STOPPED", "UNKNOWN->STOPPED", "STOPPED->LATE");
	}

	@Test
	void restoredStopShouldWakeWhenTheNextRunIsLate() {
		this.engine.restore(record("backup", Beat.stop()));
		assertThat(state("backup")).isEqualTo(ProcessState.STOPPED);
		assertThat(this.engine.nextWakeTime()).isLessThanOrEqualTo(Instant.parse("2026-03-30T01:00:00Z").toEpochMilli());
		advanceTo("2026-03-30T00:59:59.999Z");
		assertThat(this.events).isEmpty();
		advanceTo("2026-03-30T01:00:00Z");
		assertThat(transitions()).containsExactly("STOPPED->LATE");
	}

	@Test
	void scheduleWithoutFurtherRunsShouldSetNoDeadline() {
		this.engine = engine(ScheduleLookup.builder().process("once", new Fixed(null)).build());
		send("once", Beat.stop());
		assertThat(this.engine.nextWakeTime()).isEqualTo(Long.MAX_VALUE);
		assertThat(this.engine.get("once").orElseThrow().lateAt()).isNull();
		assertThat(state("once")).isEqualTo(ProcessState.STOPPED);
	}

	@Test
	void scheduleShouldBeAskedOncePerBeat() {
		Fixed schedule = new Fixed(Instant.parse("2026-03-28T02:00:00Z"));
		this.engine = engine(ScheduleLookup.builder().process("job", schedule).build());
		send("job", Beat.stop());
		for (int i = 0; i < 5; i++) {
			this.engine.get("job");
			advance(1_000);
		}
		assertThat(schedule.asked).hasValue(1);
		send("job", Beat.beat(Duration.ofSeconds(1)));
		this.engine.get("job");
		assertThat(schedule.asked).hasValue(2);
	}

	@Test
	void forgottenProcessShouldBeLookedUpAgain() {
		send("backup", Beat.stop());
		this.engine.forget("backup");
		send("backup", Beat.stop());
		assertDeadlines("backup", "2026-03-30T01:00:00Z", "2026-03-30T01:30:00Z");
	}

	@Test
	void graceShorterThanOneMillisecondShouldBeRejected() {
		DailyAt noGrace = new DailyAt(LocalTime.NOON, BERLIN, Duration.ZERO);
		assertThatExceptionOfType(InvalidConfigException.class)
			.isThrownBy(() -> ScheduleLookup.builder().process("job", noGrace))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("grace"));
		DailyAt tooLong = new DailyAt(LocalTime.NOON, BERLIN, Duration.ofDays(366));
		assertThatExceptionOfType(InvalidConfigException.class)
			.isThrownBy(() -> ScheduleLookup.builder().processRegex(Pattern.compile(".*"), tooLong));
	}

	@Test
	void emptyLookupShouldBeTheDefault() {
		assertThat(DeadlineEngineConfig.ofDefaults().schedules()).isSameAs(ScheduleLookup.none());
		assertThat(ScheduleLookup.builder().build().isEmpty()).isTrue();
		assertThat(ScheduleLookup.none().find("backup")).isEmpty();
	}

	// a schedule with one run, or none, counting how often it is asked
	private static final class Fixed implements JobSchedule {

		private final @Nullable Instant run;

		private final AtomicInteger asked = new AtomicInteger();

		Fixed(@Nullable Instant run) {
			this.run = run;
		}

		@Override
		public @Nullable Instant nextRunAfter(Instant time) {
			this.asked.incrementAndGet();
			return (this.run != null && this.run.isAfter(time)) ? this.run : null;
		}

		@Override
		public Duration grace() {
			return Duration.ofMinutes(1);
		}

	}

	private DeadlineEngine engine(ScheduleLookup schedules) {
		this.events.clear();
		DeadlineEngine engine = new DeadlineEngine(DeadlineEngineConfig.custom().schedules(schedules).build(),
				this.clock);
		engine.addListener(MonitorListener.forStateChanges(this.events::add));
		return engine;
	}

	// a run: start, then stop after the given time
	private void run(String process, Duration runTime) {
		send(process, Beat.start(WARMUP));
		advance(runTime.toMillis());
		send(process, Beat.stop());
	}

	private void send(String process, Beat beat) {
		assertThat(this.engine.onBeat(record(process, beat))).isEqualTo(Admission.ACCEPTED);
	}

	private BeatRecord record(String process, Beat beat) {
		return new BeatRecord(process, "app", beat, this.clock.wallTime(), "a1", ++this.seq, RunStatus.RUNNING, "UP");
	}

	private void advance(long millis) {
		this.clock.advanceMillis(millis);
		this.engine.advance();
	}

	private void advanceTo(String time) {
		advanceTo(Instant.parse(time));
	}

	private void advanceTo(Instant time) {
		this.clock.setWallTime(time);
		this.engine.advance();
	}

	private ProcessState state(String process) {
		return this.engine.get(process).orElseThrow().state();
	}

	private void assertDeadlines(String process, String lateAt, String deadAt) {
		ProcessSnapshot snapshot = this.engine.get(process).orElseThrow();
		assertThat(snapshot.lateAt()).isEqualTo(Instant.parse(lateAt));
		assertThat(snapshot.deadAt()).isEqualTo(Instant.parse(deadAt));
	}

	private List<String> transitions() {
		return this.events.stream().map((change) -> change.from() + "->" + change.to()).toList();
	}

}
