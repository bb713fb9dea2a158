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
