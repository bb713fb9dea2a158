package dev.heartbeat.core.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.heartbeat.core.time.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link StatusTracker}.
 */
class StatusTrackerTests {

	private static final Instant START = Instant.parse("2030-06-01T12:00:00Z");

	private final ManualClock clock = new ManualClock(START);

	private final StatusTracker tracker = new StatusTracker(this.clock);

	private final List<StatusChange> changes = new CopyOnWriteArrayList<>();

	@Test
	void trackerShouldStartRunningByDefault() {
		assertThat(this.tracker.status()).isEqualTo(RunStatus.RUNNING);
		assertThat(this.tracker.isPaused()).isFalse();
	}

	@Test
	void trackerShouldStartWithTheGivenStatus() {
		StatusTracker paused = new StatusTracker(RunStatus.PAUSED, this.clock);
		assertThat(paused.status()).isEqualTo(RunStatus.PAUSED);
		assertThat(paused.isPaused()).isTrue();
	}

	@Test
	void setStatusShouldChangeTheStatusAndSaySo() {
		assertThat(this.tracker.setStatus(RunStatus.PAUSED)).isTrue();
		assertThat(this.tracker.status()).isEqualTo(RunStatus.PAUSED);
		assertThat(this.tracker.isPaused()).isTrue();
	}

	@Test
	void setStatusShouldTellListenersTheChangeFromLocalAtTheClockTime() {
		this.tracker.addListener(this.changes::add);
		this.clock.advance(Duration.ofSeconds(7));
		this.tracker.setStatus(RunStatus.PAUSED);
		assertThat(this.changes).containsExactly(
				new StatusChange(RunStatus.RUNNING, RunStatus.PAUSED, StatusTracker.LOCAL, START.plusSeconds(7)));
	}

	@Test
	void applyShouldTellListenersTheChangeWithItsSource() {
		this.tracker.addListener(this.changes::add);
		this.tracker.apply(RunStatus.PAUSED, "control-topic");
		assertThat(this.changes).containsExactly(
				new StatusChange(RunStatus.RUNNING, RunStatus.PAUSED, "control-topic", START));
	}

	@Test
	void applyShouldChangeTheStatusAndSaySo() {
		assertThat(this.tracker.apply(RunStatus.PAUSED, "http-feedback")).isTrue();
		assertThat(this.tracker.status()).isEqualTo(RunStatus.PAUSED);
	}

	@Test
	void feedbackEqualToTheCurrentStatusShouldChangeNothingAndFireNothing() {
		this.tracker.addListener(this.changes::add);
		assertThat(this.tracker.apply(RunStatus.RUNNING, "control-topic")).isFalse();
		assertThat(this.tracker.status()).isEqualTo(RunStatus.RUNNING);
		assertThat(this.changes).isEmpty();
	}

	@Test
	void repeatedFeedbackShouldFireOnlyForTheFirstChange() {
		this.tracker.addListener(this.changes::add);
		this.tracker.apply(RunStatus.PAUSED, "control-topic");
		this.tracker.apply(RunStatus.PAUSED, "control-topic");
		this.tracker.apply(RunStatus.PAUSED, "http-feedback");
		assertThat(this.changes).hasSize(1);
	}

	@Test
	void setStatusToTheCurrentStatusShouldSayNothingChanged() {
		this.tracker.addListener(this.changes::add);
		assertThat(this.tracker.setStatus(RunStatus.RUNNING)).isFalse();
		assertThat(this.changes).isEmpty();
	}

	@Test
	void everyListenerShouldBeToldInTheOrderTheyWereAdded() {
		List<String> told = new ArrayList<>();
		this.tracker.addListener((change) -> told.add("first"));
		this.tracker.addListener((change) -> told.add("second"));
		this.tracker.setStatus(RunStatus.PAUSED);
		assertThat(told).containsExactly("first", "second");
	}

