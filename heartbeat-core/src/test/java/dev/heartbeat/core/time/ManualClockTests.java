package dev.heartbeat.core.time;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.heartbeat.core.time.DelayScheduler.Cancellable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ManualClock}.
 */
class ManualClockTests {

	private static final Instant START = Instant.parse("2030-06-01T12:00:00Z");

	private final ManualClock clock = new ManualClock(START);

	private final List<String> ran = new ArrayList<>();

	@Test
	void clockShouldStartAtTheGivenWallTime() {
		assertThat(this.clock.instant()).isEqualTo(START);
	}

	@Test
	void defaultClockShouldStartAtTheStartOf2026() {
		assertThat(new ManualClock().instant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
	}

	@Test
	void clockShouldNotMoveByItself() {
		long monotonic = this.clock.monotonicTime();
		assertThat(this.clock.monotonicTime()).isEqualTo(monotonic);
		assertThat(this.clock.wallTime()).isEqualTo(START.toEpochMilli());
	}

	@Test
	void advanceShouldMoveWallAndMonotonicTimeTogether() {
		long monotonic = this.clock.monotonicTime();
		this.clock.advance(Duration.ofMillis(1500));
		assertThat(this.clock.monotonicTime() - monotonic).isEqualTo(1_500_000_000L);
		assertThat(this.clock.instant()).isEqualTo(START.plusMillis(1500));
	}

	@Test
	void advanceMillisShouldMoveByMilliseconds() {
		this.clock.advanceMillis(250);
		assertThat(this.clock.instant()).isEqualTo(START.plusMillis(250));
	}

	@Test
	void subMillisecondAdvancesShouldAddUpInWallTime() {
		this.clock.advance(Duration.ofNanos(400_000));
		this.clock.advance(Duration.ofNanos(400_000));
		assertThat(this.clock.instant()).isEqualTo(START);
		this.clock.advance(Duration.ofNanos(400_000));
		assertThat(this.clock.instant()).isEqualTo(START.plusMillis(1));
	}

	@Test
	void advanceShouldRejectANegativeDuration() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.clock.advance(Duration.ofMillis(-1)))
			.withMessageContaining("PT-0.001S");
	}

	@Test
	void setWallTimeShouldMoveOnlyWallTime() {
		long monotonic = this.clock.monotonicTime();
		Instant corrected = START.minus(Duration.ofHours(1));
		this.clock.setWallTime(corrected);
		assertThat(this.clock.instant()).isEqualTo(corrected);
		assertThat(this.clock.monotonicTime()).isEqualTo(monotonic);
	}

	@Test
	void advanceAfterSetWallTimeShouldMoveWallTimeOnFromTheNewValue() {
		Instant corrected = START.plus(Duration.ofDays(1));
		this.clock.setWallTime(corrected);
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(this.clock.instant()).isEqualTo(corrected.plusSeconds(2));
	}

	@Test
	void setWallTimeShouldNotMakeScheduledTasksDue() {
		this.clock.schedule(Duration.ofSeconds(5), () -> this.ran.add("task"));
		this.clock.setWallTime(START.plus(Duration.ofHours(1)));
		this.clock.runDueTasks();
		assertThat(this.ran).isEmpty();
		assertThat(this.clock.pendingDelays()).containsExactly(Duration.ofSeconds(5));
	}

	@Test
	void advanceShouldRunDueTasksInDueOrder() {
		this.clock.schedule(Duration.ofSeconds(3), () -> this.ran.add("3s"));
		this.clock.schedule(Duration.ofSeconds(1), () -> this.ran.add("1s"));
		this.clock.schedule(Duration.ofSeconds(2), () -> this.ran.add("2s"));
		this.clock.advance(Duration.ofSeconds(3));
		assertThat(this.ran).containsExactly("1s", "2s", "3s");
	}

	@Test
	void tasksDueAtTheSameTimeShouldRunInTheOrderTheyWereScheduled() {
		this.clock.schedule(Duration.ofSeconds(1), () -> this.ran.add("first"));
		this.clock.schedule(Duration.ofSeconds(1), () -> this.ran.add("second"));
		this.clock.schedule(Duration.ofSeconds(1), () -> this.ran.add("third"));
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.ran).containsExactly("first", "second", "third");
	}

	@Test
	void eachTaskShouldSeeTheClockAtItsDueTime() {
		long origin = this.clock.monotonicTime();
		this.clock.schedule(Duration.ofMillis(1500), () -> this.ran
			.add(this.clock.instant() + " " + (this.clock.monotonicTime() - origin)));
		this.clock.schedule(Duration.ofMillis(250), () -> this.ran
			.add(this.clock.instant() + " " + (this.clock.monotonicTime() - origin)));
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(this.ran).containsExactly(START.plusMillis(250) + " 250000000",
				START.plusMillis(1500) + " 1500000000");
	}

	@Test
	void advanceShouldEndAtTheTargetAfterRunningTasks() {
		this.clock.schedule(Duration.ofSeconds(1), () -> this.ran.add("task"));
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(this.clock.instant()).isEqualTo(START.plusSeconds(10));
	}

	@Test
	void taskShouldNotRunOneNanosecondBeforeItIsDue() {
		this.clock.schedule(Duration.ofSeconds(1), () -> this.ran.add("task"));
		this.clock.advance(Duration.ofSeconds(1).minusNanos(1));
		assertThat(this.ran).isEmpty();
		assertThat(this.clock.pendingTasks()).isOne();
	}

	@Test
	void taskShouldRunExactlyWhenItIsDue() {
		this.clock.schedule(Duration.ofSeconds(1), () -> this.ran.add("task"));
		this.clock.advance(Duration.ofSeconds(1).minusNanos(1));
		this.clock.advance(Duration.ofNanos(1));
		assertThat(this.ran).containsExactly("task");
		assertThat(this.clock.pendingTasks()).isZero();
	}

	@Test
	void taskShouldRunOnlyOnce() {
		this.clock.schedule(Duration.ofSeconds(1), () -> this.ran.add("task"));
		this.clock.advance(Duration.ofSeconds(1));
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(this.ran).containsExactly("task");
	}

	@Test
	void cancelShouldKeepATaskFromRunning() {
		Cancellable cancellable = this.clock.schedule(Duration.ofSeconds(1), () -> this.ran.add("cancelled"));
		this.clock.schedule(Duration.ofSeconds(2), () -> this.ran.add("kept"));
		cancellable.cancel();
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(this.ran).containsExactly("kept");
	}

	@Test
	void cancelShouldRemoveThePendingTask() {
		Cancellable cancellable = this.clock.schedule(Duration.ofSeconds(1), () -> this.ran.add("cancelled"));
		cancellable.cancel();
		assertThat(this.clock.pendingTasks()).isZero();
	}

	@Test
	void cancelShouldRemoveOnlyItsOwnTaskWhenAnIdenticalOneIsScheduled() {
		Runnable task = () -> this.ran.add("task");
		Cancellable first = this.clock.schedule(Duration.ofSeconds(1), task);
		this.clock.schedule(Duration.ofSeconds(1), task);
		first.cancel();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.ran).containsExactly("task");
	}

	@Test
	void cancelAfterTheTaskRanShouldHaveNoEffect() {
		Cancellable cancellable = this.clock.schedule(Duration.ofSeconds(1), () -> this.ran.add("ran"));
		this.clock.advance(Duration.ofSeconds(1));
		cancellable.cancel();
		assertThat(this.ran).containsExactly("ran");
	}

	@Test
	void taskScheduledByATaskShouldRunInTheSameAdvanceIfDueWithinIt() {
		long origin = this.clock.monotonicTime();
		this.clock.schedule(Duration.ofSeconds(1), () -> {
			this.ran.add("outer");
			this.clock.schedule(Duration.ofSeconds(1),
					() -> this.ran.add("inner at " + (this.clock.monotonicTime() - origin)));
		});
		this.clock.advance(Duration.ofSeconds(3));
		assertThat(this.ran).containsExactly("outer", "inner at 2000000000");
	}

	@Test
	void taskScheduledByATaskShouldWaitIfDueAfterTheAdvance() {
		this.clock.schedule(Duration.ofSeconds(1), () -> this.clock.schedule(Duration.ofSeconds(5),
				() -> this.ran.add("inner")));
		this.clock.advance(Duration.ofSeconds(3));
		assertThat(this.ran).isEmpty();
		assertThat(this.clock.pendingDelays()).containsExactly(Duration.ofSeconds(3));
	}

	@Test
	void taskScheduledByATaskShouldRunBeforeLaterDueTasks() {
		this.clock.schedule(Duration.ofSeconds(1), () -> {
			this.ran.add("1s");
			this.clock.schedule(Duration.ofSeconds(1), () -> this.ran.add("2s"));
		});
		this.clock.schedule(Duration.ofSeconds(3), () -> this.ran.add("3s"));
		this.clock.advance(Duration.ofSeconds(3));
		assertThat(this.ran).containsExactly("1s", "2s", "3s");
	}

	@Test
	void runDueTasksShouldRunZeroDelayTasksWithoutMovingTime() {
		long monotonic = this.clock.monotonicTime();
		this.clock.schedule(Duration.ZERO, () -> this.ran.add("now"));
		this.clock.runDueTasks();
		assertThat(this.ran).containsExactly("now");
		assertThat(this.clock.monotonicTime()).isEqualTo(monotonic);
	}

	@Test
	void negativeDelayShouldBeDueAtOnce() {
		this.clock.schedule(Duration.ofSeconds(-5), () -> this.ran.add("now"));
		assertThat(this.clock.pendingDelays()).containsExactly(Duration.ZERO);
		this.clock.runDueTasks();
		assertThat(this.ran).containsExactly("now");
	}

	@Test
	void scheduleShouldNotRunTheTaskBeforeTheClockIsAdvanced() {
		this.clock.schedule(Duration.ZERO, () -> this.ran.add("now"));
		assertThat(this.ran).isEmpty();
	}

	@Test
	void pendingDelaysShouldListDelaysFromNowEarliestFirst() {
		this.clock.schedule(Duration.ofSeconds(10), () -> this.ran.add("10s"));
		this.clock.schedule(Duration.ofSeconds(4), () -> this.ran.add("4s"));
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.clock.pendingDelays()).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(9));
	}

}
