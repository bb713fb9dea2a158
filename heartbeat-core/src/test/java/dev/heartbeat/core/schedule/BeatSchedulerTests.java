package dev.heartbeat.core.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.heartbeat.core.beat.BeatKind;
import dev.heartbeat.core.heart.PublishOutcome;
import dev.heartbeat.core.heart.HeartConfig;
import dev.heartbeat.core.publish.AsyncBeatPublisher;
import dev.heartbeat.core.publish.BeatMetadata;
import dev.heartbeat.core.publish.RecordingPublisher;
import dev.heartbeat.core.publish.SyncBeatPublisher;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.status.StatusTracker;
import dev.heartbeat.core.time.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class BeatSchedulerTests {

	private static final Duration PERIOD = Duration.ofSeconds(5);

	private static final Duration WARMUP = Duration.ofSeconds(10);

	private static final Duration TIMEOUT = Duration.ofSeconds(1);

	private static final Duration WAIT = Duration.ofSeconds(5);

	private static final Duration GRACE = Duration.ofMillis(500);

	private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));

	private final RecordingPublisher recording = new RecordingPublisher();

	private final List<BeatScheduler> started = new CopyOnWriteArrayList<>();

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void stopAll() {
		this.release.countDown();
		this.started.forEach(this::stopWhileTimePasses);
	}

	/**
	 * Stop on another thread while the manual clock moves on, as time would in production: the
	 * shutdown grace and the publisher timeouts are measured on it.
	 */
	private boolean stopWhileTimePasses(BeatScheduler scheduler) {
		CompletableFuture<Boolean> stopping = CompletableFuture.supplyAsync(scheduler::stop);
		await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> {
			this.clock.advance(Duration.ofMillis(100));
			return stopping.isDone();
		});
		return stopping.join();
	}

	private SchedulerConfig.Builder config() {
		return SchedulerConfig.custom()
			.period(PERIOD)
			.warmup(WARMUP)
			.publisherTimeout(TIMEOUT)
			.shutdownGrace(GRACE);
	}

	private BeatScheduler.Builder builder() {
		return builder(HeartConfig.DEFAULT_MIN_INTERVAL);
	}

	private BeatScheduler.Builder builder(Duration minInterval) {
		return BeatScheduler
			.builder(HeartConfig.custom().process("orders-1").app("orders").instance("i1").minInterval(minInterval).build())
			.config(config().build())
			.clock(this.clock)
			.publisher(this.recording);
	}

	private BeatScheduler start(BeatScheduler scheduler) {
		this.started.add(scheduler);
		assertThat(scheduler.start()).isTrue();
		return scheduler;
	}

	private void awaitPayloads(RecordingPublisher publisher, String... payloads) {
		await().atMost(WAIT).untilAsserted(() -> assertThat(publisher.payloads()).containsExactly(payloads));
	}

	private void awaitTicks(BeatScheduler scheduler, long ticks) {
		await().atMost(WAIT).until(() -> scheduler.stats().ticks() == ticks);
	}

	@Test
	void startShouldPublishStartThenBeatFromTheFirstTickAfterWarmup() {
		BeatScheduler scheduler = start(builder().build());
		awaitPayloads(this.recording, "start/10");
		this.clock.advance(WARMUP.minusNanos(1));
		assertThat(scheduler.stats().ticks()).isZero();
		this.clock.advance(Duration.ofNanos(1));
		awaitPayloads(this.recording, "start/10", "beat/5");
		assertThat(this.recording.last().metadata().sentAt()).isEqualTo(Instant.parse("2026-03-01T10:00:10Z"));
	}

	@Test
	void ticksShouldStayAlignedToTheScheduleWithoutDrift() {
		AtomicInteger decisions = new AtomicInteger();
		List<Long> tickTimes = new CopyOnWriteArrayList<>();
		BeatScheduler scheduler = start(builder().config(config().initialDelay(Duration.ZERO).build())
			.beatSource(() -> {
				tickTimes.add(this.clock.monotonicTime());
				decisions.incrementAndGet();
				return TickDecision.up();
			})
			.build());
		long origin = this.clock.monotonicTime();
		this.clock.runDueTasks();
		awaitTicks(scheduler, 1);
		for (int i = 1; i <= 5; i++) {
			// advance in uneven steps that each end exactly on the next tick
			this.clock.advance(PERIOD.minusMillis(1234));
			this.clock.advance(Duration.ofMillis(1234));
			awaitTicks(scheduler, i + 1);
		}
		assertThat(tickTimes).hasSize(6);
		for (int i = 0; i < tickTimes.size(); i++) {
			assertThat(tickTimes.get(i) - origin).isEqualTo(i * PERIOD.toNanos());
		}
		assertThat(scheduler.stats().skippedTicks()).isZero();
	}

	@Test
	void aTickThatOverrunsShouldMakeTheLoopSkipTicksInsteadOfBurstingAndCountThem() throws Exception {
		CountDownLatch inFirstTick = new CountDownLatch(1);
		AtomicInteger calls = new AtomicInteger();
		BeatScheduler scheduler = start(builder().config(config().initialDelay(Duration.ZERO).build()).beatSource(() -> {
			if (calls.incrementAndGet() == 1) {
				inFirstTick.countDown();
				awaitQuietly(this.release);
			}
			return TickDecision.up();
		}).build());
		this.clock.runDueTasks();
		assertThat(inFirstTick.await(5, TimeUnit.SECONDS)).isTrue();
		this.clock.advance(PERIOD.multipliedBy(3));
		assertThat(scheduler.stats().skippedTicks()).isEqualTo(3);
		this.release.countDown();
		awaitTicks(scheduler, 1);
		this.clock.advance(PERIOD);
		awaitTicks(scheduler, 2);
		assertThat(calls).hasValue(2);
	}

	@Test
	void aSilentDecisionShouldPublishNothingAndCountTheSilentTick() {
		BeatScheduler scheduler = start(builder().beatSource(() -> TickDecision.silent("DOWN")).build());
		awaitPayloads(this.recording, "start/10");
		assertThat(scheduler.tickSync()).isEqualTo(PublishOutcome.SILENT);
		assertThat(this.recording.payloads()).containsExactly("start/10");
		assertThat(scheduler.stats().silentTicks()).isEqualTo(1);
	}

	@Test
	void aBeatSourceThatThrowsShouldSendDegradedAndCountTheFailure() {
		AtomicReference<Throwable> reported = new AtomicReference<>();
		BeatScheduler scheduler = start(builder().beatSource(() -> {
			throw new IllegalStateException("health exploded");
		}).listener(new SchedulerListener() {
			@Override
			public void onBeatSourceFailed(Throwable error) {
				reported.set(error);
			}
		}).build());
		assertThat(scheduler.tickSync()).isEqualTo(PublishOutcome.PUBLISHED);
		assertThat(this.recording.last().payload()).isEqualTo("degraded/5");
		assertThat(this.recording.last().metadata().health()).isEqualTo("UNKNOWN");
		assertThat(scheduler.stats().sourceFailures()).isEqualTo(1);
		assertThat(reported.get()).hasMessage("health exploded");
	}

	@Test
	void theHealthOfTheDecisionShouldTravelWithTheBeat() {
		BeatScheduler scheduler = start(builder().beatSource(() -> TickDecision.degraded("OUT_OF_SERVICE")).build());
		scheduler.tickSync();
		assertThat(this.recording.last().payload()).isEqualTo("degraded/5");
		assertThat(this.recording.last().metadata().health()).isEqualTo("OUT_OF_SERVICE");
	}

	@Test
	void beatsWhilePausedShouldCarryPaused() {
		StatusTracker tracker = new StatusTracker(this.clock);
		BeatScheduler scheduler = start(builder().statusTracker(tracker).build());
		tracker.setStatus(RunStatus.PAUSED);
		scheduler.tickSync();
		assertThat(this.recording.last().payload()).isEqualTo("beat/5");
		assertThat(this.recording.last().metadata().status()).isEqualTo(RunStatus.PAUSED);
	}

	@Test
	void aFailingPublisherShouldNotStopTheOthersAndShouldBeCounted() {
		SyncBeatPublisher failing = namedSync("failing", (subject, process, payload, metadata) -> {
			throw new IllegalStateException("broker on fire");
		});
		BeatScheduler scheduler = start(builder().publisher(failing).build());
		assertThat(scheduler.tickSync()).isEqualTo(PublishOutcome.PUBLISHED);
		awaitPayloads(this.recording, "start/10", "beat/5");
		await().atMost(WAIT).untilAsserted(() -> {
			PublisherStats stats = stats(scheduler, "failing");
			assertThat(stats.failed()).isEqualTo(2);
			assertThat(stats.lastError()).isEqualTo("IllegalStateException: broker on fire");
			assertThat(stats.lastErrorAt()).isNotNull();
		});
		assertThat(stats(scheduler, "recording").sent()).isEqualTo(2);
	}

	@Test
	void anAsyncPublisherThatNeverCompletesShouldTimeOutWithoutDelayingTheOthers() {
		AtomicInteger calls = new AtomicInteger();
		AsyncBeatPublisher hanging = new AsyncBeatPublisher() {
			@Override
			public CompletionStage<?> publishAsync(String subject, String process, String payload,
					BeatMetadata metadata) {
				calls.incrementAndGet();
				return new CompletableFuture<>();
			}

			@Override
			public String name() {
				return "hanging";
			}
		};
		List<String> timeouts = new CopyOnWriteArrayList<>();
		BeatScheduler scheduler = start(builder().publisher(hanging).listener(new SchedulerListener() {
			@Override
			public void onPublishTimedOut(String publisher, BeatKind kind, Duration timeout) {
				timeouts.add(publisher + ":" + kind + ":" + timeout);
			}
		}).build());
		awaitPayloads(this.recording, "start/10");
		await().atMost(WAIT).until(() -> calls.get() == 1);
		this.clock.advance(TIMEOUT.minusNanos(1));
		assertThat(stats(scheduler, "hanging").timedOut()).isZero();
		this.clock.advance(Duration.ofNanos(1));
		assertThat(stats(scheduler, "hanging").timedOut()).isEqualTo(1);
		assertThat(timeouts).containsExactly("hanging:START:PT1S");
		// the hung publisher is free again for the next beat, and the other publisher never waited
		this.clock.advance(WARMUP.minus(TIMEOUT));
		awaitPayloads(this.recording, "start/10", "beat/5");
		await().atMost(WAIT).until(() -> calls.get() == 2);
	}

	@Test
	void aSyncPublisherThatHangsShouldHoldOneThreadAndHaveNewerBeatsReplaceTheWaitingOne() throws Exception {
		CountDownLatch entered = new CountDownLatch(1);
		AtomicInteger calls = new AtomicInteger();
		SyncBeatPublisher stuck = namedSync("stuck", (subject, process, payload, metadata) -> {
			calls.incrementAndGet();
			entered.countDown();
			// ignores interrupts, like a badly written client
			while (true) {
				try {
					if (this.release.await(10, TimeUnit.SECONDS)) {
						return;
					}
				}
				catch (InterruptedException ex) {
					// keep hanging
				}
			}
		});
		BeatScheduler scheduler = start(builder(Duration.ZERO).publisher(stuck).build());
		assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
		awaitPayloads(this.recording, "start/10");
		this.clock.advance(TIMEOUT);
		assertThat(stats(scheduler, "stuck").timedOut()).isEqualTo(1);
		for (int i = 0; i < 3; i++) {
			assertThat(scheduler.tickSync()).isEqualTo(PublishOutcome.PUBLISHED);
		}
		assertThat(this.recording.payloads()).containsExactly("start/10", "beat/5", "beat/5", "beat/5");
		PublisherStats stuckStats = stats(scheduler, "stuck");
		assertThat(stuckStats.dropped()).isEqualTo(2);
		assertThat(stuckStats.busy()).isTrue();
		assertThat(calls).hasValue(1);
		this.release.countDown();
		// once the call returns, the newest waiting beat goes out
		await().atMost(WAIT).until(() -> calls.get() == 2);
	}

	@Test
	void theWatchdogShouldReportAStalledLoopWithinTwoPeriodsAndItsRecovery() throws Exception {
		CountDownLatch hanging = new CountDownLatch(1);
		AtomicInteger calls = new AtomicInteger();
		List<String> events = new CopyOnWriteArrayList<>();
		BeatScheduler scheduler = start(builder().config(config().initialDelay(Duration.ZERO).build()).beatSource(() -> {
			if (calls.incrementAndGet() == 2) {
				hanging.countDown();
				awaitQuietly(this.release);
			}
			return TickDecision.up();
		}).listener(new SchedulerListener() {
			@Override
			public void onWatchdogStalled(Duration sinceLastTick) {
				events.add("stalled " + sinceLastTick);
			}

			@Override
			public void onWatchdogRecovered(Duration stalledFor) {
				events.add("recovered");
			}
		}).build());
		this.clock.runDueTasks();
		awaitTicks(scheduler, 1);
		this.clock.advance(PERIOD);
		assertThat(hanging.await(5, TimeUnit.SECONDS)).isTrue();
		this.clock.advance(PERIOD);
		assertThat(scheduler.stats().watchdog()).isEqualTo(WatchdogState.OK);
		this.clock.advance(PERIOD);
		assertThat(scheduler.stats().watchdog()).isEqualTo(WatchdogState.STALLED);
		assertThat(events).containsExactly("stalled PT15S");
		this.release.countDown();
		await().atMost(WAIT).until(() -> scheduler.stats().watchdog() == WatchdogState.OK);
		assertThat(events).containsExactly("stalled PT15S", "recovered");
	}

	@Test
	void stopShouldPublishStopOnceAfterTheBeatsAndReleaseEveryThread() {
		List<Thread> threads = new CopyOnWriteArrayList<>();
		BeatScheduler scheduler = start(builder().threadFactory((task) -> {
			Thread thread = new Thread(task, "test-heartbeat-" + threads.size());
			threads.add(thread);
			return thread;
		}).build());
		awaitPayloads(this.recording, "start/10");
		this.clock.advance(WARMUP);
		awaitTicks(scheduler, 1);
		assertThat(threads).hasSize(2).allMatch(Thread::isAlive);
		assertThat(scheduler.stop()).isTrue();
		assertThat(this.recording.payloads()).containsExactly("start/10", "beat/5", "stop");
		assertThat(scheduler.isRunning()).isFalse();
		assertThat(scheduler.stats().watchdog()).isEqualTo(WatchdogState.IDLE);
		await().atMost(WAIT).until(() -> threads.stream().noneMatch(Thread::isAlive));
		assertThat(scheduler.stop()).isFalse();
		assertThat(this.recording.payloads()).containsOnlyOnce("stop");
	}

	@Test
	void aDoubleStartShouldNotPublishASecondStart() {
		BeatScheduler scheduler = start(builder().build());
		assertThat(scheduler.start()).isFalse();
		awaitPayloads(this.recording, "start/10");
	}

	@Test
	void startAfterStopShouldBeatAgainWithGrowingSequenceNumbers() {
		BeatScheduler scheduler = start(builder().build());
		scheduler.tickSync();
		scheduler.stop();
		assertThat(scheduler.start()).isTrue();
		scheduler.tickSync();
		assertThat(this.recording.payloads()).containsExactly("start/10", "beat/5", "stop", "start/10", "beat/5");
		assertThat(this.recording.recorded()).extracting((beat) -> beat.metadata().seq())
			.containsExactly(1L, 2L, 3L, 4L, 5L);
	}

	@Test
	void stopShouldGiveUpAfterTheGraceWhenNoPublisherDeliversIt() {
		BeatScheduler scheduler = startNeverDelivering();
		CompletableFuture<Boolean> stopping = CompletableFuture.supplyAsync(() -> stopWhileTimePasses(scheduler));
		assertThat(stopping).succeedsWithin(Duration.ofSeconds(3)).isEqualTo(false);
	}

	@Test
	void stopShouldMeasureTheGraceOnTheSchedulersClock() {
		BeatScheduler scheduler = startNeverDelivering();
		CompletableFuture<Boolean> stopping = CompletableFuture.supplyAsync(scheduler::stop);
		await().atMost(WAIT).until(() -> !scheduler.isRunning());
		// real time well past the grace: the scheduler's clock has not moved, so stop still waits
		await().during(GRACE.plusMillis(300)).atMost(GRACE.multipliedBy(4)).until(() -> !stopping.isDone());
		this.clock.advance(GRACE.minusNanos(1));
		await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> !stopping.isDone());
		this.clock.advance(Duration.ofNanos(1));
		assertThat(stopping).succeedsWithin(WAIT).isEqualTo(false);
	}

	@Test
	void tickShouldFailWhenNotStarted() {
		BeatScheduler scheduler = builder().build();
		assertThatIllegalStateException().isThrownBy(scheduler::tickSync).withMessageContaining("orders-1");
	}

	@Test
	void manualTicksShouldOnlyBeatWhenTheCallerTicks() {
		BeatScheduler scheduler = start(builder().manualTicks().build());
		this.clock.advance(WARMUP.plus(PERIOD.multipliedBy(3)));
		assertThat(scheduler.stats().ticks()).isZero();
		assertThat(scheduler.tick().toCompletableFuture().join()).isEqualTo(PublishOutcome.PUBLISHED);
		assertThat(scheduler.stats().ticks()).isEqualTo(1);
		assertThat(scheduler.stats().nextBeatDue()).isNull();
	}

	@Test
	void aRepeatedTickWithinTheMinimumIntervalShouldBeSuppressedAndCounted() {
		BeatScheduler scheduler = start(builder().build());
		assertThat(scheduler.tickSync()).isEqualTo(PublishOutcome.PUBLISHED);
		assertThat(scheduler.tickSync()).isEqualTo(PublishOutcome.SUPPRESSED);
		assertThat(scheduler.stats().suppressedBeats()).isEqualTo(1);
	}

	@Test
	void everyScheduledTickShouldBeatEvenWithAPeriodShorterThanTheMinimumInterval() {
		Duration period = Duration.ofMillis(300);
		BeatScheduler scheduler = start(builder(Duration.ofSeconds(1))
			.config(config().period(period).initialDelay(Duration.ZERO).build())
			.build());
		awaitPayloads(this.recording, "start/10");
		this.clock.runDueTasks();
		awaitTicks(scheduler, 1);
		for (int tick = 2; tick <= 5; tick++) {
			this.clock.advance(period);
			awaitTicks(scheduler, tick);
		}
		awaitPayloads(this.recording, "start/10", "beat/0.3", "beat/0.3", "beat/0.3", "beat/0.3", "beat/0.3");
		assertThat(scheduler.stats().suppressedBeats()).isZero();
		// a tick of its own within half a period of the last beat is still a repeat
		assertThat(scheduler.tickSync()).isEqualTo(PublishOutcome.SUPPRESSED);
		assertThat(scheduler.heart().config().minInterval()).isEqualTo(period.dividedBy(2));
	}

	@Test
	void statsShouldTellTheLastBeatAndWhenTheNextIsDue() {
		BeatScheduler scheduler = start(builder().build());
		awaitPayloads(this.recording, "start/10");
		this.clock.advance(WARMUP);
		awaitTicks(scheduler, 1);
		this.clock.advance(Duration.ofSeconds(2));
		SchedulerStats stats = scheduler.stats();
		assertThat(stats.running()).isTrue();
		assertThat(stats.lastBeat().beat().encode()).isEqualTo("beat/5");
		assertThat(stats.lastBeat().at()).isEqualTo(Instant.parse("2026-03-01T10:00:10Z"));
		assertThat(stats.nextBeatDue()).isEqualTo(Instant.parse("2026-03-01T10:00:15Z"));
		assertThat(stats.lastTickAt()).isEqualTo(Instant.parse("2026-03-01T10:00:10Z"));
		assertThat(scheduler.timeSinceLastBeat()).contains(Duration.ofSeconds(2));
	}

	@Test
	void buildShouldRequireAPublisher() {
		assertThatIllegalStateException()
			.isThrownBy(() -> BeatScheduler.builder(HeartConfig.ofDefaults("orders-1")).build())
			.withMessageContaining("At least one publisher");
	}

	@Test
	void buildShouldRejectTwoPublishersWithTheSameName() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> builder().publisher(new RecordingPublisher()).build())
			.withMessageContaining("'recording'");
	}

	@Test
	void configShouldRejectAZeroPeriodNamingTheField() {
		assertThatIllegalArgumentException().isThrownBy(() -> SchedulerConfig.custom().period(Duration.ZERO))
			.withMessage("period must be at least 1ms, was PT0S");
	}

	private BeatScheduler startNeverDelivering() {
		BeatScheduler scheduler = BeatScheduler.builder(HeartConfig.ofDefaults("orders-1"))
			.config(config().build())
			.clock(this.clock)
			.publisher(namedAsync("never", (s, p, payload, m) -> new CompletableFuture<>()))
			.build();
		this.started.add(scheduler);
		scheduler.start();
		return scheduler;
	}

	private static PublisherStats stats(BeatScheduler scheduler, String name) {
		return scheduler.stats().publishers().stream().filter((s) -> s.name().equals(name)).findFirst().orElseThrow();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static SyncBeatPublisher namedSync(String name, SyncBeatPublisher publisher) {
		return new SyncBeatPublisher() {
			@Override
			public void publish(String subject, String process, String payload, BeatMetadata metadata) throws Exception {
				publisher.publish(subject, process, payload, metadata);
			}

			@Override
			public String name() {
				return name;
			}
		};
	}

	private static AsyncBeatPublisher namedAsync(String name, AsyncBeatPublisher publisher) {
		return new AsyncBeatPublisher() {
			@Override
			public CompletionStage<?> publishAsync(String subject, String process, String payload,
					BeatMetadata metadata) {
				return publisher.publishAsync(subject, process, payload, metadata);
			}

			@Override
			public String name() {
				return name;
			}
		};
	}

}
