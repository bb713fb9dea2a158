package dev.heartbeat.boot.support.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.heartbeat.core.time.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The background worker: rounds, back-off timed by the injected clock, stop, interruption.
 */
class WorkerTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private final ManualClock clock = new ManualClock();

	private final List<Worker> workers = new CopyOnWriteArrayList<>();

	@AfterEach
	void stopWorkers() {
		this.workers.forEach((worker) -> worker.stop(WAIT));
	}

	@Test
	void failingRoundsShouldBeRetriedAfterADoublingPauseTimedByTheClock() {
		AtomicInteger rounds = new AtomicInteger();
		List<Duration> pauses = new CopyOnWriteArrayList<>();
		Recording worker = start(new Recording(new Backoff(Duration.ofMillis(200), Duration.ofMillis(500))) {

			@Override
			protected boolean round() {
				rounds.incrementAndGet();
				throw new IllegalStateException("broker away");
			}

			@Override
			protected void onFailure(Throwable failure, Duration retryIn) {
				pauses.add(retryIn);
			}

		});
		await().atMost(WAIT).until(() -> rounds.get() == 1 && this.clock.pendingTasks() == 1);
		this.clock.advanceMillis(199);
		assertThat(rounds).hasValue(1);
		this.clock.advanceMillis(1);
		await().atMost(WAIT).until(() -> rounds.get() == 2 && this.clock.pendingTasks() == 1);
		this.clock.advanceMillis(400);
		await().atMost(WAIT).until(() -> rounds.get() == 3 && this.clock.pendingTasks() == 1);
		assertThat(this.clock.pendingDelays()).containsExactly(Duration.ofMillis(500));
		assertThat(pauses).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(500));
		assertThat(worker.isRunning()).isTrue();
	}

	@Test
	void aSucceedingRoundShouldStartTheBackOffOver() {
		AtomicInteger rounds = new AtomicInteger();
		List<Duration> pauses = new CopyOnWriteArrayList<>();
		start(new Recording(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10))) {

			@Override
			protected boolean round() {
				// fails, fails, succeeds, fails
				int round = rounds.incrementAndGet();
				if (round == 3) {
					return true;
				}
				throw new IllegalStateException("round " + round);
			}

			@Override
			protected void onFailure(Throwable failure, Duration retryIn) {
				pauses.add(retryIn);
			}

		});
		await().atMost(WAIT).until(() -> this.clock.pendingTasks() == 1);
		this.clock.advanceMillis(100);
		await().atMost(WAIT).until(() -> rounds.get() == 2 && this.clock.pendingTasks() == 1);
		this.clock.advanceMillis(200);
		await().atMost(WAIT).until(() -> rounds.get() == 4 && this.clock.pendingTasks() == 1);
		assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(100));
	}

	@Test
	void anErrorShouldNotEndTheLoop() {
		AtomicInteger rounds = new AtomicInteger();
		start(new Recording(Backoff.fixed(Duration.ofMillis(10))) {

			@Override
			protected boolean round() {
				if (rounds.incrementAndGet() == 1) {
					throw new AssertionError("not an exception");
				}
				return false;
			}

		});
		await().atMost(WAIT).until(() -> this.clock.pendingTasks() == 1);
		this.clock.advanceMillis(10);
		await().atMost(WAIT).until(() -> rounds.get() == 2);
	}

	@Test
	void stopShouldEndAPauseAtOnceWakeTheRoundAndRunOnExitOnTheWorkersThread() throws InterruptedException {
		CountDownLatch paused = new CountDownLatch(1);
		List<String> calls = new CopyOnWriteArrayList<>();
		Recording worker = start(new Recording(Backoff.fixed(Duration.ofMillis(10))) {

			@Override
			protected boolean round() throws InterruptedException {
				paused.countDown();
				return pause(Duration.ofHours(1));
			}

			@Override
			protected void wakeUp(Thread thread) {
				calls.add("wakeUp " + thread.getName());
			}

			@Override
			protected void onExit() {
				calls.add("onExit " + Thread.currentThread().getName());
			}

		});
		assertThat(paused.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(worker.start()).as("started while running").isFalse();
		assertThat(worker.stop(WAIT)).isTrue();
		// wakeUp runs on the stopping thread, onExit on the worker's: a round that sees the stop flag
		// before it pauses may end before wakeUp is done, so the two are in either order
		assertThat(calls).containsExactlyInAnyOrder("wakeUp test-worker", "onExit test-worker");
		assertThat(worker.isRunning()).isFalse();
	}

	@Test
	void aRoundThatSaysItIsDoneShouldEndTheLoop() throws InterruptedException {
		Recording worker = start(new Recording(Backoff.fixed(Duration.ofMillis(10))) {

			@Override
			protected boolean round() {
				return false;
			}

		});
		assertThat(worker.awaitEnd(WAIT)).isTrue();
		assertThat(worker.isRunning()).isFalse();
		assertThat(worker.start()).as("started again").isTrue();
		assertThat(worker.awaitEnd(WAIT)).isTrue();
	}

	@Test
	void anInterruptShouldEndTheLoop() throws InterruptedException {
		CountDownLatch waiting = new CountDownLatch(1);
		AtomicInteger rounds = new AtomicInteger();
		List<Thread> threads = new CopyOnWriteArrayList<>();
		Recording worker = start(new Recording(Backoff.fixed(Duration.ofMillis(10))) {

			@Override
			protected boolean round() throws InterruptedException {
				rounds.incrementAndGet();
				threads.add(Thread.currentThread());
				waiting.countDown();
				new CountDownLatch(1).await();
				return true;
			}

		});
		assertThat(waiting.await(5, TimeUnit.SECONDS)).isTrue();
		threads.get(0).interrupt();
		assertThat(worker.awaitEnd(WAIT)).isTrue();
		assertThat(rounds).hasValue(1);
	}

	@Test
	void aWorkerThatDoesNotEndInTimeShouldBeInterrupted() throws InterruptedException {
		CountDownLatch blocked = new CountDownLatch(1);
		CountDownLatch interrupted = new CountDownLatch(1);
		Recording worker = start(new Recording(Backoff.fixed(Duration.ofMillis(10))) {

			@Override
			protected boolean round() {
				blocked.countDown();
				try {
					new CountDownLatch(1).await();
				}
				catch (InterruptedException ex) {
					interrupted.countDown();
				}
				return true;
			}

		});
		assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(worker.stop(Duration.ofMillis(50))).isFalse();
		assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void theThreadShouldBeADaemonWithTheGivenName() throws InterruptedException {
		List<Thread> threads = new CopyOnWriteArrayList<>();
		Recording worker = start(new Recording(Backoff.fixed(Duration.ofMillis(10))) {

			@Override
			protected boolean round() {
				threads.add(Thread.currentThread());
				return false;
			}

		});
		assertThat(worker.awaitEnd(WAIT)).isTrue();
		assertThat(threads).singleElement().satisfies((thread) -> {
			assertThat(thread.getName()).isEqualTo("test-worker");
			assertThat(thread.isDaemon()).isTrue();
		});
	}

	private <W extends Worker> W start(W worker) {
		this.workers.add(worker);
		assertThat(worker.start()).isTrue();
		return worker;
	}

	private abstract class Recording extends Worker {

		Recording(Backoff backoff) {
			super("test-worker", backoff, Sleeper.of(WorkerTests.this.clock));
		}

	}

}