	@Test
	void listenerShouldSeeTheNewStatusInTheTracker() {
		List<RunStatus> seen = new ArrayList<>();
		this.tracker.addListener((change) -> seen.add(this.tracker.status()));
		this.tracker.setStatus(RunStatus.PAUSED);
		assertThat(seen).containsExactly(RunStatus.PAUSED);
	}

	@Test
	void listenerThatThrowsShouldNotKeepOtherListenersFromBeingTold() {
		this.tracker.addListener((change) -> {
			throw new IllegalStateException("listener failure (expected by the test)");
		});
		this.tracker.addListener(this.changes::add);
		assertThat(this.tracker.setStatus(RunStatus.PAUSED)).isTrue();
		assertThat(this.changes).extracting(StatusChange::to).containsExactly(RunStatus.PAUSED);
	}

	@Test
	void listenerThatThrowsShouldNotUndoTheChange() {
		this.tracker.addListener((change) -> {
			throw new IllegalStateException("listener failure (expected by the test)");
		});
		this.tracker.setStatus(RunStatus.PAUSED);
		assertThat(this.tracker.status()).isEqualTo(RunStatus.PAUSED);
	}

	@Test
	void listenerThatThrowsAnErrorShouldNotBreakTheTracker() {
		this.tracker.addListener((change) -> {
			throw new AssertionError("listener failure (expected by the test)");
		});
		this.tracker.addListener(this.changes::add);
		this.tracker.setStatus(RunStatus.PAUSED);
		this.tracker.setStatus(RunStatus.RUNNING);
		assertThat(this.changes).extracting(StatusChange::to).containsExactly(RunStatus.PAUSED, RunStatus.RUNNING);
	}

	@Test
	void listenerThatThrowsShouldStillBeToldOfLaterChanges() {
		List<RunStatus> toldToThrower = new ArrayList<>();
		this.tracker.addListener((change) -> {
			toldToThrower.add(change.to());
			throw new IllegalStateException("listener failure (expected by the test)");
		});
		this.tracker.setStatus(RunStatus.PAUSED);
		this.tracker.setStatus(RunStatus.RUNNING);
		assertThat(toldToThrower).containsExactly(RunStatus.PAUSED, RunStatus.RUNNING);
	}

	@Test
	void changesShouldBeDeliveredInTheOrderTheyHappened() {
		this.tracker.addListener(this.changes::add);
		this.tracker.setStatus(RunStatus.PAUSED);
		this.clock.advance(Duration.ofSeconds(1));
		this.tracker.apply(RunStatus.RUNNING, "control-topic");
		this.clock.advance(Duration.ofSeconds(1));
		this.tracker.apply(RunStatus.PAUSED, "http-feedback");
		assertThat(this.changes).containsExactly(
				new StatusChange(RunStatus.RUNNING, RunStatus.PAUSED, StatusTracker.LOCAL, START),
				new StatusChange(RunStatus.PAUSED, RunStatus.RUNNING, "control-topic", START.plusSeconds(1)),
				new StatusChange(RunStatus.RUNNING, RunStatus.PAUSED, "http-feedback", START.plusSeconds(2)));
	}

