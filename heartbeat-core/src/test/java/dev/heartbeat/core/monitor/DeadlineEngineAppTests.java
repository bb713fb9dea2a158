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
 * Apps and their instances, driven by the manual clock: every transition of an app, its minimum
 * of alive instances, hold time, snooze and reminders of app events, replaced instances and
 * their reminders, the retention of stopped and dead processes, and what a rebuild makes of
 * tombstones.
 */
class DeadlineEngineAppTests {

	private static final Duration PERIOD = Duration.ofSeconds(5);

	// a beat of PERIOD is late 7.5 s and dead 15 s after it
	private static final long DEAD_AFTER = 15_000;

	private final ManualClock clock = new ManualClock();

	private final long t0 = this.clock.wallTime();

	private final List<StateChange> events = new ArrayList<>();

	private final List<AppStateChange> appEvents = new ArrayList<>();

	private final List<ProcessForgotten> forgotten = new ArrayList<>();

	private DeadlineEngine engine = engine(DeadlineEngineConfig.ofDefaults());

	private long seq;

	// transitions

	@Test
	void firstInstanceUpShouldReportTheAppUnknownToUp() {
		beat("orders-a", "orders");
		assertThat(appTransitions()).containsExactly("orders UNKNOWN->UP");
		AppStateChange up = this.appEvents.get(0);
		assertThat(up.eventName()).isEqualTo("app.orders.up");
		assertThat(up.at()).isEqualTo(Instant.ofEpochMilli(this.t0));
		assertThat(up).extracting(AppStateChange::instances, AppStateChange::live, AppStateChange::minInstances)
			.containsExactly(1, 1, 1);
		assertThat(up.reminder()).isFalse();
	}

	@Test
	void startingInstancesShouldMakeTheAppStartingUntilOneBeats() {
		send("orders-a", "orders", Beat.start(Duration.ofSeconds(30)), RunStatus.RUNNING);
		send("orders-b", "orders", Beat.start(Duration.ofSeconds(30)), RunStatus.RUNNING);
		advance(1_000);
		beat("orders-a", "orders");
		assertThat(appTransitions()).containsExactly("orders UNKNOWN->STARTING", "orders STARTING->UP");
		assertThat(this.appEvents.get(1).at()).isEqualTo(Instant.ofEpochMilli(this.t0 + 1_000));
	}

	@Test
	void aDegradedInstanceShouldMakeTheAppDegradedUntilItRecovers() {
		beat("orders-a", "orders");
		beat("orders-b", "orders");
		advance(1_000);
		send("orders-b", "orders", Beat.degraded(PERIOD), RunStatus.RUNNING);
		advance(1_000);
		beat("orders-b", "orders");
		assertThat(appTransitions()).containsExactly("orders UNKNOWN->UP", "orders UP->DEGRADED", "orders DEGRADED->UP");
		assertThat(this.appEvents.get(1).eventName()).isEqualTo("app.orders.degraded");
	}

	@Test
	void fewerAliveInstancesThanTheMinimumShouldMakeTheAppDegraded() {
		this.engine = engine(DeadlineEngineConfig.custom().minInstances("orders", 3).build());
		beat("orders-a", "orders");
		beat("orders-b", "orders");
		assertThat(this.engine.app("orders").orElseThrow().isShort()).isTrue();
		beat("orders-c", "orders");
		assertThat(appTransitions()).containsExactly("orders UNKNOWN->DEGRADED", "orders DEGRADED->UP");
		AppStateChange up = this.appEvents.get(1);
		assertThat(up).extracting(AppStateChange::instances, AppStateChange::live, AppStateChange::minInstances)
			.containsExactly(3, 3, 3);
	}

	@Test
	void theDefaultMinimumShouldApplyToEveryAppWithoutItsOwn() {
		this.engine = engine(DeadlineEngineConfig.custom().minInstances(2).minInstances("billing", 1).build());
		beat("orders-a", "orders");
		beat("billing-a", "billing");
		assertThat(appTransitions()).containsExactly("orders UNKNOWN->DEGRADED", "billing UNKNOWN->UP");
		assertThat(this.engine.app("orders").orElseThrow().minInstances()).isEqualTo(2);
	}

	@Test
	void everyAliveInstancePausedShouldMakeTheAppPaused() {
		send("orders-a", "orders", Beat.beat(PERIOD), RunStatus.PAUSED);
		send("orders-b", "orders", Beat.beat(PERIOD), RunStatus.PAUSED);
		beat("orders-b", "orders");
		assertThat(appTransitions()).containsExactly("orders UNKNOWN->PAUSED", "orders PAUSED->UP");
	}

