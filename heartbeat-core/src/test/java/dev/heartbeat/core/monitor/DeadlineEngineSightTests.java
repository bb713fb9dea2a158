package dev.heartbeat.core.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.time.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verdicts held while the monitor cannot see a partition, judged once it can, and the deadlines
 * re-armed after a silence of the log: driven by a manual clock, as the monitor's consumer would
 * drive the engine ({@code watch}, {@code seen}).
 */
class DeadlineEngineSightTests {

	private static final Duration SECOND = Duration.ofSeconds(1);

	private static final int P0 = 0;

	private final ManualClock clock = new ManualClock();

	private final long t0 = this.clock.wallTime();

	private final List<StateChange> events = new ArrayList<>();

	private final List<SightChange> sight = new ArrayList<>();

	private final List<AppStateChange> appEvents = new ArrayList<>();

	private final List<String> snoozes = new ArrayList<>();

	private final List<String> forgotten = new ArrayList<>();

	private DeadlineEngine engine = engine(DeadlineEngineConfig.ofDefaults());

	private long seq;

	// holding

	@Test
	void aDeadlineThePartitionIsNotSeenUpToShouldBeHeldThenJudgedWhenItIs() {
		this.engine.watch(P0, this.t0);
		beat("billing", this.t0);
		events().clear();
		advanceTo(this.t0 + 5_000);
		assertThat(this.events).as("LATE and DEAD wait for sight").isEmpty();
		assertThat(state("billing")).isEqualTo(ProcessState.UP);
		assertThat(held()).isOne();

		seen(this.t0 + 1_600);
		assertThat(transitions()).containsExactly("UP->LATE");
		assertThat(this.events.get(0).at()).isEqualTo(at(1_500));
		assertThat(this.events.get(0).detectedAt()).isEqualTo(at(5_000));
		assertThat(held()).as("DEAD is due and still unseen").isOne();

		seen(this.t0 + 5_000);
		assertThat(transitions()).containsExactly("UP->LATE", "LATE->DEAD");
		assertThat(this.events.get(1).at()).isEqualTo(at(3_000));
		assertThat(this.events.get(1).lastBeat().recordTime()).isEqualTo(at(0));
		assertThat(held()).isZero();
	}

	@Test
	void whileEverythingIsSeenVerdictsShouldComeAtTheirExactDeadline() {
		this.engine.watch(P0, this.t0);
		beat("billing", this.t0);
		events().clear();
		for (long t = 100; t <= 4_000; t += 100) {
			this.clock.setWallTime(at(t));
			seen(this.t0 + t);
			this.engine.advance();
		}
		assertThat(transitions()).containsExactly("UP->LATE", "LATE->DEAD");
		assertThat(this.events).allSatisfy((change) -> assertThat(change.detectionLag()).isZero());
	}

	@Test
	void beatsReadWhileCatchingUpShouldReplaceTheHeldVerdictsWithoutAnyEvent() {
		this.engine.watch(P0, this.t0);
		beat("billing", this.t0);
		events().clear();
		advanceTo(this.t0 + 30_000);
		assertThat(held()).isOne();
		// the consumer reads what was written while it could not see, in order
		for (long t = 1_000; t <= 30_000; t += 1_000) {
			beat("billing", this.t0 + t);
		}
		seen(this.t0 + 30_000);
		this.engine.advance();
		assertThat(this.events).isEmpty();
		assertThat(state("billing")).isEqualTo(ProcessState.UP);
		assertThat(held()).isZero();
	}