	@Test
	void concurrentChangesShouldReachListenersAsOneUnbrokenChain() throws Exception {
		this.tracker.addListener(this.changes::add);
		int threads = 8;
		int changesPerThread = 500;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				RunStatus target = (t % 2 == 0) ? RunStatus.PAUSED : RunStatus.RUNNING;
				futures.add(executor.submit(() -> {
					go.await();
					for (int i = 0; i < changesPerThread; i++) {
						this.tracker.apply(target, "thread");
						this.tracker.apply((target == RunStatus.PAUSED) ? RunStatus.RUNNING : RunStatus.PAUSED,
								"thread");
					}
					return null;
				}));
			}
			go.countDown();
			for (Future<?> future : futures) {
				future.get(10, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(this.changes).isNotEmpty();
		assertThat(this.changes.get(0).from()).isEqualTo(RunStatus.RUNNING);
		for (int i = 1; i < this.changes.size(); i++) {
			assertThat(this.changes.get(i).from()).as("change %d starts where change %d ended", i, i - 1)
				.isEqualTo(this.changes.get(i - 1).to());
		}
		assertThat(this.changes.get(this.changes.size() - 1).to()).isEqualTo(this.tracker.status());
	}

	@Test
	void listenerWaitingForAnotherThreadThatChangesTheStatusShouldNotDeadlock() throws Exception {
		// e.g. a listener that hands the change to a worker and waits for it, and the worker
		// resumes the process: the worker's change must not wait for the listener to return
		ExecutorService worker = Executors.newSingleThreadExecutor();
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		try {
			this.tracker.addListener((change) -> {
				this.changes.add(change);
				if (change.to() == RunStatus.PAUSED) {
					Future<Boolean> resumed = worker.submit(() -> this.tracker.apply(RunStatus.RUNNING, "worker"));
					try {
						assertThat(resumed.get(5, TimeUnit.SECONDS)).isTrue();
					}
					catch (Exception ex) {
						// the tracker would swallow a throw: keep it for the test
						failures.add(ex);
					}
				}
			});
			assertThat(this.tracker.setStatus(RunStatus.PAUSED)).isTrue();
		}
		finally {
			worker.shutdownNow();
		}
		assertThat(failures).as("the other thread's change waited for this listener").isEmpty();
		// the worker's change was delivered after the one that caused it, by the delivering thread
		assertThat(this.changes).extracting(StatusChange::from, StatusChange::to, StatusChange::source)
			.containsExactly(tuple(RunStatus.RUNNING, RunStatus.PAUSED, StatusTracker.LOCAL),
					tuple(RunStatus.PAUSED, RunStatus.RUNNING, "worker"));
		assertThat(this.tracker.status()).isEqualTo(RunStatus.RUNNING);
	}

	@Test
	void changeMadeByAListenerShouldReachEveryListenerAfterTheChangeThatCausedIt() {
		this.tracker.addListener((change) -> {
			if (change.to() == RunStatus.PAUSED) {
				this.tracker.apply(RunStatus.RUNNING, "auto-resume");
			}
		});
		this.tracker.addListener(this.changes::add);
		this.tracker.setStatus(RunStatus.PAUSED);
		assertThat(this.changes).extracting(StatusChange::from, StatusChange::to)
			.containsExactly(tuple(RunStatus.RUNNING, RunStatus.PAUSED), tuple(RunStatus.PAUSED, RunStatus.RUNNING));
		assertThat(this.tracker.status()).isEqualTo(RunStatus.RUNNING);
	}

	@Test
	void removedListenerShouldNotBeToldAnyMore() {
		StatusListener listener = this.changes::add;
		this.tracker.addListener(listener);
		this.tracker.setStatus(RunStatus.PAUSED);
		this.tracker.removeListener(listener);
		this.tracker.setStatus(RunStatus.RUNNING);
		assertThat(this.changes).extracting(StatusChange::to).containsExactly(RunStatus.PAUSED);
	}

	@Test
	void applyShouldRejectAMissingStatus() {
		assertThatNullPointerException().isThrownBy(() -> this.tracker.apply(null, "control-topic"))
			.withMessage("feedback");
	}

	@Test
	void applyShouldRejectAMissingSourceWithoutChangingTheStatus() {
		this.tracker.addListener(this.changes::add);
		assertThatNullPointerException().isThrownBy(() -> this.tracker.apply(RunStatus.PAUSED, null))
			.withMessage("source");
		assertThat(this.tracker.status()).isEqualTo(RunStatus.RUNNING);
		assertThat(this.changes).isEmpty();
	}

	@Test
	void addListenerShouldRejectAMissingListener() {
		assertThatNullPointerException().isThrownBy(() -> this.tracker.addListener(null)).withMessage("listener");
	}

}
