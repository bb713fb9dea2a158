package dev.heartbeat.core.publish.contract;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.heartbeat.core.heart.HeartConfig;
import dev.heartbeat.core.heart.PublishOutcome;
import dev.heartbeat.core.publish.BeatMetadata;
import dev.heartbeat.core.publish.BeatPublisher;
import dev.heartbeat.core.publish.Publishers;
import dev.heartbeat.core.schedule.BeatScheduler;
import dev.heartbeat.core.schedule.PublisherStats;
import dev.heartbeat.core.schedule.SchedulerConfig;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.time.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The contract every {@link BeatPublisher} passes, synchronous or asynchronous. It publishes
 * every kind of beat, from several threads at once, and through a scheduler its beats are
 * counted as sent. When its transport fails, the beat fails (the publisher throws or its stage
 * completes exceptionally) and the scheduler counts it as failed. When its transport hangs, the
 * scheduler times the beat out and counts it without its loop waiting, and a call hung on the
 * transport ends once its thread is interrupted. Once the transport works again, so do beats.
 * <p>
 * A publisher's test extends this class and gives the publisher and a {@link Transport} that
 * makes its transport fail, hang and work again: for a Kafka publisher on an embedded broker, a
 * proxy in front of the broker that refuses connections or accepts them and never answers; for
 * an HTTP publisher, a loopback server that answers 503 or never answers. A publisher without a
 * transport of its own (the log and recording publishers) goes through a
 * {@link SimulatedTransport}. A test that can see the far end of the transport (the topic, the
 * server) also gives {@link #arrivals}: the contract then checks that every beat delivered
 * arrived there as it was sent.
 * <p>
 * The scheduler runs on a {@link ManualClock}: timeouts happen when the contract advances it,
 * never by waiting. What the transport does takes real time, at most {@link #patience()}.
 *
 * @param <P> the publisher type
 */
public abstract class AbstractBeatPublisherContractTests<P extends BeatPublisher> {

	/**
	 * Metadata for the beats the contract publishes. Sent at the time the scheduler's clock
	 * starts at, in the past as a real send time is once the beat arrives: a Kafka broker refuses
	 * a record whose timestamp is more than an hour ahead of its own clock
	 * ({@code message.timestamp.after.max.ms}).
	 */
	protected static final BeatMetadata METADATA = new BeatMetadata("shop", "0123456789ab", 7, RunStatus.RUNNING,
			"UP", Instant.parse("2026-01-01T00:00:00Z"));

	private static final Duration PERIOD = Duration.ofSeconds(5);

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	/**
	 * How long a hung transport must keep a beat from completing (real time).
	 */
	private static final Duration HANG_CHECK = Duration.ofMillis(300);

	private final ManualClock clock = new ManualClock(METADATA.sentAt());

	private final List<P> publishers = new ArrayList<>();

	private final List<BeatScheduler> schedulers = new ArrayList<>();

	/**
	 * A new publisher, its transport working. Called at most once per test.
	 * @return the publisher
	 * @throws Exception if it cannot be created
	 */
	protected abstract P createPublisher() throws Exception;

	/**
	 * What makes the given publisher's transport fail, hang and work again.
	 * @param publisher a publisher from {@link #createPublisher()}
	 * @return its transport
	 */
	protected abstract Transport transport(P publisher);

	/**
	 * The publisher to publish through: the given one unless its transport is simulated, as with
	 * {@link SimulatedTransport#around}.
	 * @param publisher a publisher from {@link #createPublisher()}
	 * @return the publisher to publish through
	 */
	protected BeatPublisher underTest(P publisher) {
		return publisher;
	}

	/**
	 * Release a publisher after its test; closes it if it is {@link AutoCloseable}.
	 * @param publisher a publisher from {@link #createPublisher()}
	 * @throws Exception if it cannot be closed
	 */
	protected void closePublisher(P publisher) throws Exception {
		if (publisher instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

	/**
	 * The beats that arrived at the far end of the given publisher's transport so far, oldest
	 * first: for a Kafka publisher the records on its topic, for an HTTP publisher the requests its
	 * server answered with success. A beat that failed or hung need not be there. By default the
	 * far end is not looked at.
	 * @param publisher a publisher from {@link #createPublisher()}
	 * @return what arrived, or empty if the far end cannot be seen
	 * @throws Exception if the far end cannot be read
	 */
	protected Optional<List<Arrival>> arrivals(P publisher) throws Exception {
		return Optional.empty();
	}

	/**
	 * How long the transport may take (real time) to deliver a beat, to fail one, or to end a
	 * call whose thread was interrupted.
	 * @return the patience; five seconds unless overridden
	 */
	protected Duration patience() {
		return Duration.ofSeconds(5);
	}

	@AfterEach
	void releaseEverything() throws Exception {
		for (P publisher : this.publishers) {
			transport(publisher).restore();
		}
		for (BeatScheduler scheduler : this.schedulers) {
			stopWhileTimePasses(scheduler);
		}
		for (P publisher : this.publishers) {
			closePublisher(publisher);
		}
	}

	@Test
	void nameShouldBeNonBlank() throws Exception {
		assertThat(publisher().name()).isNotBlank();
	}

	@Test
	void publishingABeatShouldCompleteNormally() throws Exception {
		P publisher = publisher();
		assertThat(publish(underTest(publisher), "beat/5")).succeedsWithin(patience());
		assertArrived(publisher, (arrived) -> assertThat(arrived).containsExactly(arrival("orders", "beat/5")));
	}

	@Test
	void publishingEveryKindOfBeatShouldCompleteNormally() throws Exception {
		P publisher = publisher();
		BeatPublisher publishing = underTest(publisher);
		List<String> payloads = List.of("start/30", "beat/5", "degraded/0.5", "stop");
		for (String payload : payloads) {
			assertThat(publish(publishing, payload)).as(payload).succeedsWithin(patience());
		}
		assertArrived(publisher, (arrived) -> assertThat(arrived)
			.containsExactlyElementsOf(payloads.stream().map((payload) -> arrival("orders", payload)).toList()));
	}

	@Test
	void publishingFromSeveralThreadsAtOnceShouldCompleteNormally() throws Exception {
		P target = publisher();
		BeatPublisher publisher = underTest(target);
		int threads = 4;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<CompletableFuture<?>> outcomes = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				String process = "process-" + t;
				outcomes.add(CompletableFuture.supplyAsync(() -> {
					awaitQuietly(go);
					return Publishers.publish(publisher, "heartbeat." + process, process, "beat/5", METADATA);
				}, executor).thenCompose((stage) -> stage));
			}
			go.countDown();
			assertThat(CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)))
				.succeedsWithin(patience());
		}
		finally {
			executor.shutdownNow();
		}
		List<Arrival> expected = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			expected.add(arrival("process-" + t, "beat/5"));
		}
		assertArrived(target, (arrived) -> assertThat(arrived).containsExactlyInAnyOrderElementsOf(expected));
	}

	@Test
	void beatsThroughASchedulerShouldBeCountedAsSentAndStopShouldBeDelivered() throws Exception {
		P publisher = publisher();
		BeatScheduler scheduler = start(underTest(publisher));
		assertThat(scheduler.tick()).succeedsWithin(patience()).isEqualTo(PublishOutcome.PUBLISHED);
		// start went out before the tick's beat: one beat in flight at a time
		PublisherStats stats = statsOf(scheduler);
		assertThat(stats.sent()).isEqualTo(2);
		assertThat(stats.failed() + stats.timedOut() + stats.dropped()).isZero();
		assertThat(stats.lastSuccessAt()).isEqualTo(this.clock.instant());
		assertThat(CompletableFuture.supplyAsync(scheduler::stop)).succeedsWithin(patience()).isEqualTo(true);
		assertArrived(publisher, (arrived) -> {
			assertThat(arrived).extracting(Arrival::payload).containsExactly("start/5", "beat/5", "stop");
			assertThat(arrived).allSatisfy((beat) -> {
				assertThat(beat.subject()).isEqualTo("heartbeat.orders");
				assertThat(beat.process()).isEqualTo("orders");
				assertThat(beat.metadata().app()).isEqualTo("shop");
				assertThat(beat.metadata().instance()).isEqualTo("0123456789ab");
				assertThat(beat.metadata().sentAt()).isEqualTo(this.clock.instant());
			});
			assertThat(arrived).extracting((beat) -> beat.metadata().seq()).containsExactly(1L, 2L, 3L);
		});
	}

	@Test
	void aFailingTransportShouldFailThePublishInsteadOfReportingSuccess() throws Exception {
		P publisher = publisher();
		transport(publisher).fail();
		assertThat(publish(underTest(publisher), "beat/5")).failsWithin(patience())
			.withThrowableOfType(ExecutionException.class);
	}

	@Test
	void aFailingTransportShouldFailTheScheduledBeatsAndHaveThemCountedAsFailed() throws Exception {
		P publisher = publisher();
		transport(publisher).fail();
		BeatScheduler scheduler = start(underTest(publisher));
		assertThat(scheduler.tick()).succeedsWithin(patience()).isEqualTo(PublishOutcome.FAILED);
		PublisherStats stats = statsOf(scheduler);
		assertThat(stats.failed()).as("start and beat failed").isEqualTo(2);
		// the clock never moved, so no timeout fired: the publisher reported the failure itself
		assertThat(stats.sent() + stats.timedOut() + stats.dropped()).isZero();
		assertThat(stats.lastError()).isNotBlank();
		assertThat(stats.lastErrorAt()).isEqualTo(this.clock.instant());
	}

	@Test
	void aHangingTransportShouldHaveTheBeatTimedOutAndCountedWithoutHoldingUpTheLoop() throws Exception {
		P publisher = publisher();
		transport(publisher).hang();
		BeatScheduler scheduler = start(underTest(publisher));
		CompletableFuture<PublishOutcome> tick = scheduler.tick().toCompletableFuture();
		// the hung start beat holds the publisher, and the tick's beat waits for it; the loop does not
		await().atMost(patience()).until(() -> scheduler.stats().ticks() == 1);
		assertThat(tick).failsWithin(HANG_CHECK).withThrowableOfType(TimeoutException.class);
		PublisherStats hung = statsOf(scheduler);
		assertThat(hung.busy()).isTrue();
		assertThat(hung.sent() + hung.failed() + hung.timedOut()).isZero();
		this.clock.advance(TIMEOUT);
		PublisherStats stats = statsOf(scheduler);
		assertThat(stats.timedOut()).isEqualTo(1);
		assertThat(stats.sent() + stats.failed()).isZero();
		assertThat(stats.lastErrorAt()).isEqualTo(this.clock.instant());
	}

	@Test
	void aCallHungOnTheTransportShouldEndOnceItsThreadIsInterrupted() throws Exception {
		P publisher = publisher();
		transport(publisher).hang();
		BeatPublisher hanging = underTest(publisher);
		CompletableFuture<CompletionStage<?>> call = new CompletableFuture<>();
		Thread caller = new Thread(
				() -> call.complete(Publishers.publish(hanging, "heartbeat.orders", "orders", "beat/5", METADATA)),
				"contract-caller");
		caller.setDaemon(true);
		caller.start();
		// a synchronous publisher blocks on the transport, an asynchronous one may return its stage at once
		assertThat(call.thenCompose((stage) -> stage)).failsWithin(HANG_CHECK)
			.withThrowableOfType(TimeoutException.class);
		caller.interrupt();
		assertThat(call).succeedsWithin(patience());
		CompletableFuture<?> outcome = call.join().toCompletableFuture();
		assertThat(outcome.isDone() && !outcome.isCompletedExceptionally()).as("delivered despite the hang").isFalse();
	}

	@Test
	void beatsShouldBeDeliveredAgainOnceTheTransportWorksAgain() throws Exception {
		P publisher = publisher();
		transport(publisher).fail();
		BeatScheduler scheduler = start(underTest(publisher));
		assertThat(scheduler.tick()).succeedsWithin(patience()).isEqualTo(PublishOutcome.FAILED);
		transport(publisher).restore();
		await().atMost(patience())
			.until(() -> scheduler.tick().toCompletableFuture().join() == PublishOutcome.PUBLISHED);
		assertThat(statsOf(scheduler).sent()).isPositive();
	}

	private P publisher() throws Exception {
		P publisher = createPublisher();
		this.publishers.add(publisher);
		return publisher;
	}

	/**
	 * Check what arrived at the far end, if the test can see it, waiting at most the patience
	 * for it to get there.
	 */
	private void assertArrived(P publisher, Consumer<List<Arrival>> assertion) throws Exception {
		if (arrivals(publisher).isPresent()) {
			await().atMost(patience())
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(50))
				.untilAsserted(() -> assertion.accept(arrivals(publisher).orElseThrow()));
		}
	}

	private static Arrival arrival(String process, String payload) {
		return new Arrival("heartbeat." + process, process, payload, METADATA);
	}

	private static CompletableFuture<?> publish(BeatPublisher publisher, String payload) {
		return Publishers.publish(publisher, "heartbeat.orders", "orders", payload, METADATA).toCompletableFuture();
	}

	private BeatScheduler start(BeatPublisher publisher) {
		BeatScheduler scheduler = BeatScheduler
			.builder(HeartConfig.custom()
				.process("orders")
				.app("shop")
				.instance("0123456789ab")
				.minInterval(Duration.ZERO)
				.build())
			.config(SchedulerConfig.custom()
				.period(PERIOD)
				.warmup(PERIOD)
				.publisherTimeout(TIMEOUT)
				.shutdownGrace(TIMEOUT)
				.build())
			.clock(this.clock)
			.publisher(publisher)
			.manualTicks()
			.build();
		this.schedulers.add(scheduler);
		scheduler.start();
		return scheduler;
	}

	private static PublisherStats statsOf(BeatScheduler scheduler) {
		return scheduler.stats().publishers().get(0);
	}

	/**
	 * Stop on another thread while the manual clock moves on: the shutdown grace and the
	 * publisher timeout are measured on it.
	 */
	private void stopWhileTimePasses(BeatScheduler scheduler) {
		CompletableFuture<Boolean> stopping = CompletableFuture.supplyAsync(scheduler::stop);
		await().atMost(patience().plus(TIMEOUT)).pollInterval(Duration.ofMillis(10)).until(() -> {
			this.clock.advance(Duration.ofMillis(100));
			return stopping.isDone();
		});
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A beat as it arrived at the far end of a publisher's transport.
	 *
	 * @param subject the subject
	 * @param process the process id
	 * @param payload the payload
	 * @param metadata the metadata
	 */
	public record Arrival(String subject, String process, String payload, BeatMetadata metadata) {

	}

	/**
	 * What makes a publisher's transport fail, hang and work again. Each call affects every beat
	 * from then on.
	 */
	public interface Transport {

		/**
		 * Make every beat fail from now on, within {@link #patience()}: the publisher throws or
		 * its stage completes exceptionally.
		 * @throws Exception if the transport cannot be made to fail
		 */
		void fail() throws Exception;

		/**
		 * Make every beat hang from now on: neither delivered nor failed for longer than a test
		 * lasts. A call that blocks on the transport must end when its thread is interrupted.
		 * @throws Exception if the transport cannot be made to hang
		 */
		void hang() throws Exception;

		/**
		 * Make beats work again; called after every test, also when nothing was broken.
		 * @throws Exception if the transport cannot be restored
		 */
		void restore() throws Exception;

	}

}
