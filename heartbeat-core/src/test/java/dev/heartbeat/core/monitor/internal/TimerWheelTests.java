package dev.heartbeat.core.monitor.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimerWheelTests {

	private static final long START = 1_767_225_600_000L;

	private final List<Long> fired = new ArrayList<>();

	private final TimerWheel wheel = new TimerWheel(START);

	@Test
	void timerShouldExpireExactlyAtItsDueTimeAndNotOneMillisecondBefore() {
		Timer timer = new Timer(1);
		this.wheel.schedule(timer, START + 7_500);
		assertThat(advanceTo(START + 7_499)).isZero();
		assertThat(advanceTo(START + 7_500)).isOne();
		assertThat(this.fired).containsExactly(START + 7_500);
		assertThat(timer.isScheduled()).isFalse();
		assertThat(this.wheel.size()).isZero();
	}

	@Test
	void rescheduledTimerShouldExpireOnlyAtItsNewTime() {
		Timer timer = new Timer(1);
		this.wheel.schedule(timer, START + 1_000);
		this.wheel.schedule(timer, START + 90_000);
		assertThat(advanceTo(START + 89_999)).isZero();
		assertThat(advanceTo(START + 90_000)).isOne();
		assertThat(this.wheel.size()).isZero();
	}

	@Test
	void timerMovedLaterManyTimesShouldExpireExactlyAtItsLastTimeAndNeverAtAnOldOne() {
		Timer timer = new Timer(1);
		for (long due = START + 10; due <= START + 5_000; due += 10) {
			this.wheel.schedule(timer, due);
		}
		assertThat(this.wheel.size()).isOne();
		for (long now = START + 1; now < START + 5_000; now++) {
			assertThat(advanceTo(now)).as("at %d", now - START).isZero();
			assertThat(this.wheel.nextTime()).isGreaterThan(now).isLessThanOrEqualTo(START + 5_000);
		}
		assertThat(timer.isScheduled()).isTrue();
		assertThat(timer.due()).isEqualTo(START + 5_000);
		assertThat(advanceTo(START + 5_000)).isOne();
		assertThat(this.fired).containsExactly(START + 5_000);
		assertThat(this.wheel.size()).isZero();
	}

	@Test
	void timerMovedLaterThenEarlierShouldExpireAtTheEarlierTime() {
		Timer timer = new Timer(1);
		this.wheel.schedule(timer, START + 1_000);
		this.wheel.schedule(timer, START + 9_000);
		this.wheel.schedule(timer, START + 500);
		assertThat(this.wheel.nextTime()).isLessThanOrEqualTo(START + 500);
		assertThat(advanceTo(START + 499)).isZero();
		assertThat(advanceTo(START + 500)).isOne();
		assertThat(advanceTo(START + 10_000)).isZero();
		assertThat(this.fired).containsExactly(START + 500);
	}

	@Test
	void readyTimerMovedIntoTheFutureShouldWaitForItsNewTime() {
		Timer timer = new Timer(1);
		this.wheel.schedule(timer, START - 5_000);
		this.wheel.schedule(timer, START + 100);
		assertThat(advanceTo(START)).isZero();
		assertThat(advanceTo(START + 99)).isZero();
		assertThat(advanceTo(START + 100)).isOne();
		assertThat(this.fired).containsExactly(START + 100);
	}

	@Test
	void timersMovedLaterShouldBePlacedAgainWhenTheirOldPlaceIsReachedNotExpired() {
		List<Timer> timers = new ArrayList<>();
		for (int i = 0; i < 1_000; i++) {
			Timer timer = new Timer(i);
			timers.add(timer);
			this.wheel.schedule(timer, START + 100 + i);
		}
		// every timer but the last pushed an hour later, as beats push deadlines
		for (int i = 0; i < 999; i++) {
			this.wheel.schedule(timers.get(i), START + 3_600_000 + i);
		}
		assertThat(this.wheel.advance(START + 2_000, (node) -> this.fired.add(node.due()))).isOne();
		assertThat(this.fired).containsExactly(START + 1_099L);
		assertThat(this.wheel.size()).isEqualTo(999);
		assertThat(this.wheel.nextTime()).isGreaterThan(START + 2_000).isLessThanOrEqualTo(START + 3_600_000);
		assertThat(advanceTo(START + 3_600_000 + 998)).isEqualTo(999);
		assertThat(this.fired).hasSize(1_000).isSorted();
	}

	@Test
	void cancelledTimerShouldNeverExpire() {
		Timer timer = new Timer(1);
		this.wheel.schedule(timer, START + 10);
		this.wheel.cancel(timer);
		assertThat(advanceTo(START + 1_000_000)).isZero();
		assertThat(this.wheel.size()).isZero();
	}

	@Test
	void timerDueInThePastShouldExpireAtTheNextAdvance() {
		this.wheel.schedule(new Timer(1), START - 5_000);
		assertThat(this.wheel.nextTime()).isEqualTo(START);
		assertThat(advanceTo(START)).isOne();
	}

	@Test
	void nextTimeShouldNeverBeAfterTheEarliestTimerAndExactWithinTheCurrentSlot() {
		this.wheel.schedule(new Timer(1), START + 200_000);
		long next = this.wheel.nextTime();
		assertThat(next).isLessThanOrEqualTo(START + 200_000).isGreaterThan(START);
		// following nextTime() reaches the timer at exactly its time
		int steps = 0;
		while (this.fired.isEmpty()) {
			advanceTo(this.wheel.nextTime());
			steps++;
		}
		assertThat(this.fired).containsExactly(START + 200_000);
		assertThat(steps).isLessThanOrEqualTo(4);
		assertThat(this.wheel.nextTime()).isEqualTo(Long.MAX_VALUE);
	}

	@Test
	void jumpOverAYearShouldExpireEverythingInDueOrder() {
		Random random = new Random(42);
		List<Long> dues = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			long due = START + 1 + (long) (random.nextDouble() * 365L * 24 * 3600 * 1000);
			dues.add(due);
			this.wheel.schedule(new Timer(i), due);
		}
		assertThat(advanceTo(START + 366L * 24 * 3600 * 1000)).isEqualTo(10_000);
		dues.sort(null);
		assertThat(this.fired).isEqualTo(dues);
	}

	@Test
	void randomOperationsShouldMatchABruteForceModel() {
		Random random = new Random(7);
		Map<Integer, Long> model = new HashMap<>();
		Timer[] timers = new Timer[500];
		for (int i = 0; i < timers.length; i++) {
			timers[i] = new Timer(i);
		}
		long now = START;
		for (int step = 0; step < 30_000; step++) {
			int op = random.nextInt(10);
			Timer timer = timers[random.nextInt(timers.length)];
			if (op < 6) {
				long due = now - 100 + (long) Math.pow(10, random.nextDouble() * 8);
				this.wheel.schedule(timer, due);
				model.put(timer.id, due);
			}
			else if (op < 7) {
				this.wheel.cancel(timer);
				model.remove(timer.id);
			}
			else {
				now += (long) Math.pow(10, random.nextDouble() * 6);
				List<Long> expected = new ArrayList<>();
				long limit = now;
				model.values().removeIf((due) -> {
					if (due <= limit) {
						expected.add(due);
						return true;
					}
					return false;
				});
				this.fired.clear();
				// sometimes in chunks, as the engine does under a mass expiry
				int chunk = random.nextBoolean() ? Integer.MAX_VALUE : 1 + random.nextInt(5);
				while (this.wheel.advance(now, (node) -> this.fired.add(node.due()), chunk) == chunk) {
					// more may be due: call again
				}
				expected.sort(null);
				List<Long> actual = new ArrayList<>(this.fired);
				actual.sort(null);
				assertThat(actual).isEqualTo(expected);
				long earliest = model.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
				assertThat(this.wheel.nextTime()).isLessThanOrEqualTo(earliest);
			}
			assertThat(this.wheel.size()).isEqualTo(model.size());
		}
	}

	@Test
	void advanceWithALimitShouldLeaveTheRestDueAndLetThemBeRescheduledMeanwhile() {
		List<Timer> timers = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			Timer timer = new Timer(i);
			timers.add(timer);
			this.wheel.schedule(timer, START + 100);
		}
		assertThat(this.wheel.advance(START + 100, (node) -> this.fired.add(node.due()), 4_096)).isEqualTo(4_096);
		assertThat(this.wheel.nextTime()).isEqualTo(START + 100);
		// a beat moves one of the rest away, another is forgotten
		this.wheel.schedule(timers.get(9_998), START + 5_000);
		this.wheel.cancel(timers.get(9_999));
		assertThat(this.wheel.advance(START + 100, (node) -> this.fired.add(node.due()), 4_096)).isEqualTo(4_096);
		assertThat(this.wheel.advance(START + 100, (node) -> this.fired.add(node.due()), 4_096)).isEqualTo(1_806);
		assertThat(this.fired).hasSize(9_998).containsOnly(START + 100);
		assertThat(this.wheel.size()).isOne();
		assertThat(advanceTo(START + 5_000)).isOne();
	}

	private int advanceTo(long now) {
		return this.wheel.advance(now, (node) -> this.fired.add(node.due()));
	}

	static final class Timer extends TimerWheel.Node {

		final int id;

		Timer(int id) {
			this.id = id;
		}

	}

}
