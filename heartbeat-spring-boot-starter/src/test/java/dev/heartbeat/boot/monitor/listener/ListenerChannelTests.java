package dev.heartbeat.boot.monitor.listener;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.monitor.StateChange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ListenerChannelTests {

	private final List<ListenerChannel> channels = new CopyOnWriteArrayList<>();

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void stopChannels() {
		this.release.countDown();
		this.channels.forEach((channel) -> channel.stop(Duration.ofSeconds(1)));
	}

	@Test
	void eventShouldBeDeliveredOnce() {
		List<String> received = new CopyOnWriteArrayList<>();
		ListenerChannel channel = start(channel("ok", (change, values, timeout) -> received.add(change.eventName()), 3));
		offer(channel, TestChanges.dead());
		await().atMost(Duration.ofSeconds(2)).until(() -> channel.stats().delivered() == 1);
		assertThat(received).containsExactly("heartbeat.billing.dead");
		assertThat(channel.stats().errors()).isZero();
	}

	@Test
	void failingAttemptsShouldBeRetriedWithBackoffAndCounted() {
		AtomicInteger attempts = new AtomicInteger();
		ListenerChannel channel = start(channel("flaky", (change, values, timeout) -> {
			if (attempts.incrementAndGet() <= 2) {
				throw new IOException("boom " + attempts.get());
			}
		}, 3));
		offer(channel, TestChanges.dead());
		await().atMost(Duration.ofSeconds(2)).until(() -> channel.stats().delivered() == 1);
		assertThat(attempts).hasValue(3);
		assertThat(channel.stats().errors()).isEqualTo(2);
		assertThat(channel.stats().failed()).isZero();
	}

	@Test
	void eventShouldBeGivenUpAfterTheLastRetry() {
		AtomicInteger attempts = new AtomicInteger();
		ListenerChannel channel = start(channel("broken", (change, values, timeout) -> {
			attempts.incrementAndGet();
			throw new IOException("always");
		}, 2));
		offer(channel, TestChanges.dead());
		await().atMost(Duration.ofSeconds(2)).until(() -> channel.stats().failed() == 1);
		assertThat(attempts).hasValue(3);
		assertThat(channel.stats().errors()).isEqualTo(3);
		assertThat(channel.stats().delivered()).isZero();
	}

	@Test
	void hangingAttemptShouldTimeOutAndBeRetriedABoundedNumberOfTimes() {
		AtomicInteger attempts = new AtomicInteger();
		ListenerChannel channel = start(new ListenerChannel("hanging", EventMatcher.all(), (change, values, timeout) -> {
			attempts.incrementAndGet();
			this.release.await();
		}, new ListenerChannel.Config(Duration.ofMillis(100), 2, Duration.ofMillis(10), 10)));
		long start = System.nanoTime();
		offer(channel, TestChanges.dead());
		await().atMost(Duration.ofSeconds(2)).until(() -> channel.stats().failed() == 1);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
		assertThat(attempts).hasValue(3);
		assertThat(channel.stats().timeouts()).isEqualTo(3);
	}

	@Test
	void fullQueueShouldDropTheOldestEvents() {
		List<String> received = new CopyOnWriteArrayList<>();
		ListenerChannel channel = new ListenerChannel("small", EventMatcher.all(),
				(event, values, timeout) -> received.add(values.process()),
				new ListenerChannel.Config(Duration.ofSeconds(1), 0, Duration.ZERO, 2));
		this.channels.add(channel);
		for (int i = 1; i <= 5; i++) {
			offer(channel, TestChanges.change("p" + i, "", ProcessState.UP, ProcessState.DEAD));
		}
		assertThat(channel.stats().dropped()).isEqualTo(3);
		start(channel);
		await().atMost(Duration.ofSeconds(2)).until(() -> channel.stats().delivered() == 2);
		assertThat(received).containsExactly("p4", "p5");
	}

	@Test
	void eventsShouldBeDeliveredInOrder() {
		List<String> received = new CopyOnWriteArrayList<>();
		ListenerChannel channel = start(channel("order", (event, values, timeout) -> received.add(values.process()), 0));
		for (int i = 0; i < 100; i++) {
			offer(channel, TestChanges.change("p" + i, "", ProcessState.UP, ProcessState.DEAD));
		}
		await().atMost(Duration.ofSeconds(2)).until(() -> channel.stats().delivered() == 100);
		assertThat(received).hasSize(100).first().isEqualTo("p0");
		assertThat(received).last().isEqualTo("p99");
	}

	@Test
	void stopShouldDropWhatIsStillQueued() throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		ListenerChannel channel = start(new ListenerChannel("slow", EventMatcher.all(), (change, values, timeout) -> {
			started.countDown();
			this.release.await();
		}, new ListenerChannel.Config(Duration.ofSeconds(30), 0, Duration.ZERO, 10)));
		offer(channel, TestChanges.dead());
		offer(channel, TestChanges.dead());
		assertThat(started.await(2, TimeUnit.SECONDS)).isTrue();
		channel.stop(Duration.ofSeconds(1));
		assertThat(channel.stats().dropped()).isEqualTo(2);
	}

	private ListenerChannel channel(String name, EventSink sink, int retries) {
		return new ListenerChannel(name, EventMatcher.all(), sink,
				new ListenerChannel.Config(Duration.ofSeconds(1), retries, Duration.ofMillis(10), 100));
	}

	private ListenerChannel start(ListenerChannel channel) {
		this.channels.add(channel);
		CustomizableThreadFactory threads = new CustomizableThreadFactory("test-" + channel.name() + "-");
		threads.setDaemon(true);
		channel.start(threads);
		return channel;
	}

	private static void offer(ListenerChannel channel, StateChange change) {
		channel.offer(change, EventValues.of(change));
	}

}