	@Test
	void aProcessThatWentSilentWhileOnlyTheMonitorWasCutOffShouldBeDeadWithItsTrueLastBeatOnceSeen() {
		this.engine.watch(P0, this.t0);
		beat("alive", this.t0);
		beat("victim", this.t0);
		events().clear();
		advanceTo(this.t0 + 30_000);
		for (long t = 1_000; t <= 30_000; t += 1_000) {
			beat("alive", this.t0 + t);
			if (t <= 10_000) {
				beat("victim", this.t0 + t);
			}
		}
		this.engine.seen(List.of(new Sighting(P0, this.t0 + 30_000, null)));
		assertThat(transitions()).containsExactly("UP->DEAD");
		StateChange dead = this.events.get(0);
		assertThat(dead.process()).isEqualTo("victim");
		assertThat(dead.lastBeat().recordTime()).isEqualTo(at(10_000));
		assertThat(dead.at()).isEqualTo(at(13_000));
	}

	@Test
	void heldVerdictsOfUnwatchedPartitionsShouldBeJudgedAtOnce() {
		this.engine.watch(P0, this.t0);
		beat("billing", this.t0);
		events().clear();
		advanceTo(this.t0 + 5_000);
		assertThat(this.events).isEmpty();
		this.engine.unwatch(P0);
		assertThat(transitions()).containsExactly("UP->DEAD");
		assertThat(this.engine.sights()).isEmpty();
	}

	@Test
	void recordsAppliedInABatchShouldBeHeldForTheirPartition() {
		this.engine.watch(P0, this.t0);
		dev.heartbeat.core.monitor.internal.BeatFields[] beats = { new dev.heartbeat.core.monitor.internal.BeatFields()
			.set(record("billing", this.t0))
			.partition(P0) };
		Admission[] results = new Admission[1];
		assertThat(this.engine.ingest().onBeats(beats, 0, 1, results)).isOne();
		assertThat(this.engine.partitionOf("billing")).isEqualTo(P0);
		advanceTo(this.t0 + 5_000);
		assertThat(transitions()).containsExactly("UNKNOWN->UP");
		assertThat(held()).isOne();
	}

	@Test
	void processesOfPartitionsNotWatchedShouldBeJudgedAtTheEnginesTime() {
		this.engine.watch(P0, this.t0);
		this.engine.onBeat(record("elsewhere", this.t0), 3);
		this.engine.onBeat(record("nowhere", this.t0));
		events().clear();
		advanceTo(this.t0 + 3_000);
		assertThat(transitions()).containsExactly("UP->DEAD", "UP->DEAD");
	}

	@Test
	void sightShouldNeverGoBack() {
		this.engine.watch(P0, this.t0 + 2_000);
		seen(this.t0 + 1_000);
		assertThat(this.engine.sights()).singleElement()
			.satisfies((partition) -> assertThat(partition.seenUpTo()).isEqualTo(at(2_000)));
	}

	@Test
	void aProcessWhoseRecordsMoveToAnotherPartitionShouldBeHeldForItsNewOne() {
		this.engine.watch(P0, this.t0);
		this.engine.watch(1, this.t0);
		beat("billing", this.t0);
		advanceTo(this.t0 + 2_000);
		assertThat(this.engine.sights()).extracting(PartitionSight::heldVerdicts).containsExactly(1L, 0L);
		this.engine.onBeat(record("billing", this.t0 + 1_900), 1);
		assertThat(this.engine.partitionOf("billing")).isOne();
		assertThat(this.engine.sights()).extracting(PartitionSight::heldVerdicts).containsExactly(0L, 0L);
		assertThat(this.engine.forgetPartitions(List.of(P0))).isZero();
		assertThat(this.engine.forgetPartitions(List.of(1))).isOne();
	}