	@Test
	void aLateInstanceShouldStillCountAsAlive() {
		beat("orders-a", "orders");
		advance(7_500);
		assertThat(transitions()).containsExactly("orders-a UNKNOWN->UP", "orders-a UP->LATE");
		assertThat(appTransitions()).containsExactly("orders UNKNOWN->UP");
		assertThat(this.engine.app("orders").orElseThrow().live()).isOne();
	}

	@Test
	void noInstanceAliveShouldMakeTheAppDeadAtTheLastDeath() {
		beat("orders-a", "orders");
		advance(2_000);
		beat("orders-b", "orders");
		advance(DEAD_AFTER - 2_000);
		assertThat(transitions()).contains("orders-a UP->DEAD", "orders-b UP->LATE");
		assertThat(appTransitions()).containsExactly("orders UNKNOWN->UP");
		advance(2_000);
		assertThat(appTransitions()).containsExactly("orders UNKNOWN->UP", "orders UP->DEAD");
		AppStateChange dead = this.appEvents.get(1);
		assertThat(dead.eventName()).isEqualTo("app.orders.dead");
		assertThat(dead.at()).isEqualTo(Instant.ofEpochMilli(this.t0 + 2_000 + DEAD_AFTER));
		assertThat(dead.live()).isZero();
		assertThat(dead.instances()).isEqualTo(2);
	}

	@Test
	void instancesDyingInOneAdvanceShouldChangeTheAppOnceStraightToDead() {
		this.engine = engine(DeadlineEngineConfig.custom().minInstances(2).build());
		beat("orders-a", "orders");
		beat("orders-b", "orders");
		beat("orders-c", "orders");
		int before = this.appEvents.size();
		advance(60_000);
		// not UP -> DEGRADED (short) -> DEAD, one instance after the other
		assertThat(appTransitions().subList(before, this.appEvents.size())).containsExactly("orders UP->DEAD");
		assertThat(this.appEvents.get(before).at()).isEqualTo(Instant.ofEpochMilli(this.t0 + DEAD_AFTER));
	}

	@Test
	void everyInstanceStoppedShouldMakeTheAppStoppedAndAStoppedOneAmongDeadOnesDead() {
		beat("orders-a", "orders");
		beat("orders-b", "orders");
		send("orders-a", "orders", Beat.stop(), RunStatus.RUNNING);
		send("orders-b", "orders", Beat.stop(), RunStatus.RUNNING);
		beat("billing-a", "billing");
		beat("billing-b", "billing");
		send("billing-a", "billing", Beat.stop(), RunStatus.RUNNING);
		advance(DEAD_AFTER);
		assertThat(appTransitions()).containsExactly("orders UNKNOWN->UP", "orders UP->STOPPED",
				"billing UNKNOWN->UP", "billing UP->DEAD");
		assertThat(this.appEvents.get(1).eventName()).isEqualTo("app.orders.stopped");
	}

	@Test
	void processesWithoutAnAppShouldFormNone() {
		send("loner", "", Beat.beat(PERIOD), RunStatus.RUNNING);
		advance(60_000);
		assertThat(transitions()).containsExactly("loner UNKNOWN->UP", "loner UP->DEAD");
		assertThat(this.appEvents).isEmpty();
		assertThat(this.engine.apps()).isEmpty();
	}

	@Test
	void aProcessThatBeatsForAnotherAppShouldMoveToIt() {
		beat("worker", "orders");
		beat("worker", "billing");
		assertThat(this.engine.apps()).extracting(AppSnapshot::app).containsExactly("billing");
		assertThat(appTransitions()).containsExactly("orders UNKNOWN->UP", "billing UNKNOWN->UP");
	}

