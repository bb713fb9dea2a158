package dev.heartbeat.boot.monitor.listener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import dev.heartbeat.core.monitor.MonitorEvent;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.monitor.StateChange;
import dev.heartbeat.core.time.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A listener's digest window, closed by a manual clock.
 */
class DigestWindowTests {

	private static final Duration WINDOW = Duration.ofSeconds(30);

	private final ManualClock clock = new ManualClock();

	private final List<String> singles = new CopyOnWriteArrayList<>();

	private final List<Digest> digests = new CopyOnWriteArrayList<>();

	private final ListenerChannel channel = new ListenerChannel("digesting", EventMatcher.all(), new EventSink() {

		@Override
		public void send(MonitorEvent event, EventValues values, Duration timeout) {
			DigestWindowTests.this.singles.add(((StateChange) event).process());
		}

		@Override
		public void send(Digest digest, Duration timeout) {
			DigestWindowTests.this.digests.add(digest);
		}

	}, new ListenerChannel.Config(Duration.ofSeconds(1), 0, Duration.ZERO, 1000, WINDOW), this.clock);

	DigestWindowTests() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("test-digest-");
		threads.setDaemon(true);
		this.channel.start(threads);
	}

	@AfterEach
	void stop() {
		this.channel.stop(Duration.ofSeconds(1));
	}

	@Test
	void fiftyDeathsWithinTheWindowShouldGoOutAsOneDigestOfFifty() {
		for (int i = 1; i <= 50; i++) {
			offer(dead("worker-" + i));
			this.clock.advance(Duration.ofMillis(500));
		}
		assertThat(this.channel.digesting()).isEqualTo(50);
		assertThat(this.channel.queued()).isZero();
		this.clock.advance(WINDOW.minus(Duration.ofMillis(25_000)));
		await().atMost(Duration.ofSeconds(2)).until(() -> this.channel.stats().delivered() == 50);
		assertThat(this.digests).hasSize(1);
		assertThat(this.digests.get(0).entries()).extracting((entry) -> ((StateChange) entry.event()).process())
			.hasSize(50)
			.startsWith("worker-1", "worker-2")
			.endsWith("worker-50");
		assertThat(this.singles).isEmpty();
	}

	@Test
	void aDeathThatArrivesAloneShouldGoOutAsItIsWhenTheWindowCloses() {
		offer(dead("billing"));
		this.clock.advance(WINDOW.minusMillis(1));
		assertThat(this.channel.digesting()).isEqualTo(1);
		assertThat(this.channel.queued()).isZero();
		assertThat(this.channel.stats().delivered()).isZero();
		this.clock.advance(Duration.ofMillis(1));
		await().atMost(Duration.ofSeconds(2)).until(() -> this.singles.size() == 1);
		assertThat(this.singles).containsExactly("billing");
		assertThat(this.digests).isEmpty();
		assertThat(this.channel.digesting()).isZero();
	}

	@Test
	void anEventAfterTheWindowClosedShouldOpenTheNextOne() {
		offer(dead("first"));
		this.clock.advance(WINDOW);
		offer(dead("second"));
		offer(dead("third"));
		assertThat(this.clock.pendingDelays()).containsExactly(WINDOW);
		this.clock.advance(WINDOW);
		await().atMost(Duration.ofSeconds(2)).until(() -> this.channel.stats().delivered() == 3);
		assertThat(this.singles).containsExactly("first");
		assertThat(this.digests).singleElement()
			.satisfies((digest) -> assertThat(digest.entries()).extracting((entry) -> ((StateChange) entry.event()).process())
				.containsExactly("second", "third"));
	}

	@Test
	void stopShouldDropAndCountWhatTheOpenWindowHolds() {
		offer(dead("a"));
		offer(dead("b"));
		this.channel.stop(Duration.ofSeconds(1));
		assertThat(this.channel.stats().dropped()).isEqualTo(2);
		assertThat(this.clock.pendingTasks()).isZero();
		offer(dead("c"));
		assertThat(this.channel.stats().dropped()).isEqualTo(3);
	}

	private void offer(StateChange change) {
		this.channel.offer(change, EventValues.of(change));
	}

	private static StateChange dead(String process) {
		return TestChanges.change(process, "workers", ProcessState.UP, ProcessState.DEAD);
	}

}