	@Test
	void remindersHoldTimesAndSnoozeEndsShouldAlsoWaitForSight() {
		this.engine = engine(DeadlineEngineConfig.custom()
			.holdTime(Duration.ofSeconds(2))
			.reminderInterval(Duration.ofSeconds(10))
			.build());
		this.engine.watch(P0, this.t0);
		beat("dead", this.t0);
		seen(this.t0 + 3_000);
		advanceTo(this.t0 + 3_000);
		// another app: a dead instance of an app with enough others alive gets no reminders
		this.engine.onBeat(new BeatRecord("flappy", "other", Beat.degraded(Duration.ofSeconds(5)), this.t0 + 3_000, "a1",
				++this.seq, RunStatus.RUNNING, "DOWN"), P0);
		this.engine.snooze("dead", at(5_000));
		events().clear();
		advanceTo(this.t0 + 60_000);
		assertThat(this.events).as("hold end, snooze end and reminders are unseen").isEmpty();
		seen(this.t0 + 6_000);
		assertThat(transitions()).as("held for 2 s, seen after 3 s").containsExactly("UNKNOWN->DEGRADED");
		seen(this.t0 + 12_400);
		assertThat(this.events).hasSize(1);
		seen(this.t0 + 13_000);
		assertThat(transitions()).as("LATE at 10.5 s held for 2 s; the reminder 10 s after DEAD, unsnoozed")
			.containsExactly("UNKNOWN->DEGRADED", "DEGRADED->LATE", "DEAD->DEAD");
		assertThat(this.events.get(2).at()).isEqualTo(at(13_000));
	}

	// a silence of the log: the broker was away for everyone

	@Test
	void aProcessWhoseBeatFellDueInASilenceShouldGetAWholeWindowFromTheReturnOfSight() {
		this.engine.watch(P0, this.t0);
		beat("billing", this.t0);
		events().clear();
		advanceTo(this.t0 + 30_000);
		seen(this.t0 + 30_000, new LogSilence(this.t0 - 1_000, Long.MAX_VALUE));
		assertThat(this.events).isEmpty();
		ProcessSnapshot snapshot = this.engine.get("billing").orElseThrow();
		assertThat(snapshot.lateAt()).isEqualTo(at(33_000));
		assertThat(snapshot.deadAt()).isEqualTo(at(33_000));

		advanceTo(this.t0 + 32_999);
		seen(this.t0 + 32_999);
		beat("billing", this.t0 + 32_900);
		advanceTo(this.t0 + 34_000);
		seen(this.t0 + 34_000);
		assertThat(this.events).as("it beat again within one window").isEmpty();
		assertThat(state("billing")).isEqualTo(ProcessState.UP);
	}

	@Test
	void aProcessThatDoesNotComeBackAfterASilenceShouldBeDeadOnceWithItsTrueLastBeat() {
		this.engine.watch(P0, this.t0);
		beat("billing", this.t0);
		events().clear();
		advanceTo(this.t0 + 30_000);
		seen(this.t0 + 30_000, new LogSilence(this.t0 - 1_000, this.t0 + 26_000));
		advanceTo(this.t0 + 40_000);
		seen(this.t0 + 40_000);
		assertThat(transitions()).as("straight to DEAD: a whole window passed").containsExactly("UP->DEAD");
		assertThat(this.events.get(0).at()).isEqualTo(at(33_000));
		assertThat(this.events.get(0).lastBeat().recordTime()).isEqualTo(at(0));
	}

	@Test
	void aProcessWhoseBeatFellDueBeforeTheSilenceShouldBeJudgedWithItsLastBeat() {
		this.engine.watch(P0, this.t0);
		beat("late-already", this.t0);
		beat("on-time", this.t0 + 9_500);
		events().clear();
		advanceTo(this.t0 + 30_000);
		// nobody wrote from 10 s on: the first one's beat was due at 1 s, while others could write
		seen(this.t0 + 30_000, new LogSilence(this.t0 + 9_500, Long.MAX_VALUE));
		assertThat(this.events).extracting(StateChange::process).containsExactly("late-already");
		assertThat(this.events.get(0).at()).isEqualTo(at(3_000));
	}

