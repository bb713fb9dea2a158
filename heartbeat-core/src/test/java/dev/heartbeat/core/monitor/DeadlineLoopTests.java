package dev.heartbeat.core.monitor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.time.HeartbeatClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class DeadlineLoopTests {

	// generous for a loaded CI machine; the loop itself wakes to the millisecond
	private static final Duration LAG_BOUND = Duration.ofMillis(150);

	private static final ThreadFactory THREADS = (task) -> {
		Thread thread = new Thread(task, "deadline-loop-test");
		thread.setDaemon(true);
		return thread;
	};

	private final List<StateChange> events = new CopyOnWriteArrayList<>();

	private DeadlineLoop loop;

	@AfterEach
	void stopLoop() {
		if (this.loop != null) {
			this.loop.close();
		}
	}

	@Test
	void processWithA200MillisecondPeriodShouldBeReportedDeadRightAtItsDeadline() {
		DeadlineEngine engine = engine(HeartbeatClock.SYSTEM);
		this.loop = new DeadlineLoop(engine);
		this.loop.start(THREADS);
		engine.onBeat(record("billing", Beat.beat(Duration.ofMillis(200)), HeartbeatClock.SYSTEM.wallTime()));
		await().atMost(Duration.ofSeconds(3)).until(() -> this.events.size() == 3);
		assertThat(this.events).extracting(StateChange::to)
			.containsExactly(ProcessState.UP, ProcessState.LATE, ProcessState.DEAD);
		StateChange dead = this.events.get(2);
		assertThat(dead.at()).isEqualTo(dead.lastBeat().recordTime().plusMillis(600));
		assertThat(dead.detectionLag()).isBetween(Duration.ZERO, LAG_BOUND);
		assertThat(this.events.get(1).detectionLag()).isBetween(Duration.ZERO, LAG_BOUND);
	}

	@Test
	void beatWithAnEarlierDeadlineShouldWakeTheLoopBeforeItsPlannedWake() {
		DeadlineEngine engine = engine(HeartbeatClock.SYSTEM);
		this.loop = new DeadlineLoop(engine, Duration.ofMinutes(1));
		engine.onBeat(record("slow", Beat.beat(Duration.ofHours(1)), HeartbeatClock.SYSTEM.wallTime()));
		List<Thread> threads = new CopyOnWriteArrayList<>();
		this.loop.start((task) -> {
			Thread thread = THREADS.newThread(task);
			threads.add(thread);
			return thread;
		});
		// let the loop park until the hour-long deadline (capped at a minute)
		await().atMost(Duration.ofSeconds(2)).until(() -> threads.get(0).getState() == Thread.State.TIMED_WAITING);
		engine.onBeat(record("fast", Beat.beat(Duration.ofMillis(100)), HeartbeatClock.SYSTEM.wallTime()));
		await().atMost(Duration.ofSeconds(3))
			.until(() -> this.events.stream().anyMatch((change) -> change.to() == ProcessState.DEAD));
		StateChange dead = this.events.stream().filter((change) -> change.to() == ProcessState.DEAD).findFirst().orElseThrow();
		assertThat(dead.process()).isEqualTo("fast");
		assertThat(dead.detectionLag()).isBetween(Duration.ZERO, LAG_BOUND);
	}

	@Test
	void loopShouldSurviveAFailingAdvance() {
		AtomicInteger failures = new AtomicInteger(3);
		HeartbeatClock flaky = new HeartbeatClock() {

			@Override
			public long wallTime() {
				if (failures.get() > 0 && Thread.currentThread().getName().equals("deadline-loop-test")) {
					failures.decrementAndGet();
					throw new IllegalStateException("clock broke");
				}
				return System.currentTimeMillis();
			}

			@Override
			public long monotonicTime() {
				return System.nanoTime();
			}

		};
		DeadlineEngine engine = engine(flaky);
		this.loop = new DeadlineLoop(engine, Duration.ofMillis(50));
		engine.onBeat(record("billing", Beat.beat(Duration.ofMillis(50)), System.currentTimeMillis()));
		this.loop.start(THREADS);
		await().atMost(Duration.ofSeconds(3))
			.until(() -> this.events.stream().anyMatch((change) -> change.to() == ProcessState.DEAD));
		assertThat(failures).hasValue(0);
		assertThat(this.loop.isRunning()).isTrue();
	}

	@Test
	void stopShouldEndTheThreadAndAllowARestart() {
		DeadlineEngine engine = engine(HeartbeatClock.SYSTEM);
		this.loop = new DeadlineLoop(engine);
		List<Thread> threads = new CopyOnWriteArrayList<>();
		ThreadFactory recording = (task) -> {
			Thread thread = THREADS.newThread(task);
			threads.add(thread);
			return thread;
		};
		this.loop.start(recording);
		assertThatIllegalStateException().isThrownBy(() -> this.loop.start(recording));
		this.loop.stop();
		assertThat(this.loop.isRunning()).isFalse();
		assertThat(threads.get(0).isAlive()).isFalse();
		this.loop.start(recording);
		engine.onBeat(record("billing", Beat.beat(Duration.ofMillis(20)), System.currentTimeMillis()));
		await().atMost(Duration.ofSeconds(3)).until(() -> this.events.size() == 3);
		this.loop.close();
		assertThat(threads).hasSize(2).noneMatch(Thread::isAlive);
		this.loop.wakeUp();
	}

	private DeadlineEngine engine(HeartbeatClock clock) {
		DeadlineEngine engine = new DeadlineEngine(DeadlineEngineConfig.ofDefaults(), clock);
		engine.addListener(MonitorListener.forStateChanges(this.events::add));
		return engine;
	}

	private static BeatRecord record(String process, Beat beat, long recordTime) {
		return new BeatRecord(process, "app", beat, recordTime, "a1", 1, RunStatus.RUNNING, "UP");
	}

}