	@Test
	void theAppShouldBeSnapshottedWithItsCountsPerState() {
		beat("orders-a", "orders");
		send("orders-b", "orders", Beat.degraded(PERIOD), RunStatus.RUNNING);
		send("orders-c", "orders", Beat.stop(), RunStatus.RUNNING);
		AppSnapshot app = this.engine.app("orders").orElseThrow();
		assertThat(app.state()).isEqualTo(AppState.DEGRADED);
		assertThat(app.reportedState()).isEqualTo(AppState.DEGRADED);
		assertThat(app).extracting(AppSnapshot::instances, AppSnapshot::live).containsExactly(3, 2);
		assertThat(app.counts()).containsEntry(ProcessState.UP, 1L)
			.containsEntry(ProcessState.DEGRADED, 1L)
			.containsEntry(ProcessState.STOPPED, 1L)
			.containsEntry(ProcessState.DEAD, 0L);
		assertThat(this.engine.app("nothing")).isEmpty();
		assertThat(this.engine.countAppsByState()).containsEntry(AppState.DEGRADED, 1L).containsEntry(AppState.UP, 0L);
	}

	// hold time, snooze, reminders

	@Test
	void anAppChangeShouldBeHeldByTheHoldTimeAndDroppedWhenItTurnsBack() {
		this.engine = engine(DeadlineEngineConfig.custom().holdTime(Duration.ofSeconds(3)).build());
		beat("orders-a", "orders");
		advance(3_000);
		assertThat(appTransitions()).containsExactly("orders UNKNOWN->UP");
		send("orders-a", "orders", Beat.degraded(PERIOD), RunStatus.RUNNING);
		advance(2_000);
		beat("orders-a", "orders");
		advance(5_000);
		assertThat(appTransitions()).containsExactly("orders UNKNOWN->UP");
		send("orders-a", "orders", Beat.degraded(PERIOD), RunStatus.RUNNING);
		advance(2_999);
		assertThat(this.appEvents).hasSize(1);
		advance(1);
		assertThat(appTransitions()).containsExactly("orders UNKNOWN->UP", "orders UP->DEGRADED");
	}

	@Test
	void aDeadAppShouldNotBeHeldBack() {
		this.engine = engine(DeadlineEngineConfig.custom().holdTime(Duration.ofMinutes(1)).build());
		beat("orders-a", "orders");
		keepBeating("orders-a", 60_000);
		assertThat(appTransitions()).containsExactly("orders UNKNOWN->UP");
		advance(DEAD_AFTER);
		assertThat(appTransitions()).containsExactly("orders UNKNOWN->UP", "orders UP->DEAD");
	}

	@Test
	void aSnoozedAppShouldHoldItsEventsUntilTheSnoozeEnds() {
		beat("orders-a", "orders");
		assertThat(this.engine.snoozeApp("orders", Instant.ofEpochMilli(this.t0 + 60_000))).isTrue();
		assertThat(this.engine.app("orders").orElseThrow().snoozedUntil()).isEqualTo(Instant.ofEpochMilli(this.t0 + 60_000));
		advance(DEAD_AFTER);
		assertThat(appTransitions()).containsExactly("orders UNKNOWN->UP");
		// the instance's own events are not held
		assertThat(transitions()).endsWith("orders-a UP->DEAD");
		assertThat(this.engine.nextWakeTime()).isLessThanOrEqualTo(this.t0 + 60_000);
		advance(60_000 - DEAD_AFTER);
		assertThat(appTransitions()).containsExactly("orders UNKNOWN->UP", "orders UP->DEAD");
		assertThat(this.engine.snoozeApp("nothing", Instant.MAX)).isFalse();
	}

	@Test
	void aDeadAppShouldBeRemindedEveryIntervalAndADegradedOneToo() {
		this.engine = engine(DeadlineEngineConfig.custom().reminderInterval(Duration.ofMinutes(5)).build());
		beat("orders-a", "orders");
		advance(DEAD_AFTER);
		advance(299_999);
		assertThat(this.appEvents).hasSize(2);
		advance(1);
		assertThat(appTransitions()).containsExactly("orders UNKNOWN->UP", "orders UP->DEAD", "orders DEAD->DEAD");
		AppStateChange reminder = this.appEvents.get(2);
		assertThat(reminder.reminder()).isTrue();
		assertThat(reminder.at()).isEqualTo(Instant.ofEpochMilli(this.t0 + DEAD_AFTER + 300_000));

		send("billing-a", "billing", Beat.degraded(Duration.ofHours(1)), RunStatus.RUNNING);
		advance(300_000);
		assertThat(this.appEvents).filteredOn((change) -> change.app().equals("billing"))
			.extracting((change) -> change.to() + (change.reminder() ? " reminder" : ""))
			.containsExactly("DEGRADED", "DEGRADED reminder");
	}