	@Test
	void aSecondSilenceShouldReArmAgainAProcessWhoseNewWindowFellInIt() {
		this.engine.watch(P0, this.t0);
		beat("billing", this.t0);
		advanceTo(this.t0 + 10_000);
		seen(this.t0 + 10_000, new LogSilence(this.t0, Long.MAX_VALUE));
		events().clear();
		advanceTo(this.t0 + 20_000);
		seen(this.t0 + 20_000, new LogSilence(this.t0 + 10_500, Long.MAX_VALUE));
		assertThat(this.events).isEmpty();
		assertThat(this.engine.get("billing").orElseThrow().deadAt()).isEqualTo(at(23_000));
	}

	// blind spells

	@Test
	void aPartitionUnseenForLongerThanBlindAfterShouldBeToldBlindOnceThenSighted() {
		this.engine.watch(P0, this.t0);
		this.engine.watch(1, this.t0);
		beat("billing", this.t0);
		advanceTo(this.t0 + 3_000);
		this.engine.seen(List.of(Sighting.of(1, this.t0 + 3_000)));
		assertThat(this.sight).isEmpty();
		assertThat(this.engine.nextWakeTime()).isLessThanOrEqualTo(this.t0 + 3_001);

		advanceTo(this.t0 + 3_001);
		advanceTo(this.t0 + 4_000);
		assertThat(this.sight).singleElement().satisfies((change) -> {
			assertThat(change.eventName()).isEqualTo(SightChange.BLIND);
			assertThat(change.partitions()).containsExactly(P0);
			assertThat(change.since()).isEqualTo(at(0));
			assertThat(change.at()).isEqualTo(at(3_001));
			assertThat(change.heldVerdicts()).isOne();
		});
		assertThat(this.engine.sights()).first().satisfies((partition) -> {
			assertThat(partition.blind()).isTrue();
			assertThat(partition.blindTime()).isEqualTo(Duration.ofSeconds(4));
			assertThat(partition.age(at(4_000))).isEqualTo(Duration.ofSeconds(4));
		});

		seen(this.t0 + 4_000);
		assertThat(this.sight).hasSize(2);
		SightChange sighted = this.sight.get(1);
		assertThat(sighted.eventName()).isEqualTo(SightChange.SIGHTED);
		assertThat(sighted.since()).isEqualTo(at(0));
		assertThat(sighted.at()).isEqualTo(at(4_000));
		assertThat(sighted.duration()).isEqualTo(Duration.ofSeconds(4));
		assertThat(sighted.heldVerdicts()).isOne();
		assertThat(sighted.rearmed()).isFalse();
		assertThat(transitions()).endsWith("UP->DEAD");
		assertThat(this.engine.sights()).first().satisfies((partition) -> {
			assertThat(partition.blind()).isFalse();
			assertThat(partition.blindTime()).isEqualTo(Duration.ofSeconds(4));
		});
	}

	@Test
	void aPartitionSeenFurtherButStillBehindShouldStayBlind() {
		this.engine.watch(P0, this.t0);
		advanceTo(this.t0 + 10_000);
		seen(this.t0 + 5_000);
		assertThat(this.sight).extracting(SightChange::eventName).containsExactly(SightChange.BLIND);
		seen(this.t0 + 9_000);
		assertThat(this.sight).extracting(SightChange::eventName)
			.containsExactly(SightChange.BLIND, SightChange.SIGHTED);
	}

