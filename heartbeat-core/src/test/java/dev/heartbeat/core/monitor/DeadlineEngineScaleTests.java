package dev.heartbeat.core.monitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.time.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

class DeadlineEngineScaleTests {

	private static final int PROCESSES = 100_000;

	private static final long STEP = 997;

	private final ManualClock clock = new ManualClock();

	private final long t0 = this.clock.wallTime();

	private static final int APPS = 50;

	// dead processes stay tracked, so that nothing is pending once every process is dead
	private final DeadlineEngine engine = new DeadlineEngine(
			DeadlineEngineConfig.custom().forgetDeadAfter(Duration.ZERO).build(), this.clock);

	private final List<StateChange> events = new ArrayList<>();

	private final List<AppStateChange> appEvents = new ArrayList<>();

	@Test
	void hundredThousandStaggeredProcessesShouldEachExpireExactlyAtTheirDeadlinesWithWorkOnlyForWhatIsDue() {
		this.engine.addListener(new MonitorListener() {

			@Override
			public void onStateChange(StateChange change) {
				DeadlineEngineScaleTests.this.events.add(change);
			}

			@Override
			public void onAppStateChange(AppStateChange change) {
				DeadlineEngineScaleTests.this.appEvents.add(change);
			}

		});
		long[] lateAt = new long[PROCESSES];
		long[] deadAt = new long[PROCESSES];
		for (int i = 0; i < PROCESSES; i++) {
			// periods from 1 s to about 2 min, record times spread over the last half second
			long period = 1_000 + (i * 7919L) % 120_000;
			long recordTime = this.t0 - (i % 500);
			lateAt[i] = recordTime + (period * 3 + 1) / 2;
			deadAt[i] = recordTime + period * 3;
			this.engine.onBeat(new BeatRecord("process-" + i, "app-" + (i % APPS), Beat.beat(Duration.ofMillis(period)),
					recordTime, Integer.toHexString(i), 1, RunStatus.RUNNING, "UP"));
		}
		assertThat(this.engine.size()).isEqualTo(PROCESSES);
		assertThat(this.engine.countByState()).containsEntry(ProcessState.UP, (long) PROCESSES);
		this.events.clear();
		this.appEvents.clear();

		// what is due in each step: one event when only one deadline fell in it, else one to DEAD
		int steps = (int) ((this.t0 + 400_000 - this.t0) / STEP) + 1;
		int[] expected = new int[steps + 1];
		long[] lastDeath = new long[APPS];
		for (int i = 0; i < PROCESSES; i++) {
			int lateStep = stepOf(lateAt[i]);
			int deadStep = stepOf(deadAt[i]);
			expected[lateStep]++;
			if (deadStep != lateStep) {
				expected[deadStep]++;
			}
			lastDeath[i % APPS] = Math.max(lastDeath[i % APPS], deadAt[i]);
		}
		// and one event of each app, DEAD, in the step its last instance dies
		int[] expectedApps = new int[steps + 1];
		for (long death : lastDeath) {
			expectedApps[stepOf(death)]++;
		}
		long firedBefore = this.engine.timersFired();
		for (int step = 1; step <= steps; step++) {
			this.clock.advanceMillis(STEP);
			int fired = this.engine.advance();
			long timers = this.engine.timersFired() - firedBefore;
			firedBefore += timers;
			assertThat(fired).as("events in step %d", step).isEqualTo(expected[step] + expectedApps[step]);
			assertThat(timers).as("timers in step %d", step).isEqualTo(expected[step]);
		}
		assertThat(this.appEvents).hasSize(APPS).allSatisfy((change) -> {
			assertThat(change.to()).isEqualTo(AppState.DEAD);
			assertThat(change.at().toEpochMilli()).isEqualTo(lastDeath[Integer.parseInt(change.app().substring(4))]);
			assertThat(change.instances()).isEqualTo(PROCESSES / APPS);
			assertThat(change.live()).isZero();
		});
		assertThat(this.events).hasSize(PROCESSES * 2 - sameStep(lateAt, deadAt));
		List<StateChange> wrong = new ArrayList<>();
		for (StateChange change : this.events) {
			int i = Integer.parseInt(change.process().substring("process-".length()));
			long deadline = (change.to() == ProcessState.LATE) ? lateAt[i] : deadAt[i];
			long lag = change.detectedAt().toEpochMilli() - deadline;
			if (change.at().toEpochMilli() != deadline || lag < 0 || lag >= STEP) {
				wrong.add(change);
			}
		}
		assertThat(wrong).isEmpty();
		assertThat(this.engine.countByState()).containsEntry(ProcessState.DEAD, (long) PROCESSES);
		assertThat(this.engine.nextWakeTime()).isEqualTo(Long.MAX_VALUE);
		assertThat(this.engine.advance()).isZero();
	}

	@Test
	void hundredThousandProcessesBeatingOnTimeShouldFireNothingAndExpireNoTimer() {
		this.engine.addListener(MonitorListener.forStateChanges(this.events::add));
		String[] processes = new String[PROCESSES];
		for (int i = 0; i < PROCESSES; i++) {
			processes[i] = "process-" + i;
		}
		Beat beat = Beat.beat(Duration.ofSeconds(10));
		for (int round = 0; round < 3; round++) {
			for (int i = 0; i < PROCESSES; i++) {
				this.engine.onBeat(new BeatRecord(processes[i], "app", beat, this.clock.wallTime(), "a1", round,
						RunStatus.RUNNING, "UP"));
			}
			this.clock.advanceMillis(10_000);
			this.engine.advance();
		}
		assertThat(this.events).hasSize(PROCESSES);
		assertThat(this.engine.timersFired()).isZero();
	}

	private int stepOf(long time) {
		long offset = time - this.t0;
		return (offset <= 0) ? 0 : (int) ((offset + STEP - 1) / STEP);
	}

	private int sameStep(long[] lateAt, long[] deadAt) {
		int count = 0;
		for (int i = 0; i < lateAt.length; i++) {
			if (stepOf(lateAt[i]) == stepOf(deadAt[i])) {
				count++;
			}
		}
		return count;
	}

}