	@Test
	void anUpAppShouldNeverBeReminded() {
		this.engine = engine(DeadlineEngineConfig.custom().reminderInterval(Duration.ofSeconds(10)).build());
		beat("orders-a", "orders");
		for (int i = 0; i < 10; i++) {
			advance(4_000);
			beat("orders-a", "orders");
		}
		assertThat(appTransitions()).containsExactly("orders UNKNOWN->UP");
	}

	// replaced instances

	@Test
	void aDeadInstanceOfAnAppWithEnoughOthersAliveShouldBeReportedOnceAndNeverReminded() {
		this.engine = engine(DeadlineEngineConfig.custom().reminderInterval(Duration.ofSeconds(30)).build());
		beat("orders-a", "orders");
		beat("orders-b", "orders");
		for (int i = 0; i < 20; i++) {
			advance(5_000);
			beat("orders-b", "orders");
		}
		assertThat(transitions()).filteredOn((change) -> change.startsWith("orders-a"))
			.containsExactly("orders-a UNKNOWN->UP", "orders-a UP->LATE", "orders-a LATE->DEAD");
		assertThat(this.events).noneMatch(StateChange::reminder);
		assertThat(appTransitions()).containsExactly("orders UNKNOWN->UP");
		assertThat(this.engine.app("orders").orElseThrow().isShort()).isFalse();
	}

	@Test
	void remindersOfADeadInstanceShouldStopOnceItsReplacementIsUpAndResumeWhenTheAppFallsShortAgain() {
		this.engine = engine(DeadlineEngineConfig.custom()
			.reminderInterval(Duration.ofSeconds(30))
			.minInstances("orders", 2)
			.build());
		beat("orders-a", "orders");
		beat("orders-b", "orders");
		keepBeating("orders-b", DEAD_AFTER);
		// orders-a died (orders-b beats on): the app is short, orders-a is reminded of
		keepBeating("orders-b", 30_000);
		assertThat(reminders("orders-a")).hasSize(1);
		assertThat(reminders("orders-a").get(0).at()).isEqualTo(Instant.ofEpochMilli(this.t0 + DEAD_AFTER + 30_000));

		// its replacement is up: no more reminders
		beat("orders-c", "orders");
		keepBeating("orders-b", "orders-c", 90_000);
		assertThat(reminders("orders-a")).hasSize(1);
		assertThat(this.engine.app("orders").orElseThrow().isShort()).isFalse();

		// orders-b dies: short again, orders-a's reminders resume at their next due time, and
		// orders-b's begin
		long bDiesAt = this.clock.wallTime() + DEAD_AFTER;
		keepBeating("orders-c", 60_000);
		assertThat(reminders("orders-a")).hasSizeGreaterThan(1);
		assertThat(reminders("orders-a").get(1).at().toEpochMilli())
			.isEqualTo(this.t0 + DEAD_AFTER + 30_000 * 5);
		assertThat(reminders("orders-b")).isNotEmpty().allSatisfy((reminder) -> assertThat(reminder.at().toEpochMilli())
			.isGreaterThanOrEqualTo(bDiesAt + 30_000));
		assertThat(this.appEvents).filteredOn((change) -> !change.reminder())
			.extracting((change) -> change.from() + "->" + change.to())
			.containsExactly("UNKNOWN->DEGRADED", "DEGRADED->UP", "UP->DEGRADED", "DEGRADED->UP", "UP->DEGRADED");
	}

	// retention

	@Test
	void aStoppedProcessShouldBeForgottenAfterForgetStoppedAfterWithoutAnEvent() {
		beat("orders-a", "orders");
		beat("orders-b", "orders");
		send("orders-a", "orders", Beat.stop(), RunStatus.RUNNING);
		assertThat(this.engine.nextWakeTime()).isLessThanOrEqualTo(this.t0 + Duration.ofMinutes(15).toMillis());
		keepBeating("orders-b", Duration.ofMinutes(15).toMillis() - 5_000);
		assertThat(this.engine.get("orders-a")).isPresent();
		int events = this.events.size();
		keepBeating("orders-b", 5_000);
		assertThat(this.engine.get("orders-a")).isEmpty();
		assertThat(this.events).hasSize(events);
		assertThat(this.forgotten).singleElement().satisfies((forgotten) -> {
			assertThat(forgotten.process()).isEqualTo("orders-a");
			assertThat(forgotten.app()).isEqualTo("orders");
			assertThat(forgotten.state()).isEqualTo(ProcessState.STOPPED);
			assertThat(forgotten.reason()).isEqualTo(ProcessForgotten.Reason.RETENTION);
			assertThat(forgotten.at()).isEqualTo(Instant.ofEpochMilli(this.t0 + Duration.ofMinutes(15).toMillis()));
		});
		assertThat(this.engine.app("orders").orElseThrow().instances()).isOne();
		assertThat(appTransitions()).containsExactly("orders UNKNOWN->UP");
	}