	@Test
	void aBlindPartitionLostThenRebuiltShouldBeToldSightedOnceSeenAndHoldEveryVerdictUntilThen() {
		this.engine.watch(P0, this.t0);
		beat("billing", this.t0);
		advanceTo(this.t0 + 5_000);
		assertThat(this.sight).extracting(SightChange::eventName).containsExactly(SightChange.BLIND);
		this.engine.forgetPartitions(List.of(P0));
		this.engine.unwatch(P0);
		advanceTo(this.t0 + 30_000);
		assertThat(this.engine.sights()).isEmpty();

		// rebuilt: held while restored, not blind, until the rebuild says how far it is seen
		this.engine.watch(P0, Long.MIN_VALUE);
		this.engine.restore(record("billing", this.t0), P0);
		this.engine.restoreReported("billing", new ReportedState(ProcessState.UP, at(0), null, null));
		events().clear();
		advanceTo(this.t0 + 40_000);
		assertThat(this.events).isEmpty();
		assertThat(this.sight).hasSize(1);
		assertThat(held()).isOne();
		seen(this.t0 + 40_000, new LogSilence(this.t0 - 1_000, Long.MAX_VALUE));
		assertThat(this.sight).as("ended by the next sighting, with the partitions it sees").hasSize(1);
		assertThat(this.engine.sights().get(0).blind()).isTrue();
		seen(this.t0 + 40_100);
		assertThat(this.sight).hasSize(2);
		SightChange sighted = this.sight.get(1);
		assertThat(sighted.eventName()).isEqualTo(SightChange.SIGHTED);
		assertThat(sighted.since()).isEqualTo(at(0));
		assertThat(sighted.heldVerdicts()).as("the most held at once").isOne();
		assertThat(sighted.rearmed()).isTrue();
		assertThat(this.events).isEmpty();
		assertThat(this.engine.get("billing").orElseThrow().deadAt()).isEqualTo(at(43_000));
	}

	@Test
	void aPartitionRebuiltFromAnOldEndShouldNotCountAsBlindBeforeTheProbesHadAWhileToSeeIt() {
		this.engine.watch(P0, Long.MIN_VALUE);
		advanceTo(this.t0 + 10_000);
		// the rebuild read the partition up to its end as of the start, ten seconds ago
		seen(this.t0);
		advanceTo(this.t0 + 12_999);
		assertThat(this.sight).isEmpty();
		advanceTo(this.t0 + 13_000);
		assertThat(this.sight).extracting(SightChange::eventName).containsExactly(SightChange.BLIND);
	}

	// what the listeners were told

	@Test
	void aProcessWhoseDeadWasAlreadyReportedShouldNotBeReportedAgainAndItsRemindersGoOn() {
		this.engine = engine(DeadlineEngineConfig.custom().reminderInterval(Duration.ofSeconds(30)).build());
		this.engine.restore(record("billing", this.t0 - 60_000), P0);
		assertThat(this.engine.restoreReported("billing",
				new ReportedState(ProcessState.DEAD, at(-57_000), at(-20_000), null))).isTrue();
		this.engine.watch(P0, this.t0);
		this.engine.advance();
		assertThat(this.events).isEmpty();
		assertThat(this.engine.get("billing").orElseThrow().reportedState()).isEqualTo(ProcessState.DEAD);
		advanceTo(this.t0 + 9_999);
		seen(this.t0 + 9_999);
		assertThat(this.events).isEmpty();
		advanceTo(this.t0 + 10_000);
		seen(this.t0 + 10_000);
		assertThat(this.events).singleElement().satisfies((change) -> {
			assertThat(change.reminder()).isTrue();
			assertThat(change.at()).isEqualTo(at(10_000));
		});
	}

	@Test
	void aProcessThatDiedWhileNoMonitorRanShouldStillBeReportedOnce() {
		this.engine.restore(record("billing", this.t0 - 60_000), P0);
		this.engine.restoreReported("billing", new ReportedState(ProcessState.UP, at(-70_000), null, null));
		this.engine.watch(P0, this.t0);
		this.engine.advance();
		assertThat(transitions()).containsExactly("UP->DEAD");
		assertThat(this.events.get(0).at()).isEqualTo(at(-57_000));
	}

	@Test
	void aProcessThatCameBackWhileNoMonitorRanShouldBeReportedBack() {
		this.engine.restore(record("billing", this.t0 - 500), P0);
		this.engine.restoreReported("billing", new ReportedState(ProcessState.DEAD, at(-70_000), at(-70_000), null));
		this.engine.watch(P0, this.t0);
		this.engine.advance();
		assertThat(transitions()).containsExactly("DEAD->UP");
	}

