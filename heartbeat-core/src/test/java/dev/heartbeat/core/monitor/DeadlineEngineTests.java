package dev.heartbeat.core.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.beat.BeatKind;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.time.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deadline engine's processes: their states, events, hold time, snooze, reminders and
 * restores. The processes here belong to no app (their records carry none), so that every event
 * is a process's; apps and retention are the subject of {@link DeadlineEngineAppTests}.
 */
class DeadlineEngineTests {

	private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);

	// processes stay tracked however long they are stopped or dead
	private static final DeadlineEngineConfig KEEP_FOREVER = DeadlineEngineConfig.custom()
		.forgetStoppedAfter(Duration.ZERO)
		.forgetDeadAfter(Duration.ZERO)
		.build();

	private static final Duration MINUTE = Duration.ofMinutes(1);

	private final ManualClock clock = new ManualClock();

	private final long t0 = this.clock.wallTime();

	private final List<StateChange> events = new ArrayList<>();

	private DeadlineEngine engine = engine(DeadlineEngineConfig.ofDefaults());

	private long seq;

	// transitions

	@Test
	void firstStartShouldReportUnknownToStarting() {
		send("billing", Beat.start(Duration.ofSeconds(30)));
		assertThat(transitions()).containsExactly("UNKNOWN->STARTING");
		assertThat(this.events.get(0).at()).isEqualTo(Instant.ofEpochMilli(this.t0));
		assertThat(this.events.get(0).detectionLag()).isZero();
	}

	@Test
	void firstBeatShouldReportUnknownToUp() {
		send("billing", Beat.beat(FIVE_SECONDS));
		assertThat(transitions()).containsExactly("UNKNOWN->UP");
	}

	@Test
	void firstDegradedShouldReportUnknownToDegraded() {
		send("billing", Beat.degraded(FIVE_SECONDS));
		assertThat(transitions()).containsExactly("UNKNOWN->DEGRADED");
	}

	@Test
	void beatWithPausedRunStatusShouldReportPaused() {
		send("billing", Beat.beat(FIVE_SECONDS), RunStatus.PAUSED);
		assertThat(transitions()).containsExactly("UNKNOWN->PAUSED");
	}

	@Test
	void startThenBeatShouldReportStartingToUp() {
		send("billing", Beat.start(Duration.ofSeconds(30)));
		advance(10_000);
		send("billing", Beat.beat(FIVE_SECONDS));
		assertThat(transitions()).containsExactly("UNKNOWN->STARTING", "STARTING->UP");
		assertThat(this.events.get(1).at()).isEqualTo(Instant.ofEpochMilli(this.t0 + 10_000));
	}

	@Test
	void degradedAfterUpShouldReportUpToDegradedAtItsRecordTime() {
		send("billing", Beat.beat(FIVE_SECONDS));
		advance(3_000);
		send("billing", Beat.degraded(FIVE_SECONDS));
		assertThat(transitions()).containsExactly("UNKNOWN->UP", "UP->DEGRADED");
		assertThat(this.events.get(1).at()).isEqualTo(Instant.ofEpochMilli(this.t0 + 3_000));
		assertThat(this.events.get(1).lastBeat().kind()).isEqualTo(BeatKind.DEGRADED);
	}

	@Test
	void beatAfterDegradedShouldReportDegradedToUp() {
		send("billing", Beat.degraded(FIVE_SECONDS));
		send("billing", Beat.beat(FIVE_SECONDS));
		assertThat(transitions()).containsExactly("UNKNOWN->DEGRADED", "DEGRADED->UP");
	}

	@Test
	void runningBeatAfterPausedShouldReportPausedToUp() {
		send("billing", Beat.beat(FIVE_SECONDS));
		send("billing", Beat.degraded(FIVE_SECONDS), RunStatus.PAUSED);
		send("billing", Beat.beat(FIVE_SECONDS));
		assertThat(transitions()).containsExactly("UNKNOWN->UP", "UP->PAUSED", "PAUSED->UP");
	}

	@Test
	void pausedProcessShouldStillGoLateAndDead() {
		send("billing", Beat.beat(FIVE_SECONDS), RunStatus.PAUSED);
		advance(7_500);
		advance(7_500);
		assertThat(transitions()).containsExactly("UNKNOWN->PAUSED", "PAUSED->LATE", "LATE->DEAD");
	}

	@Test
	void repeatedBeatShouldFireNothing() {
		send("billing", Beat.beat(FIVE_SECONDS));
		for (int i = 0; i < 10; i++) {
			advance(5_000);
			send("billing", Beat.beat(FIVE_SECONDS));
		}
		assertThat(transitions()).containsExactly("UNKNOWN->UP");
	}

	@Test
	void stopShouldReportStoppedAndLeaveNoDeadline() {
		this.engine = engine(KEEP_FOREVER);
		send("billing", Beat.beat(FIVE_SECONDS));
		send("billing", Beat.stop());
		assertThat(this.engine.nextWakeTime()).isEqualTo(Long.MAX_VALUE);
		advance(Duration.ofDays(2).toMillis());
		assertThat(transitions()).containsExactly("UNKNOWN->UP", "UP->STOPPED");
		ProcessSnapshot snapshot = this.engine.get("billing").orElseThrow();
		assertThat(snapshot.state()).isEqualTo(ProcessState.STOPPED);
		assertThat(snapshot.lateAt()).isNull();
		assertThat(snapshot.deadAt()).isNull();
		assertThat(snapshot.lastBeat().duration()).isNull();
	}

	@Test
	void beatAfterStopShouldReportStoppedToUp() {
		send("billing", Beat.stop());
		send("billing", Beat.beat(FIVE_SECONDS));
		assertThat(transitions()).containsExactly("UNKNOWN->STOPPED", "STOPPED->UP");
	}

	@Test
	void startAfterStopShouldReportStoppedToStarting() {
		send("billing", Beat.stop());
		send("billing", Beat.start(FIVE_SECONDS));
		assertThat(transitions()).containsExactly("UNKNOWN->STOPPED", "STOPPED->STARTING");
	}

	@Test
	void stopWhileLateShouldReportLateToStopped() {
		send("billing", Beat.beat(FIVE_SECONDS));
		advance(8_000);
		send("billing", Beat.stop());
		assertThat(transitions()).containsExactly("UNKNOWN->UP", "UP->LATE", "LATE->STOPPED");
	}

	@Test
	void beatAfterLateShouldReportLateToUp() {
		send("billing", Beat.beat(FIVE_SECONDS));
		advance(7_500);
		send("billing", Beat.beat(FIVE_SECONDS));
		assertThat(transitions()).containsExactly("UNKNOWN->UP", "UP->LATE", "LATE->UP");
	}

	@Test
	void beatAfterDeadShouldReportDeadToUp() {
		send("billing", Beat.beat(FIVE_SECONDS));
		goLateThenDead();
		advance(60_000);
		send("billing", Beat.beat(FIVE_SECONDS));
		assertThat(transitions()).containsExactly("UNKNOWN->UP", "UP->LATE", "LATE->DEAD", "DEAD->UP");
		assertThat(this.events.get(3).at()).isEqualTo(Instant.ofEpochMilli(this.t0 + 75_000));
	}

	@Test
	void degradedAfterDeadShouldReportDeadToDegraded() {
		send("billing", Beat.beat(FIVE_SECONDS));
		goLateThenDead();
		send("billing", Beat.degraded(FIVE_SECONDS));
		assertThat(transitions()).containsExactly("UNKNOWN->UP", "UP->LATE", "LATE->DEAD", "DEAD->DEGRADED");
	}

	// exact deadline boundaries

	@Test
	void beatOneMillisecondBeforeLateDeadlineShouldStayUp() {
		send("billing", Beat.beat(FIVE_SECONDS));
		advance(7_499);
		assertThat(state("billing")).isEqualTo(ProcessState.UP);
		assertThat(transitions()).containsExactly("UNKNOWN->UP");
	}

	@Test
	void beatAtLateDeadlineShouldBeLateWithTheDeadlineAsTime() {
		send("billing", Beat.beat(FIVE_SECONDS));
		advance(7_499);
		advance(1);
		assertThat(state("billing")).isEqualTo(ProcessState.LATE);
		assertThat(transitions()).containsExactly("UNKNOWN->UP", "UP->LATE");
		assertThat(this.events.get(1).at()).isEqualTo(Instant.ofEpochMilli(this.t0 + 7_500));
		assertThat(this.events.get(1).detectionLag()).isZero();
	}

	@Test
	void beatOneMillisecondBeforeDeadDeadlineShouldStayLate() {
		send("billing", Beat.beat(FIVE_SECONDS));
		advance(14_999);
		assertThat(state("billing")).isEqualTo(ProcessState.LATE);
	}

	@Test
	void beatAtDeadDeadlineShouldBeDeadNotAtTwiceTheBuffer() {
		send("billing", Beat.beat(FIVE_SECONDS));
		advance(14_999);
		advance(1);
		assertThat(state("billing")).isEqualTo(ProcessState.DEAD);
		assertThat(transitions()).containsExactly("UNKNOWN->UP", "UP->LATE", "LATE->DEAD");
		StateChange dead = this.events.get(2);
		assertThat(dead.at()).isEqualTo(Instant.ofEpochMilli(this.t0 + 15_000));
		assertThat(dead.detectedAt()).isEqualTo(dead.at());
		assertThat(dead.lastBeat().recordTime()).isEqualTo(Instant.ofEpochMilli(this.t0));
	}

	@Test
	void degradedOneMillisecondBeforeLateDeadlineShouldStayDegraded() {
		send("billing", Beat.degraded(Duration.ofSeconds(2)));
		advance(2_999);
		assertThat(state("billing")).isEqualTo(ProcessState.DEGRADED);
		advance(1);
		assertThat(state("billing")).isEqualTo(ProcessState.LATE);
	}

	@Test
	void degradedShouldBeDeadExactlyAtPeriodTimesBuffer() {
		send("billing", Beat.degraded(Duration.ofSeconds(2)));
		advance(5_999);
		assertThat(state("billing")).isEqualTo(ProcessState.LATE);
		advance(1);
		assertThat(state("billing")).isEqualTo(ProcessState.DEAD);
		assertThat(this.events.get(2).at()).isEqualTo(Instant.ofEpochMilli(this.t0 + 6_000));
	}

	@Test
	void startShouldBeLateExactlyAtWarmupTimesLateFactor() {
		send("billing", Beat.start(Duration.ofSeconds(20)));
		advance(29_999);
		assertThat(state("billing")).isEqualTo(ProcessState.STARTING);
		advance(1);
		assertThat(state("billing")).isEqualTo(ProcessState.LATE);
		assertThat(transitions()).containsExactly("UNKNOWN->STARTING", "STARTING->LATE");
	}

	@Test
	void startShouldBeDeadExactlyAtWarmupTimesBuffer() {
		send("billing", Beat.start(Duration.ofSeconds(20)));
		advance(59_999);
		assertThat(state("billing")).isEqualTo(ProcessState.LATE);
		advance(1);
		assertThat(state("billing")).isEqualTo(ProcessState.DEAD);
		assertThat(this.events.get(2).at()).isEqualTo(Instant.ofEpochMilli(this.t0 + 60_000));
	}

	@Test
	void firstBeatAfterStartShouldReplaceTheWarmupDeadlines() {
		send("billing", Beat.start(Duration.ofSeconds(60)));
		advance(1_000);
		send("billing", Beat.beat(Duration.ofSeconds(2)));
		advance(3_000);
		assertThat(state("billing")).isEqualTo(ProcessState.LATE);
		advance(2_999);
		assertThat(state("billing")).isEqualTo(ProcessState.LATE);
		advance(1);
		assertThat(state("billing")).isEqualTo(ProcessState.DEAD);
		assertThat(this.events.get(3).at()).isEqualTo(Instant.ofEpochMilli(this.t0 + 7_000));
	}

	@Test
	void deadlinesShouldBeMeasuredFromTheRecordTimeNotFromArrival() {
		this.clock.advanceMillis(2_000);
		this.engine.onBeat(record("billing", Beat.beat(FIVE_SECONDS), this.t0, RunStatus.RUNNING));
		advance(5_499);
		assertThat(state("billing")).isEqualTo(ProcessState.UP);
		advance(1);
		assertThat(state("billing")).isEqualTo(ProcessState.LATE);
	}

	@Test
	void factorsShouldBeExactDecimalsRoundedUpToTheMillisecond() {
		this.engine = engine(DeadlineEngineConfig.custom().lateFactor(1.1).reportByBuffer(2.7).build());
		send("billing", Beat.beat(Duration.ofMillis(1_001)));
		ProcessSnapshot snapshot = this.engine.get("billing").orElseThrow();
		// 1001 ms x 1.1 = 1101.1 ms -> 1102; 1001 ms x 2.7 = 2702.7 ms -> 2703
		assertThat(snapshot.lateAt()).isEqualTo(Instant.ofEpochMilli(this.t0 + 1_102));
		assertThat(snapshot.deadAt()).isEqualTo(Instant.ofEpochMilli(this.t0 + 2_703));
		advance(1_101);
		assertThat(state("billing")).isEqualTo(ProcessState.UP);
		advance(1);
		assertThat(state("billing")).isEqualTo(ProcessState.LATE);
	}

	@Test
	void lateAndDeadPassingInOneAdvanceShouldFireOneEventStraightToDead() {
		send("billing", Beat.beat(FIVE_SECONDS));
		assertThat(advance(60_000)).isOne();
		assertThat(transitions()).containsExactly("UNKNOWN->UP", "UP->DEAD");
		assertThat(this.events.get(1).at()).isEqualTo(Instant.ofEpochMilli(this.t0 + 15_000));
		assertThat(this.events.get(1).detectionLag()).isEqualTo(Duration.ofSeconds(45));
	}

	@Test
	void followingNextWakeTimeShouldReachEveryDeadlineExactly() {
		this.engine = engine(KEEP_FOREVER);
		send("billing", Beat.beat(Duration.ofSeconds(100)));
		List<Long> wakes = new ArrayList<>();
		while (this.events.size() < 3) {
			long wake = this.engine.nextWakeTime();
			assertThat(wake).isGreaterThan(this.clock.wallTime()).isLessThanOrEqualTo(nextDeadline());
			wakes.add(wake - this.t0);
			this.clock.advanceMillis(wake - this.clock.wallTime());
			this.engine.advance();
		}
		assertThat(wakes).contains(150_000L, 300_000L).hasSizeLessThanOrEqualTo(10);
		assertThat(this.events.get(1).detectionLag()).isZero();
		assertThat(this.events.get(2).detectionLag()).isZero();
		assertThat(this.engine.nextWakeTime()).isEqualTo(Long.MAX_VALUE);
	}

	// out of order and duplicates

	@Test
	void lowerSeqFromTheSameInstanceShouldBeStaleAndChangeNothing() {
		this.engine.onBeat(record("billing", "a1", 5, Beat.beat(FIVE_SECONDS), this.t0));
		ProcessSnapshot before = this.engine.get("billing").orElseThrow();
		Admission result = this.engine.onBeat(record("billing", "a1", 4, Beat.degraded(Duration.ofHours(1)), this.t0 + 1_000));
		assertThat(result).isEqualTo(Admission.STALE);
		assertThat(this.engine.get("billing")).contains(before);
		assertThat(transitions()).containsExactly("UNKNOWN->UP");
	}

	@Test
	void duplicateRecordShouldBeStale() {
		BeatRecord record = record("billing", "a1", 5, Beat.beat(FIVE_SECONDS), this.t0);
		assertThat(this.engine.onBeat(record)).isEqualTo(Admission.ACCEPTED);
		assertThat(this.engine.onBeat(record)).isEqualTo(Admission.STALE);
	}

	@Test
	void staleRecordShouldNeverMoveADeadlineBackwards() {
		this.clock.advanceMillis(10_000);
		this.engine.onBeat(record("billing", "a1", 2, Beat.beat(FIVE_SECONDS), this.t0 + 10_000));
		assertThat(this.engine.onBeat(record("billing", "a1", 1, Beat.beat(FIVE_SECONDS), this.t0)))
			.isEqualTo(Admission.STALE);
		assertThat(this.engine.onBeat(record("billing", "b2", 9, Beat.beat(FIVE_SECONDS), this.t0 + 9_999)))
			.isEqualTo(Admission.STALE);
		advance(7_499);
		assertThat(state("billing")).isEqualTo(ProcessState.UP);
		advance(1);
		assertThat(state("billing")).isEqualTo(ProcessState.LATE);
	}

	@Test
	void otherInstanceWithOlderRecordTimeShouldBeStale() {
		this.engine.onBeat(record("billing", "a1", 1, Beat.beat(FIVE_SECONDS), this.t0));
		assertThat(this.engine.onBeat(record("billing", "b2", 100, Beat.stop(), this.t0 - 1)))
			.isEqualTo(Admission.STALE);
		assertThat(state("billing")).isEqualTo(ProcessState.UP);
	}

	@Test
	void otherInstanceWithNewerRecordTimeShouldBeAcceptedWhateverItsSeq() {
		this.engine.onBeat(record("billing", "a1", 50, Beat.beat(FIVE_SECONDS), this.t0));
		assertThat(this.engine.onBeat(record("billing", "b2", 1, Beat.start(FIVE_SECONDS), this.t0)))
			.isEqualTo(Admission.ACCEPTED);
		assertThat(this.engine.onBeat(record("billing", "b2", 2, Beat.beat(FIVE_SECONDS), this.t0 + 1)))
			.isEqualTo(Admission.ACCEPTED);
		assertThat(this.engine.get("billing").orElseThrow().lastBeat().instance()).isEqualTo("b2");
		assertThat(transitions()).containsExactly("UNKNOWN->UP", "UP->STARTING", "STARTING->UP");
	}

	@Test
	void startFromTheSameInstanceShouldResetSeqTracking() {
		this.engine.onBeat(record("billing", "fixed-id", 500, Beat.beat(FIVE_SECONDS), this.t0));
		this.clock.advanceMillis(1_000);
		assertThat(this.engine.onBeat(record("billing", "fixed-id", 1, Beat.start(FIVE_SECONDS), this.t0 + 1_000)))
			.isEqualTo(Admission.ACCEPTED);
		assertThat(this.engine.onBeat(record("billing", "fixed-id", 2, Beat.beat(FIVE_SECONDS), this.t0 + 1_000)))
			.isEqualTo(Admission.ACCEPTED);
		assertThat(transitions()).containsExactly("UNKNOWN->UP", "UP->STARTING", "STARTING->UP");
	}

	@Test
	void startFromTheSameInstanceOlderThanTheLastRecordShouldBeStale() {
		this.engine.onBeat(record("billing", "fixed-id", 500, Beat.beat(FIVE_SECONDS), this.t0));
		assertThat(this.engine.onBeat(record("billing", "fixed-id", 1, Beat.start(FIVE_SECONDS), this.t0 - 1)))
			.isEqualTo(Admission.STALE);
	}

	@Test
	void staleRecordShouldBeToldToListeners() {
		List<BeatRecord> stale = new ArrayList<>();
		this.engine.addListener(new MonitorListener() {

			@Override
			public void onStaleRecord(BeatRecord record) {
				stale.add(record);
			}

		});
		this.engine.onBeat(record("billing", "a1", 2, Beat.beat(FIVE_SECONDS), this.t0));
		BeatRecord old = record("billing", "a1", 1, Beat.beat(FIVE_SECONDS), this.t0);
		this.engine.onBeat(old);
		assertThat(stale).containsExactly(old);
	}

	// absurd records

	@Test
	void periodAboveMaxDurationShouldBeRejectedAndNotTracked() {
		List<BeatRecord> rejected = new ArrayList<>();
		this.engine.addListener(new MonitorListener() {

			@Override
			public void onRejectedRecord(BeatRecord record) {
				rejected.add(record);
			}

		});
		BeatRecord record = record("billing", "a1", 1, Beat.beat(Duration.ofHours(24).plusMillis(1)), this.t0);
		assertThat(this.engine.onBeat(record)).isEqualTo(Admission.REJECTED);
		assertThat(this.engine.size()).isZero();
		assertThat(rejected).containsExactly(record);
		assertThat(this.events).isEmpty();
	}

	@Test
	void periodOfExactlyMaxDurationShouldBeAccepted() {
		assertThat(send("billing", Beat.beat(Duration.ofHours(24)))).isEqualTo(Admission.ACCEPTED);
	}

	@Test
	void warmupAboveMaxDurationShouldBeRejectedAndChangeNothing() {
		send("billing", Beat.beat(FIVE_SECONDS));
		assertThat(send("billing", Beat.start(Duration.ofDays(2)))).isEqualTo(Admission.REJECTED);
		assertThat(state("billing")).isEqualTo(ProcessState.UP);
		advance(7_500);
		assertThat(state("billing")).isEqualTo(ProcessState.LATE);
	}

	@Test
	void negativeRecordTimeShouldBeRejected() {
		assertThat(this.engine.onBeat(record("billing", "a1", 1, Beat.beat(FIVE_SECONDS), -1)))
			.isEqualTo(Admission.REJECTED);
	}

	// flap damping

	@Test
	void twentyFlipsWithinHoldFollowedByDegradedShouldReportOneEvent() {
		this.engine = engine(DeadlineEngineConfig.custom().holdTime(Duration.ofSeconds(10)).build());
		send("billing", Beat.beat(MINUTE));
		advance(10_000);
		assertThat(transitions()).containsExactly("UNKNOWN->UP");
		for (int i = 0; i < 20; i++) {
			advance(100);
			send("billing", (i % 2 == 0) ? Beat.degraded(MINUTE) : Beat.beat(MINUTE));
		}
		advance(100);
		send("billing", Beat.degraded(MINUTE));
		long lastFlip = this.clock.wallTime();
		for (int i = 0; i < 3; i++) {
			advance(3_000);
			send("billing", Beat.degraded(MINUTE));
		}
		advance(lastFlip + 9_999 - this.clock.wallTime());
		assertThat(transitions()).containsExactly("UNKNOWN->UP");
		advance(1);
		assertThat(transitions()).containsExactly("UNKNOWN->UP", "UP->DEGRADED");
		assertThat(this.events.get(1).at()).isEqualTo(Instant.ofEpochMilli(lastFlip));
		assertThat(this.events.get(1).detectionLag()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void flipBackWithinHoldShouldReportNothing() {
		this.engine = engine(DeadlineEngineConfig.custom().holdTime(Duration.ofSeconds(10)).build());
		send("billing", Beat.beat(MINUTE));
		advance(10_000);
		send("billing", Beat.degraded(MINUTE));
		advance(9_999);
		send("billing", Beat.beat(MINUTE));
		advance(60_000);
		assertThat(transitions()).containsExactly("UNKNOWN->UP");
		assertThat(this.engine.nextWakeTime()).isGreaterThan(this.clock.wallTime());
	}

	@Test
	void lateWithinHoldFollowedByABeatShouldReportNothing() {
		this.engine = engine(DeadlineEngineConfig.custom().holdTime(Duration.ofSeconds(2)).build());
		send("billing", Beat.beat(FIVE_SECONDS));
		advance(2_000);
		advance(5_500);
		assertThat(state("billing")).isEqualTo(ProcessState.LATE);
		advance(1_999);
		send("billing", Beat.beat(FIVE_SECONDS));
		advance(5_000);
		assertThat(transitions()).containsExactly("UNKNOWN->UP");
		assertThat(this.engine.get("billing").orElseThrow().reportedState()).isEqualTo(ProcessState.UP);
	}

	@Test
	void lateThatOutlastsHoldShouldBeReportedWithTheLateDeadlineAsTime() {
		this.engine = engine(DeadlineEngineConfig.custom().holdTime(Duration.ofSeconds(2)).build());
		send("billing", Beat.beat(FIVE_SECONDS));
		advance(2_000);
		advance(7_499);
		assertThat(transitions()).containsExactly("UNKNOWN->UP");
		advance(1);
		assertThat(transitions()).containsExactly("UNKNOWN->UP", "UP->LATE");
		assertThat(this.events.get(1).at()).isEqualTo(Instant.ofEpochMilli(this.t0 + 7_500));
	}

	@Test
	void firstEventShouldAlsoWaitForTheHoldTime() {
		this.engine = engine(DeadlineEngineConfig.custom().holdTime(Duration.ofSeconds(3)).build());
		send("billing", Beat.start(FIVE_SECONDS));
		advance(2_999);
		assertThat(this.events).isEmpty();
		advance(1);
		assertThat(transitions()).containsExactly("UNKNOWN->STARTING");
		assertThat(this.events.get(0).at()).isEqualTo(Instant.ofEpochMilli(this.t0));
	}

	@Test
	void deadShouldBeReportedAtOnceDespiteHoldAndSupersedeAPendingChange() {
		this.engine = engine(DeadlineEngineConfig.custom().holdTime(Duration.ofSeconds(30)).build());
		send("billing", Beat.beat(MINUTE));
		advance(30_000);
		send("billing", Beat.degraded(Duration.ofSeconds(1)));
		advance(2_999);
		assertThat(transitions()).containsExactly("UNKNOWN->UP");
		advance(1);
		assertThat(transitions()).containsExactly("UNKNOWN->UP", "UP->DEAD");
		assertThat(this.events.get(1).detectionLag()).isZero();
	}

	@Test
	void stopShouldBeReportedAtOnceDespiteHold() {
		this.engine = engine(DeadlineEngineConfig.custom().holdTime(Duration.ofSeconds(30)).build());
		send("billing", Beat.beat(MINUTE));
		advance(30_000);
		send("billing", Beat.stop());
		assertThat(transitions()).containsExactly("UNKNOWN->UP", "UP->STOPPED");
	}

	@Test
	void recoveryFromDeadShouldWaitForTheHoldTime() {
		this.engine = engine(DeadlineEngineConfig.custom().holdTime(Duration.ofSeconds(3)).build());
		send("billing", Beat.beat(MINUTE));
		advance(3_000);
		send("billing", Beat.beat(Duration.ofSeconds(1)));
		advance(3_000);
		assertThat(transitions()).containsExactly("UNKNOWN->UP", "UP->DEAD");
		send("billing", Beat.beat(MINUTE));
		advance(2_999);
		assertThat(transitions()).hasSize(2);
		advance(1);
		assertThat(transitions()).containsExactly("UNKNOWN->UP", "UP->DEAD", "DEAD->UP");
	}

	// snooze

	@Test
	void snoozedProcessShouldHoldItsEventsAndReportOnceWhenTheSnoozeEnds() {
		send("billing", Beat.beat(FIVE_SECONDS));
		assertThat(this.engine.snooze("billing", Instant.ofEpochMilli(this.t0 + 60_000))).isTrue();
		advance(30_000);
		assertThat(transitions()).containsExactly("UNKNOWN->UP");
		ProcessSnapshot snapshot = this.engine.get("billing").orElseThrow();
		assertThat(snapshot.state()).isEqualTo(ProcessState.DEAD);
		assertThat(snapshot.reportedState()).isEqualTo(ProcessState.UP);
		assertThat(snapshot.snoozedUntil()).isEqualTo(Instant.ofEpochMilli(this.t0 + 60_000));
		assertThat(this.engine.countByState()).containsEntry(ProcessState.DEAD, 1L);
		advance(29_999);
		assertThat(transitions()).containsExactly("UNKNOWN->UP");
		advance(1);
		assertThat(transitions()).containsExactly("UNKNOWN->UP", "UP->DEAD");
		assertThat(this.events.get(1).at()).isEqualTo(Instant.ofEpochMilli(this.t0 + 15_000));
		assertThat(this.events.get(1).detectedAt()).isEqualTo(Instant.ofEpochMilli(this.t0 + 60_000));
		assertThat(this.engine.get("billing").orElseThrow().snoozedUntil()).isNull();
	}

	@Test
	void snoozeEndingInTheReportedStateShouldFireNothing() {
		send("billing", Beat.beat(FIVE_SECONDS));
		this.engine.snooze("billing", Instant.ofEpochMilli(this.t0 + 60_000));
		advance(30_000);
		send("billing", Beat.beat(MINUTE));
		advance(30_000);
		assertThat(transitions()).containsExactly("UNKNOWN->UP");
	}

	@Test
	void snoozeInThePastShouldEndTheSnoozeAndDeliverAtOnce() {
		send("billing", Beat.beat(FIVE_SECONDS));
		this.engine.snooze("billing", Instant.ofEpochMilli(this.t0 + 60_000));
		advance(30_000);
		this.engine.snooze("billing", Instant.ofEpochMilli(this.t0));
		assertThat(transitions()).containsExactly("UNKNOWN->UP", "UP->DEAD");
	}

	@Test
	void snoozeOfAnUnknownProcessShouldReturnFalse() {
		assertThat(this.engine.snooze("nobody", Instant.MAX)).isFalse();
	}

	@Test
	void snoozeForeverShouldHoldEventsAndStillTrackState() {
		this.engine = engine(KEEP_FOREVER);
		send("billing", Beat.beat(FIVE_SECONDS));
		this.engine.snooze("billing", Instant.MAX);
		advance(Duration.ofDays(30).toMillis());
		assertThat(transitions()).containsExactly("UNKNOWN->UP");
		assertThat(state("billing")).isEqualTo(ProcessState.DEAD);
	}

	// reminders

	@Test
	void deadProcessShouldBeRemindedEveryIntervalAfterItsDeadEvent() {
		this.engine = engine(DeadlineEngineConfig.custom().reminderInterval(Duration.ofMinutes(5)).build());
		send("billing", Beat.beat(FIVE_SECONDS));
		goLateThenDead();
		assertThat(transitions()).containsExactly("UNKNOWN->UP", "UP->LATE", "LATE->DEAD");
		advance(299_999);
		assertThat(this.events).hasSize(3);
		advance(1);
		assertThat(this.events).hasSize(4);
		advance(300_000);
		assertThat(this.events).hasSize(5);
		List<StateChange> reminders = this.events.subList(3, 5);
		assertThat(reminders).allSatisfy((reminder) -> {
			assertThat(reminder.reminder()).isTrue();
			assertThat(reminder.from()).isEqualTo(ProcessState.DEAD);
			assertThat(reminder.to()).isEqualTo(ProcessState.DEAD);
			assertThat(reminder.detectionLag()).isZero();
		});
		assertThat(reminders).extracting(StateChange::at)
			.containsExactly(Instant.ofEpochMilli(this.t0 + 315_000), Instant.ofEpochMilli(this.t0 + 615_000));
	}

	@Test
	void remindersShouldStopAfterABeat() {
		this.engine = engine(DeadlineEngineConfig.custom().reminderInterval(Duration.ofMinutes(5)).build());
		send("billing", Beat.beat(FIVE_SECONDS));
		goLateThenDead();
		advance(300_000);
		send("billing", Beat.beat(Duration.ofHours(1)));
		advance(Duration.ofMinutes(30).toMillis());
		assertThat(this.events).extracting(StateChange::reminder).containsExactly(false, false, false, true, false);
		assertThat(transitions()).last().isEqualTo("DEAD->UP");
	}

	@Test
	void remindersMissedWhileBehindShouldBeCoalescedIntoOne() {
		this.engine = engine(DeadlineEngineConfig.custom().reminderInterval(Duration.ofMinutes(5)).build());
		send("billing", Beat.beat(FIVE_SECONDS));
		goLateThenDead();
		assertThat(advance(Duration.ofMinutes(17).toMillis())).isOne();
		StateChange reminder = this.events.get(3);
		assertThat(reminder.at()).isEqualTo(Instant.ofEpochMilli(this.t0 + 15_000 + Duration.ofMinutes(15).toMillis()));
		advance(Duration.ofMinutes(3).toMillis() - 1);
		assertThat(this.events).hasSize(4);
		advance(1);
		assertThat(this.events).hasSize(5);
	}

	@Test
	void remindersShouldBeHeldWhileSnoozed() {
		this.engine = engine(DeadlineEngineConfig.custom().reminderInterval(Duration.ofMinutes(5)).build());
		send("billing", Beat.beat(FIVE_SECONDS));
		goLateThenDead();
		this.engine.snooze("billing", Instant.ofEpochMilli(this.t0 + 15_000 + Duration.ofMinutes(12).toMillis()));
		advance(Duration.ofMinutes(12).toMillis() - 1);
		assertThat(this.events).hasSize(3);
		advance(1);
		assertThat(this.events).hasSize(4);
		assertThat(this.events.get(3).reminder()).isTrue();
		assertThat(this.events.get(3).at()).isEqualTo(Instant.ofEpochMilli(this.t0 + 15_000 + Duration.ofMinutes(10).toMillis()));
	}

	@Test
	void withoutReminderIntervalADeadProcessShouldBeReportedOnce() {
		send("billing", Beat.beat(FIVE_SECONDS));
		advance(Duration.ofDays(3).toMillis());
		assertThat(this.events).hasSize(2);
		assertThat(this.engine.nextWakeTime()).isEqualTo(Long.MAX_VALUE);
	}

	// forget

	@Test
	void forgottenProcessShouldFireNothingMoreAndLeaveNoTimer() {
		send("billing", Beat.beat(FIVE_SECONDS));
		assertThat(this.engine.forget("billing")).isTrue();
		assertThat(this.engine.forget("billing")).isFalse();
		advance(60_000);
		assertThat(transitions()).containsExactly("UNKNOWN->UP");
		assertThat(this.engine.size()).isZero();
		assertThat(this.engine.get("billing")).isEmpty();
		assertThat(this.engine.nextWakeTime()).isEqualTo(Long.MAX_VALUE);
		assertThat(this.engine.countByState().values()).allMatch((count) -> count == 0);
	}

	@Test
	void forgottenProcessSeenAgainShouldStartFromUnknown() {
		send("billing", Beat.beat(FIVE_SECONDS));
		this.engine.forget("billing");
		send("billing", Beat.degraded(FIVE_SECONDS));
		assertThat(transitions()).containsExactly("UNKNOWN->UP", "UNKNOWN->DEGRADED");
	}

	@Test
	void forgetIfShouldForgetEveryMatchingProcess() {
		for (int i = 0; i < 100; i++) {
			send("p-" + i, Beat.beat(FIVE_SECONDS));
		}
		assertThat(this.engine.forgetIf((process) -> process.endsWith("7"))).isEqualTo(10);
		assertThat(this.engine.size()).isEqualTo(90);
		assertThat(this.engine.countByState()).containsEntry(ProcessState.UP, 90L);
		this.events.clear();
		advance(15_000);
		assertThat(this.events).hasSize(90).noneMatch((change) -> change.process().endsWith("7"));
	}

	// restore after a restart

	@Test
	void restoreShouldFireNothingAndTakeTheStateAsReported() {
		long lastBeat = this.t0 - 1_000;
		assertThat(this.engine.restore(record("billing", "a1", 3, Beat.beat(FIVE_SECONDS), lastBeat)))
			.isEqualTo(Admission.ACCEPTED);
		assertThat(this.events).isEmpty();
		ProcessSnapshot snapshot = this.engine.get("billing").orElseThrow();
		assertThat(snapshot.state()).isEqualTo(ProcessState.UP);
		assertThat(snapshot.reportedState()).isEqualTo(ProcessState.UP);
		assertThat(this.engine.advance()).isZero();
		advance(6_500);
		assertThat(transitions()).containsExactly("UP->LATE");
	}

	@Test
	void advanceAfterRestoreShouldReportDeadOnceWithTheTrueDeadlineAndLastBeat() {
		long lastBeat = this.t0 - 60_000;
		this.engine.restore(record("billing", "a1", 3, Beat.beat(FIVE_SECONDS), lastBeat));
		assertThat(this.engine.nextWakeTime()).isLessThanOrEqualTo(this.clock.wallTime());
		assertThat(this.engine.advance()).isOne();
		assertThat(transitions()).containsExactly("UP->DEAD");
		StateChange dead = this.events.get(0);
		assertThat(dead.at()).isEqualTo(Instant.ofEpochMilli(lastBeat + 15_000));
		assertThat(dead.detectedAt()).isEqualTo(Instant.ofEpochMilli(this.t0));
		assertThat(dead.lastBeat().recordTime()).isEqualTo(Instant.ofEpochMilli(lastBeat));
		assertThat(dead.reminder()).isFalse();
	}

	@Test
	void advanceAfterRestoreShouldReportLateWhenOnlyTheLateDeadlinePassed() {
		this.engine.restore(record("billing", "a1", 3, Beat.degraded(FIVE_SECONDS), this.t0 - 10_000));
		assertThat(this.engine.advance()).isOne();
		assertThat(transitions()).containsExactly("DEGRADED->LATE");
		assertThat(this.events.get(0).at()).isEqualTo(Instant.ofEpochMilli(this.t0 - 2_500));
	}

	@Test
	void restoredStopShouldStayQuiet() {
		this.engine = engine(KEEP_FOREVER);
		this.engine.restore(record("billing", "a1", 3, Beat.stop(), this.t0 - Duration.ofDays(9).toMillis()));
		assertThat(this.engine.advance()).isZero();
		assertThat(state("billing")).isEqualTo(ProcessState.STOPPED);
	}

	@Test
	void restoreShouldKeepTheNewestRecordOfEachProcess() {
		this.engine.restore(record("billing", "a1", 4, Beat.beat(FIVE_SECONDS), this.t0 - 1_000));
		assertThat(this.engine.restore(record("billing", "a1", 3, Beat.stop(), this.t0 - 2_000)))
			.isEqualTo(Admission.STALE);
		assertThat(state("billing")).isEqualTo(ProcessState.UP);
	}

	@Test
	void restoreOfManyProcessesShouldReportEachDeadOnce() {
		for (int i = 0; i < 1_000; i++) {
			this.engine.restore(record("p-" + i, "a1", 1, Beat.beat(FIVE_SECONDS), this.t0 - 20_000 - i));
		}
		assertThat(this.engine.advance()).isEqualTo(1_000);
		assertThat(this.events).allSatisfy((change) -> {
			assertThat(change.from()).isEqualTo(ProcessState.UP);
			assertThat(change.to()).isEqualTo(ProcessState.DEAD);
			assertThat(change.at()).isEqualTo(change.lastBeat().recordTime().plusMillis(15_000));
		});
		assertThat(this.engine.countByState()).containsEntry(ProcessState.DEAD, 1_000L);
	}

	@Test
	void massExpiryShouldBeWorkedInChunksAndReportEveryProcessOnce() {
		for (int i = 0; i < 10_000; i++) {
			this.engine.restore(record("p-" + i, "a1", 1, Beat.beat(FIVE_SECONDS), this.t0 - 1_000));
		}
		List<Integer> sizesSeenByListener = new ArrayList<>();
		this.engine.addListener(MonitorListener.forStateChanges((change) -> {
			// runs between chunks, outside the lock: the engine answers
			if (this.events.size() % 4_096 == 1) {
				sizesSeenByListener.add(this.engine.size());
			}
		}));
		assertThat(advance(14_000)).isEqualTo(10_000);
		assertThat(this.events).extracting(StateChange::to).containsOnly(ProcessState.DEAD);
		assertThat(this.events).extracting(StateChange::process).doesNotHaveDuplicates();
		assertThat(sizesSeenByListener).hasSize(3).containsOnly(10_000);
	}

	// listeners

	@Test
	void listenerThatThrowsShouldNotKeepOthersFromRunning() {
		DeadlineEngine engine = new DeadlineEngine(DeadlineEngineConfig.ofDefaults(), this.clock);
		List<StateChange> second = new ArrayList<>();
		engine.addListener(MonitorListener.forStateChanges((change) -> {
			throw new IllegalStateException("boom");
		}));
		engine.addListener(MonitorListener.forStateChanges(second::add));
		engine.onBeat(record("billing", "a1", 1, Beat.beat(FIVE_SECONDS), this.t0));
		this.clock.advanceMillis(7_500);
		assertThat(engine.advance()).isOne();
		assertThat(second).extracting(StateChange::to).containsExactly(ProcessState.UP, ProcessState.LATE);
		assertThat(engine.get("billing").orElseThrow().reportedState()).isEqualTo(ProcessState.LATE);
	}

	@Test
	void listenerCallingBackIntoTheEngineShouldSeeEventsInOrder() {
		DeadlineEngine engine = new DeadlineEngine(DeadlineEngineConfig.ofDefaults(), this.clock);
		List<String> seen = new ArrayList<>();
		engine.addListener(MonitorListener.forStateChanges((change) -> {
			seen.add(change.process() + ":" + change.from() + "->" + change.to());
			if (change.process().equals("a") && change.to() == ProcessState.UP) {
				// state seen from inside a listener, and a new event produced from there
				assertThat(engine.get("a")).isPresent();
				engine.onBeat(record("b", "b1", 1, Beat.start(FIVE_SECONDS), this.t0));
			}
		}));
		engine.addListener(MonitorListener.forStateChanges((change) -> seen.add("second saw " + change.process())));
		engine.onBeat(record("a", "a1", 1, Beat.beat(FIVE_SECONDS), this.t0));
		assertThat(seen).containsExactly("a:UNKNOWN->UP", "second saw a", "b:UNKNOWN->STARTING", "second saw b");
	}

	@Test
	void removedListenerShouldHearNothing() {
		DeadlineEngine engine = new DeadlineEngine(DeadlineEngineConfig.ofDefaults(), this.clock);
		List<StateChange> heard = new ArrayList<>();
		MonitorListener listener = MonitorListener.forStateChanges(heard::add);
		engine.addListener(listener);
		engine.addListener(MonitorListener.NO_OP);
		engine.removeListener(listener);
		engine.onBeat(record("billing", "a1", 1, Beat.beat(FIVE_SECONDS), this.t0));
		assertThat(heard).isEmpty();
	}

	// snapshots and counts

	@Test
	void snapshotShouldShowTheLastBeatAndDeadlines() {
		this.engine.onBeat(new BeatRecord("billing", "shop", Beat.degraded(Duration.ofMillis(2_500)), this.t0, "3f9c2a7d1e0b",
				42, RunStatus.RUNNING, "OUT_OF_SERVICE"));
		ProcessSnapshot snapshot = this.engine.get("billing").orElseThrow();
		assertThat(snapshot.process()).isEqualTo("billing");
		assertThat(snapshot.app()).isEqualTo("shop");
		assertThat(snapshot.state()).isEqualTo(ProcessState.DEGRADED);
		assertThat(snapshot.lateAt()).isEqualTo(Instant.ofEpochMilli(this.t0 + 3_750));
		assertThat(snapshot.deadAt()).isEqualTo(Instant.ofEpochMilli(this.t0 + 7_500));
		assertThat(snapshot.snoozedUntil()).isNull();
		assertThat(snapshot.lastBeat()).isEqualTo(new LastBeatInfo(BeatKind.DEGRADED, Duration.ofMillis(2_500),
				Instant.ofEpochMilli(this.t0), "3f9c2a7d1e0b", 42, RunStatus.RUNNING, "OUT_OF_SERVICE"));
		assertThat(snapshot.overdue(Instant.ofEpochMilli(this.t0 + 3_750))).isZero();
		assertThat(snapshot.overdue(Instant.ofEpochMilli(this.t0 + 5_000))).isEqualTo(Duration.ofMillis(1_250));
	}

	@Test
	void missingHeadersShouldBeFilledInConsistently() {
		this.engine.onBeat(new BeatRecord("billing", null, Beat.beat(FIVE_SECONDS), this.t0, null, 0, null, null));
		StateChange change = this.events.get(0);
		assertThat(change.app()).isEmpty();
		assertThat(change.lastBeat().instance()).isEmpty();
		assertThat(change.lastBeat().health()).isEqualTo(BeatRecord.UNKNOWN_HEALTH);
		assertThat(change.lastBeat().status()).isEqualTo(RunStatus.RUNNING);
	}

	@Test
	void instanceIdsThatCannotBePackedShouldBeKeptAsGiven() {
		this.engine.onBeat(record("billing", "Pod-7/x", 1, Beat.beat(FIVE_SECONDS), this.t0));
		assertThat(this.engine.get("billing").orElseThrow().lastBeat().instance()).isEqualTo("Pod-7/x");
		assertThat(this.engine.onBeat(record("billing", "Pod-7/x", 1, Beat.beat(FIVE_SECONDS), this.t0)))
			.isEqualTo(Admission.STALE);
		assertThat(this.engine.onBeat(record("billing", "00ab", 1, Beat.beat(FIVE_SECONDS), this.t0)))
			.isEqualTo(Admission.ACCEPTED);
		assertThat(this.engine.get("billing").orElseThrow().lastBeat().instance()).isEqualTo("00ab");
	}

	@Test
	void eventNameShouldBeTheSubjectAndTheNewStateInLowerCase() {
		send("billing", Beat.beat(FIVE_SECONDS));
		goLateThenDead();
		assertThat(this.events).extracting(StateChange::eventName)
			.containsExactly("heartbeat.billing.up", "heartbeat.billing.late", "heartbeat.billing.dead");
	}

	@Test
	void listShouldFilterAndLimit() {
		for (int i = 0; i < 50; i++) {
			send("p-" + i, (i % 5 == 0) ? Beat.degraded(FIVE_SECONDS) : Beat.beat(FIVE_SECONDS));
		}
		assertThat(this.engine.list((snapshot) -> snapshot.state() == ProcessState.DEGRADED, 100)).hasSize(10);
		assertThat(this.engine.list((snapshot) -> true, 7)).hasSize(7);
		assertThat(this.engine.list((snapshot) -> true, 0)).isEmpty();
	}

	@Test
	void countByStateShouldAgreeWithTheSnapshotsThroughEveryChange() {
		send("a", Beat.start(FIVE_SECONDS));
		send("b", Beat.beat(Duration.ofSeconds(2)));
		send("c", Beat.degraded(Duration.ofSeconds(4)));
		send("d", Beat.stop());
		send("e", Beat.beat(Duration.ofSeconds(3)), RunStatus.PAUSED);
		for (int step = 0; step < 40; step++) {
			advance(500);
			if (step == 10) {
				send("b", Beat.beat(Duration.ofSeconds(2)));
			}
			Map<ProcessState, Long> counts = this.engine.countByState();
			for (ProcessState state : ProcessState.values()) {
				long listed = this.engine.list((snapshot) -> snapshot.state() == state, 100).size();
				assertThat(counts.get(state)).as("%s at step %d", state, step).isEqualTo(listed);
			}
		}
		assertThat(this.engine.countByState()).containsEntry(ProcessState.DEAD, 4L).containsEntry(ProcessState.STOPPED, 1L);
	}

	@Test
	void wallClockSteppingBackShouldNotUnpassADeadline() {
		send("billing", Beat.beat(FIVE_SECONDS));
		advance(7_500);
		this.clock.setWallTime(Instant.ofEpochMilli(this.t0));
		assertThat(this.engine.advance()).isZero();
		assertThat(state("billing")).isEqualTo(ProcessState.LATE);
	}

	// helpers

	private DeadlineEngine engine(DeadlineEngineConfig config) {
		this.events.clear();
		DeadlineEngine engine = new DeadlineEngine(config, this.clock);
		engine.addListener(MonitorListener.forStateChanges(this.events::add));
		return engine;
	}

	private Admission send(String process, Beat beat) {
		return send(process, beat, RunStatus.RUNNING);
	}

	private Admission send(String process, Beat beat, RunStatus status) {
		return this.engine.onBeat(record(process, beat, this.clock.wallTime(), status));
	}

	private BeatRecord record(String process, Beat beat, long recordTime, RunStatus status) {
		return new BeatRecord(process, "", beat, recordTime, "a1", ++this.seq, status, "UP");
	}

	private static BeatRecord record(String process, String instance, long seq, Beat beat, long recordTime) {
		return new BeatRecord(process, "", beat, recordTime, instance, seq, RunStatus.RUNNING, "UP");
	}

	private int advance(long millis) {
		this.clock.advanceMillis(millis);
		return this.engine.advance();
	}

	private void goLateThenDead() {
		advance(7_500);
		advance(7_500);
	}

	private ProcessState state(String process) {
		return this.engine.get(process).orElseThrow().state();
	}

	private long nextDeadline() {
		ProcessSnapshot snapshot = this.engine.get("billing").orElseThrow();
		return (snapshot.state() == ProcessState.LATE) ? snapshot.deadAt().toEpochMilli()
				: snapshot.lateAt().toEpochMilli();
	}

	private List<String> transitions() {
		return this.events.stream().map((change) -> change.from() + "->" + change.to()).toList();
	}

}