	@Test
	void aDeadProcessShouldBeForgottenAfterForgetDeadAfterCountedFromItsDeadline() {
		this.engine = engine(DeadlineEngineConfig.custom().forgetDeadAfter(Duration.ofHours(1)).build());
		beat("orders-a", "orders");
		advance(DEAD_AFTER + Duration.ofHours(1).toMillis() - 1);
		assertThat(this.engine.get("orders-a")).map(ProcessSnapshot::state).contains(ProcessState.DEAD);
		advance(1);
		assertThat(this.engine.get("orders-a")).isEmpty();
		assertThat(this.forgotten).singleElement().satisfies((forgotten) -> {
			assertThat(forgotten.state()).isEqualTo(ProcessState.DEAD);
			assertThat(forgotten.lastBeat().recordTime()).isEqualTo(Instant.ofEpochMilli(this.t0));
		});
		// its app had no other instance: it is dropped, silently
		assertThat(this.engine.apps()).isEmpty();
		assertThat(appTransitions()).containsExactly("orders UNKNOWN->UP", "orders UP->DEAD");
		assertThat(this.engine.nextWakeTime()).isEqualTo(Long.MAX_VALUE);
	}

	@Test
	void zeroRetentionShouldKeepStoppedAndDeadProcessesForever() {
		this.engine = engine(DeadlineEngineConfig.custom()
			.forgetStoppedAfter(Duration.ZERO)
			.forgetDeadAfter(Duration.ZERO)
			.build());
		beat("orders-a", "orders");
		send("billing-a", "billing", Beat.stop(), RunStatus.RUNNING);
		advance(Duration.ofDays(400).toMillis());
		assertThat(this.engine.size()).isEqualTo(2);
		assertThat(this.forgotten).isEmpty();
		assertThat(this.engine.nextWakeTime()).isEqualTo(Long.MAX_VALUE);
	}

	@Test
	void aProcessBeatingAgainBeforeItsRetentionEndsShouldBeKept() {
		this.engine = engine(DeadlineEngineConfig.custom().forgetStoppedAfter(Duration.ofMinutes(1)).build());
		send("orders-a", "orders", Beat.stop(), RunStatus.RUNNING);
		advance(59_000);
		beat("orders-a", "orders");
		keepBeating("orders-a", 120_000);
		assertThat(this.forgotten).isEmpty();
		assertThat(this.engine.get("orders-a")).map(ProcessSnapshot::state).contains(ProcessState.UP);
	}

	@Test
	void forgettingTheLastAliveInstanceShouldChangeItsApp() {
		beat("orders-a", "orders");
		send("orders-b", "orders", Beat.stop(), RunStatus.RUNNING);
		assertThat(this.engine.forget("orders-a")).isTrue();
		assertThat(this.forgotten).singleElement()
			.extracting(ProcessForgotten::reason)
			.isEqualTo(ProcessForgotten.Reason.REQUEST);
		assertThat(appTransitions()).containsExactly("orders UNKNOWN->UP", "orders UP->STOPPED");
		assertThat(this.engine.forget("orders-a")).isFalse();
		assertThat(this.forgotten).hasSize(1);
	}

	@Test
	void processesGivenToAnotherMonitorShouldLeaveTheirAppSilently() {
		beat("orders-a", "orders");
		send("orders-b", "orders", Beat.degraded(PERIOD), RunStatus.RUNNING);
		assertThat(this.engine.forgetIf("orders-b"::equals)).isOne();
		assertThat(this.engine.app("orders").orElseThrow().state()).isEqualTo(AppState.UP);
		assertThat(appTransitions()).containsExactly("orders UNKNOWN->UP", "orders UP->DEGRADED");
		assertThat(this.forgotten).isEmpty();
		assertThat(this.engine.forgetIf((process) -> true)).isOne();
		assertThat(this.engine.apps()).isEmpty();
	}

	// rebuild