	@Test
	void aRestoredSnoozeShouldHoldTheEventsBackUntilItEnds() {
		this.engine.restore(record("billing", this.t0 - 60_000), P0);
		this.engine.restoreReported("billing", new ReportedState(ProcessState.UP, at(-60_000), null, at(5_000)));
		this.engine.watch(P0, this.t0);
		this.engine.advance();
		assertThat(this.events).isEmpty();
		assertThat(this.engine.get("billing").orElseThrow().snoozedUntil()).isEqualTo(at(5_000));
		advanceTo(this.t0 + 5_000);
		seen(this.t0 + 5_000);
		assertThat(transitions()).containsExactly("UP->DEAD");
	}

	@Test
	void aNewOwnerShouldRepeatNoAppEventThatItsInstancesRestoredReportsGive() {
		this.engine = engine(DeadlineEngineConfig.custom().minInstances("app", 2).build());
		takeOverAnAppWithOneInstanceDead();
		this.engine.restoreReportedApps(P0);
		this.engine.watch(P0, this.t0);
		this.engine.advance();
		seen(this.t0);
		assertThat(this.events).isEmpty();
		assertThat(this.appEvents).isEmpty();
		AppSnapshot app = this.engine.app("app").orElseThrow();
		assertThat(app.state()).isEqualTo(AppState.DEGRADED);
		assertThat(app.reportedState()).isEqualTo(AppState.DEGRADED);
	}

	@Test
	void aNewOwnerThatRestoresNoAppReportShouldTellTheAppsChangeAgain() {
		this.engine = engine(DeadlineEngineConfig.custom().minInstances("app", 2).build());
		takeOverAnAppWithOneInstanceDead();
		this.engine.watch(P0, this.t0);
		this.engine.advance();
		seen(this.t0);
		assertThat(this.events).isEmpty();
		assertThat(this.appEvents).extracting((change) -> change.from() + "->" + change.to())
			.containsExactly("UP->DEGRADED");
	}

	@Test
	void anAppThatCameBackWhileNoMonitorRanShouldBeReportedBackOnce() {
		this.engine = engine(DeadlineEngineConfig.custom().minInstances("app", 2).build());
		this.engine.restore(record("a", this.t0 - 500), P0);
		this.engine.restore(record("b", this.t0 - 500), P0);
		this.engine.restoreReported("a", new ReportedState(ProcessState.UP, at(-70_000), null, null));
		this.engine.restoreReported("b", new ReportedState(ProcessState.DEAD, at(-70_000), at(-70_000), null));
		this.engine.restoreReportedApps(P0);
		this.engine.watch(P0, this.t0);
		this.engine.advance();
		seen(this.t0);
		assertThat(transitions()).containsExactly("DEAD->UP");
		assertThat(this.appEvents).extracting((change) -> change.from() + "->" + change.to())
			.containsExactly("DEGRADED->UP");
	}

	// an app of two instances whose predecessor reported b DEAD and so the app DEGRADED
	private void takeOverAnAppWithOneInstanceDead() {
		this.engine.restore(record("a", this.t0 - 500), P0);
		this.engine.restore(record("b", this.t0 - 60_000), P0);
		this.engine.restoreReported("a", new ReportedState(ProcessState.UP, at(-70_000), null, null));
		this.engine.restoreReported("b", new ReportedState(ProcessState.DEAD, at(-57_000), at(-57_000), null));
	}

	@Test
	void aReportedStateOfAnUntrackedProcessShouldBeRefused() {
		assertThat(this.engine.restoreReported("nobody", new ReportedState(ProcessState.UP, at(0), null, null)))
			.isFalse();
	}

	@Test
	void theReportedStateOfAnEventShouldCarryItsReminderSchedule() {
		StateChange dead = new StateChange("p", "", ProcessState.LATE, ProcessState.DEAD, at(3_000), at(3_200), null,
				false);
		assertThat(ReportedState.of(dead, null).reminderFrom()).isEqualTo(at(3_200));
		StateChange reminder = new StateChange("p", "", ProcessState.DEAD, ProcessState.DEAD, at(33_000), at(33_100),
				null, true);
		assertThat(ReportedState.of(reminder, at(99_000))).isEqualTo(
				new ReportedState(ProcessState.DEAD, at(33_000), at(33_000), at(99_000)));
		StateChange up = new StateChange("p", "", ProcessState.DEAD, ProcessState.UP, at(40_000), at(40_000), null,
				false);
		assertThat(ReportedState.of(up, null).reminderFrom()).isNull();
	}

	@Test
	void theReportedStateShouldBeWhatTheEventsSaidWithTheSnooze() {
		assertThat(this.engine.reported("billing")).isEmpty();
		beat("billing", this.t0);
		assertThat(this.engine.reported("billing")).contains(new ReportedState(ProcessState.UP, at(0), null, null));
		advanceTo(this.t0 + 3_200);
		this.engine.snooze("billing", at(60_000));
		assertThat(this.engine.reported("billing"))
			.contains(new ReportedState(ProcessState.DEAD, at(3_000), at(3_200), at(60_000)));
	}

	@Test
	void snoozesAndForgetsShouldBeToldButNotTheProcessesOfARevokedPartition() {
		beat("a", this.t0);
		beat("b", this.t0);
		this.engine.snooze("a", at(60_000));
		this.engine.snooze("a", at(0));
		this.engine.forget("a");
		this.engine.forgetIf((process) -> true);
		assertThat(this.snoozes).containsExactly("a until " + at(60_000), "a until null");
		assertThat(this.forgotten).containsExactly("a@0");
	}

	// helpers

	private DeadlineEngine engine(DeadlineEngineConfig config) {
		this.events.clear();
		DeadlineEngine created = new DeadlineEngine(config, this.clock);
		created.addListener(new MonitorListener() {

			@Override
			public void onStateChange(StateChange change) {
				DeadlineEngineSightTests.this.events.add(change);
			}

			@Override
			public void onSightChange(SightChange change) {
				DeadlineEngineSightTests.this.sight.add(change);
			}

			@Override
			public void onAppStateChange(AppStateChange change) {
				DeadlineEngineSightTests.this.appEvents.add(change);
			}

			@Override
			public void onSnoozed(String process, Instant until) {
				DeadlineEngineSightTests.this.snoozes.add(process + " until " + until);
			}

			@Override
			public void onForgotten(ProcessForgotten forgotten) {
				DeadlineEngineSightTests.this.forgotten.add(forgotten.process() + "@" + forgotten.partition());
			}

		});
		return created;
	}

	private void beat(String process, long recordTime) {
		assertThat(this.engine.onBeat(record(process, recordTime), P0)).isEqualTo(Admission.ACCEPTED);
	}

	private BeatRecord record(String process, long recordTime) {
		return new BeatRecord(process, "app", Beat.beat(SECOND), recordTime, "a1", ++this.seq, RunStatus.RUNNING, "UP");
	}

	private void advanceTo(long time) {
		this.clock.setWallTime(Instant.ofEpochMilli(time));
		this.engine.advance();
	}

	private void seen(long upTo) {
		this.engine.seen(List.of(Sighting.of(P0, upTo)));
	}

	private void seen(long upTo, LogSilence silence) {
		this.engine.seen(List.of(new Sighting(P0, upTo, silence)));
	}

	private long held() {
		return this.engine.sights().stream().mapToLong(PartitionSight::heldVerdicts).sum();
	}

	private List<StateChange> events() {
		return this.events;
	}

	private ProcessState state(String process) {
		return this.engine.get(process).orElseThrow().state();
	}

	private Instant at(long offset) {
		return Instant.ofEpochMilli(this.t0 + offset);
	}

	private List<String> transitions() {
		return this.events.stream().map((change) -> change.from() + "->" + change.to()).toList();
	}

}