	@Test
	void aRebuildShouldTakeTheAppsStateAsReportedAndReportOnlyWhatPassedMeanwhile() {
		restore("orders-a", "orders", Beat.beat(PERIOD), this.t0 - 1_000);
		restore("orders-b", "orders", Beat.beat(PERIOD), this.t0 - 60_000);
		assertThat(this.appEvents).isEmpty();
		assertThat(this.engine.app("orders").orElseThrow().reportedState()).isEqualTo(AppState.UP);
		this.engine.advance();
		assertThat(transitions()).containsExactly("orders-b UP->DEAD");
		assertThat(this.appEvents).isEmpty();
		advance(DEAD_AFTER);
		assertThat(appTransitions()).containsExactly("orders UP->DEAD");
	}

	@Test
	void aRestoredStopOlderThanItsRetentionShouldBeForgottenAtTheFirstAdvance() {
		restore("orders-a", "orders", Beat.stop(), this.t0 - Duration.ofMinutes(20).toMillis());
		assertThat(this.engine.get("orders-a")).isPresent();
		this.engine.advance();
		assertThat(this.engine.get("orders-a")).isEmpty();
		assertThat(this.forgotten).extracting(ProcessForgotten::reason).containsExactly(ProcessForgotten.Reason.RETENTION);
		assertThat(this.events).isEmpty();
		assertThat(this.appEvents).isEmpty();
	}

	@Test
	void aTombstoneReadInARebuildShouldForgetTheProcessAndABeatAfterItTrackItAgain() {
		// a rebuild restores the last record of each process; a tombstone after it forgets it
		restore("orders-a", "orders", Beat.beat(PERIOD), this.t0 - 60_000);
		restore("orders-b", "orders", Beat.beat(PERIOD), this.t0 - 1_000);
		assertThat(this.engine.forget("orders-a", ProcessForgotten.Reason.TOMBSTONE)).isTrue();
		this.engine.advance();
		// so the process that died long ago is not reported dead again
		assertThat(this.events).isEmpty();
		assertThat(this.forgotten).extracting(ProcessForgotten::process, ProcessForgotten::reason)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("orders-a", ProcessForgotten.Reason.TOMBSTONE));
		assertThat(this.engine.app("orders").orElseThrow().instances()).isOne();
		beat("orders-a", "orders");
		assertThat(transitions()).containsExactly("orders-a UNKNOWN->UP");
	}

	// helpers

	private DeadlineEngine engine(DeadlineEngineConfig config) {
		this.events.clear();
		this.appEvents.clear();
		this.forgotten.clear();
		DeadlineEngine engine = new DeadlineEngine(config, this.clock);
		engine.addListener(new MonitorListener() {

			@Override
			public void onStateChange(StateChange change) {
				DeadlineEngineAppTests.this.events.add(change);
			}

			@Override
			public void onAppStateChange(AppStateChange change) {
				DeadlineEngineAppTests.this.appEvents.add(change);
			}

			@Override
			public void onForgotten(ProcessForgotten forgotten) {
				DeadlineEngineAppTests.this.forgotten.add(forgotten);
			}

		});
		return engine;
	}

	private void beat(String process, String app) {
		send(process, app, Beat.beat(PERIOD), RunStatus.RUNNING);
	}

	private void send(String process, String app, Beat beat, RunStatus status) {
		this.engine.onBeat(new BeatRecord(process, app, beat, this.clock.wallTime(), "i-1", ++this.seq, status, "UP"));
	}

	private void restore(String process, String app, Beat beat, long recordTime) {
		this.engine.restore(new BeatRecord(process, app, beat, recordTime, "i-1", ++this.seq, RunStatus.RUNNING, "UP"));
	}

	private void advance(long millis) {
		this.clock.advanceMillis(millis);
		this.engine.advance();
	}

	// a beat every second for a while, of each process given
	private void keepBeating(String first, long millis) {
		keepBeating(first, null, millis);
	}

	private void keepBeating(String first, String second, long millis) {
		for (long done = 0; done < millis; done += 1_000) {
			advance(1_000);
			beat(first, "orders");
			if (second != null) {
				beat(second, "orders");
			}
		}
	}

	private List<StateChange> reminders(String process) {
		return this.events.stream().filter((change) -> change.process().equals(process) && change.reminder()).toList();
	}

	private List<String> transitions() {
		return this.events.stream().map((change) -> change.process() + " " + change.from() + "->" + change.to()).toList();
	}

	private List<String> appTransitions() {
		return this.appEvents.stream().map((change) -> change.app() + " " + change.from() + "->" + change.to()).toList();
	}

}
