package dev.heartbeat.core.heart;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.beat.BeatKind;
import dev.heartbeat.core.publish.AsyncBeatPublisher;
import dev.heartbeat.core.publish.BeatMetadata;
import dev.heartbeat.core.publish.RecordingPublisher;
import dev.heartbeat.core.publish.RecordingPublisher.Recorded;
import dev.heartbeat.core.publish.SyncBeatPublisher;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.status.StatusTracker;
import dev.heartbeat.core.time.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link Heart}: what it publishes, the metadata on every beat, and duplicate
 * suppression, with sync, async, throwing and null-returning publishers.
 */
class HeartTests {

	private static final Instant START = Instant.parse("2030-06-01T12:00:00Z");

	private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);

	private static final HeartConfig CONFIG = HeartConfig.custom()
		.process("orders")
		.app("shop")
		.instance("pod-7")
		.build();

	private final ManualClock clock = new ManualClock(START);

	private final StatusTracker statusTracker = new StatusTracker(this.clock);

	private final RecordingPublisher recording = new RecordingPublisher();

	private final Heart heart = new Heart(CONFIG, this.recording, this.statusTracker, this.clock);

	// what is published

	@Test
	void startShouldPublishStartWithItsWarmupOnTheProcessSubject() {
		this.heart.start(Duration.ofSeconds(30));
		assertThat(this.recording.last().subject()).isEqualTo("heartbeat.orders");
		assertThat(this.recording.last().process()).isEqualTo("orders");
		assertThat(this.recording.last().payload()).isEqualTo("start/30");
	}

	@Test
	void beatShouldPublishBeatWithItsPeriod() {
		this.heart.beat(Duration.ofMillis(500));
		assertThat(this.recording.payloads()).containsExactly("beat/0.5");
	}

	@Test
	void degradedShouldPublishDegradedWithItsPeriod() {
		this.heart.degraded(Duration.ofMillis(1250));
		assertThat(this.recording.payloads()).containsExactly("degraded/1.25");
	}

	@Test
	void stopShouldPublishStop() {
		this.heart.stop();
		assertThat(this.recording.payloads()).containsExactly("stop");
	}

	@Test
	void publishedBeatShouldCompleteAsPublished() {
		assertThat(this.heart.beat(FIVE_SECONDS).toCompletableFuture()).isCompletedWithValue(PublishOutcome.PUBLISHED);
	}

	@Test
	void subjectShouldBeHeartbeatDotProcess() {
		assertThat(this.heart.subject()).isEqualTo("heartbeat.orders");
	}

	// metadata

	@Test
	void everyBeatShouldCarryTheAppAndInstance() {
		this.heart.start(FIVE_SECONDS);
		this.heart.beat(FIVE_SECONDS);
		this.heart.stop();
		assertThat(this.recording.recorded()).extracting(Recorded::metadata)
			.allSatisfy((metadata) -> {
				assertThat(metadata.app()).isEqualTo("shop");
				assertThat(metadata.instance()).isEqualTo("pod-7");
			});
	}

	@Test
	void seqShouldStartAtOneAndGrowByOneWithEveryPublishedBeat() {
		this.heart.start(FIVE_SECONDS);
		this.heart.beat(FIVE_SECONDS);
		this.heart.degraded(FIVE_SECONDS);
		this.heart.stop();
		assertThat(this.recording.recorded()).extracting((beat) -> beat.metadata().seq()).containsExactly(1L, 2L, 3L,
				4L);
		assertThat(this.heart.lastSeq()).isEqualTo(4);
	}

	@Test
	void seqShouldKeepGrowingAcrossFailedPublishes() {
		FlakyPublisher publisher = new FlakyPublisher();
		Heart heart = new Heart(CONFIG, publisher, this.statusTracker, this.clock);
		heart.beat(FIVE_SECONDS);
		publisher.failing = true;
		heart.degraded(FIVE_SECONDS);
		heart.degraded(FIVE_SECONDS);
		publisher.failing = false;
		heart.degraded(FIVE_SECONDS);
		assertThat(publisher.attempts).extracting(BeatMetadata::seq).containsExactly(1L, 2L, 3L, 4L);
	}

	@Test
	void seqShouldNotBeUsedUpBySuppressedBeats() {
		this.heart.beat(FIVE_SECONDS);
		this.heart.beat(FIVE_SECONDS);
		this.clock.advance(Duration.ofSeconds(1));
		this.heart.beat(FIVE_SECONDS);
		assertThat(this.recording.recorded()).extracting((beat) -> beat.metadata().seq()).containsExactly(1L, 2L);
	}

	@Test
	void lastSeqShouldBeZeroBeforeTheFirstBeat() {
		assertThat(this.heart.lastSeq()).isZero();
	}

	@Test
	void beatShouldCarryRunningWhileRunning() {
		this.heart.beat(FIVE_SECONDS);
		assertThat(this.recording.last().metadata().status()).isEqualTo(RunStatus.RUNNING);
	}

	@Test
	void beatShouldCarryPausedWhilePaused() {
		this.statusTracker.setStatus(RunStatus.PAUSED);
		this.heart.beat(FIVE_SECONDS);
		assertThat(this.recording.last().metadata().status()).isEqualTo(RunStatus.PAUSED);
	}

	@Test
	void beatShouldCarryTheStatusAtTheTimeItIsSent() {
		this.heart.beat(FIVE_SECONDS);
		this.statusTracker.apply(RunStatus.PAUSED, "control-topic");
		this.heart.degraded(FIVE_SECONDS);
		this.statusTracker.apply(RunStatus.RUNNING, "control-topic");
		this.heart.beat(FIVE_SECONDS);
		assertThat(this.recording.recorded()).extracting((beat) -> beat.metadata().status())
			.containsExactly(RunStatus.RUNNING, RunStatus.PAUSED, RunStatus.RUNNING);
	}

	@Test
	void beatShouldCarryHealthUp() {
		this.heart.beat(FIVE_SECONDS);
		assertThat(this.recording.last().metadata().health()).isEqualTo("UP");
	}

	@Test
	void degradedShouldCarryHealthDegraded() {
		this.heart.degraded(FIVE_SECONDS);
		assertThat(this.recording.last().metadata().health()).isEqualTo("DEGRADED");
	}

	@Test
	void startAndStopShouldCarryHealthUnknown() {
		this.heart.start(FIVE_SECONDS);
		this.heart.stop();
		assertThat(this.recording.recorded()).extracting((beat) -> beat.metadata().health())
			.containsExactly(Heart.UNKNOWN_HEALTH, Heart.UNKNOWN_HEALTH);
	}

	@Test
	void sendShouldCarryTheGivenHealthCode() {
		this.heart.send(BeatKind.DEGRADED, FIVE_SECONDS, "OUT_OF_SERVICE");
		assertThat(this.recording.last().metadata().health()).isEqualTo("OUT_OF_SERVICE");
	}

	@Test
	void beatShouldCarryTheClockWallTimeAsSendTime() {
		this.clock.advance(Duration.ofMillis(1500));
		this.heart.beat(FIVE_SECONDS);
		assertThat(this.recording.last().metadata().sentAt()).isEqualTo(START.plusMillis(1500));
	}

	@Test
	void beatShouldCarryTheCorrectedWallTimeAfterTheClockWasSet() {
		Instant corrected = START.minusSeconds(3600);
		this.clock.setWallTime(corrected);
		this.heart.beat(FIVE_SECONDS);
		assertThat(this.recording.last().metadata().sentAt()).isEqualTo(corrected);
	}

	// duplicate suppression

	@Test
	void aSuppressedOutcomeShouldNotBeChangeableByOneCallerForTheNext() {
		this.heart.beat(FIVE_SECONDS);
		CompletableFuture<PublishOutcome> first = this.heart.beat(FIVE_SECONDS).toCompletableFuture();
		first.complete(PublishOutcome.PUBLISHED);
		first.completeExceptionally(new IllegalStateException("no"));
		first.cancel(true);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> first.obtrudeValue(PublishOutcome.PUBLISHED));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> first.obtrudeException(new IllegalStateException("no")));
		assertThat(this.heart.beat(FIVE_SECONDS).toCompletableFuture()).isCompletedWithValue(PublishOutcome.SUPPRESSED);
		assertThat(this.recording.payloads()).containsExactly("beat/5");
	}

	@Test
	void repeatOfTheSameBeatWithinTheMinIntervalShouldBeSuppressed() {
		this.heart.beat(FIVE_SECONDS);
		this.clock.advance(Duration.ofMillis(500));
		CompletionStage<PublishOutcome> repeat = this.heart.beat(FIVE_SECONDS);
		assertThat(repeat.toCompletableFuture()).isCompletedWithValue(PublishOutcome.SUPPRESSED);
		assertThat(this.recording.payloads()).containsExactly("beat/5");
	}

	@Test
	void repeatOneNanosecondBeforeTheMinIntervalShouldBeSuppressed() {
		this.heart.beat(FIVE_SECONDS);
		this.clock.advance(HeartConfig.DEFAULT_MIN_INTERVAL.minusNanos(1));
		this.heart.beat(FIVE_SECONDS);
		assertThat(this.recording.size()).isOne();
	}

	@Test
	void repeatExactlyAtTheMinIntervalShouldBePublished() {
		this.heart.beat(FIVE_SECONDS);
		this.clock.advance(HeartConfig.DEFAULT_MIN_INTERVAL);
		CompletionStage<PublishOutcome> repeat = this.heart.beat(FIVE_SECONDS);
		assertThat(repeat.toCompletableFuture()).isCompletedWithValue(PublishOutcome.PUBLISHED);
		assertThat(this.recording.payloads()).containsExactly("beat/5", "beat/5");
	}

	@Test
	void configuredMinIntervalShouldSuppressUpToOneMillisecondBeforeIt() {
		Heart heart = heartWithMinInterval(Duration.ofSeconds(10));
		heart.beat(FIVE_SECONDS);
		this.clock.advance(Duration.ofSeconds(10).minusMillis(1));
		heart.beat(FIVE_SECONDS);
		assertThat(this.recording.size()).isOne();
	}

	@Test
	void configuredMinIntervalShouldPublishAtIt() {
		Heart heart = heartWithMinInterval(Duration.ofSeconds(10));
		heart.beat(FIVE_SECONDS);
		this.clock.advance(Duration.ofSeconds(10));
		heart.beat(FIVE_SECONDS);
		assertThat(this.recording.size()).isEqualTo(2);
	}

	@Test
	void zeroMinIntervalShouldSuppressNothing() {
		Heart heart = heartWithMinInterval(Duration.ZERO);
		heart.beat(FIVE_SECONDS);
		heart.beat(FIVE_SECONDS);
		heart.beat(FIVE_SECONDS);
		assertThat(this.recording.size()).isEqualTo(3);
		assertThat(heart.suppressedCount()).isZero();
	}

	@Test
	void repeatOfTheSameDegradedWithinTheMinIntervalShouldBeSuppressed() {
		this.heart.degraded(FIVE_SECONDS);
		this.clock.advance(Duration.ofMillis(999));
		this.heart.degraded(FIVE_SECONDS);
		assertThat(this.recording.payloads()).containsExactly("degraded/5");
	}

	@Test
	void suppressedCountShouldCountSuppressedBeats() {
		this.heart.beat(FIVE_SECONDS);
		this.heart.beat(FIVE_SECONDS);
		this.heart.beat(FIVE_SECONDS);
		assertThat(this.heart.suppressedCount()).isEqualTo(2);
	}

	@Test
	void minIntervalShouldCountFromTheLastPublishedBeatNotFromSuppressedOnes() {
		this.heart.beat(FIVE_SECONDS);
		this.clock.advance(Duration.ofMillis(600));
		this.heart.beat(FIVE_SECONDS);
		this.clock.advance(Duration.ofMillis(400));
		this.heart.beat(FIVE_SECONDS);
		assertThat(this.recording.size()).isEqualTo(2);
	}

	@Test
	void minIntervalShouldBeMeasuredOnMonotonicTimeNotWallTime() {
		this.heart.beat(FIVE_SECONDS);
		this.clock.setWallTime(START.plus(Duration.ofHours(1)));
		this.heart.beat(FIVE_SECONDS);
		assertThat(this.recording.size()).isOne();
	}

	@Test
	void changeFromBeatToDegradedShouldBePublishedAtOnce() {
		this.heart.beat(FIVE_SECONDS);
		this.heart.degraded(FIVE_SECONDS);
		assertThat(this.recording.payloads()).containsExactly("beat/5", "degraded/5");
	}

	@Test
	void changeFromDegradedBackToBeatShouldBePublishedAtOnce() {
		this.heart.beat(FIVE_SECONDS);
		this.heart.degraded(FIVE_SECONDS);
		this.heart.beat(FIVE_SECONDS);
		assertThat(this.recording.payloads()).containsExactly("beat/5", "degraded/5", "beat/5");
	}

	@Test
	void changeOfPeriodShouldBePublishedAtOnce() {
		this.heart.beat(FIVE_SECONDS);
		this.heart.beat(Duration.ofSeconds(10));
		this.heart.beat(FIVE_SECONDS);
		assertThat(this.recording.payloads()).containsExactly("beat/5", "beat/10", "beat/5");
	}

	@Test
	void changeOfPeriodByOneNanosecondShouldBePublishedAtOnce() {
		this.heart.degraded(FIVE_SECONDS);
		this.heart.degraded(FIVE_SECONDS.plusNanos(1));
		assertThat(this.recording.payloads()).containsExactly("degraded/5", "degraded/5.000000001");
	}

	@Test
	void startShouldNeverBeSuppressed() {
		this.heart.start(FIVE_SECONDS);
		this.heart.start(FIVE_SECONDS);
		assertThat(this.recording.payloads()).containsExactly("start/5", "start/5");
	}

	@Test
	void stopShouldNeverBeSuppressed() {
		this.heart.stop();
		this.heart.stop();
		assertThat(this.recording.payloads()).containsExactly("stop", "stop");
	}

	@Test
	void beatRightAfterStartShouldBePublished() {
		this.heart.start(FIVE_SECONDS);
		this.heart.beat(FIVE_SECONDS);
		assertThat(this.recording.payloads()).containsExactly("start/5", "beat/5");
	}

	@Test
	void beatRightAfterStopShouldBePublished() {
		this.heart.beat(FIVE_SECONDS);
		this.heart.stop();
		this.heart.beat(FIVE_SECONDS);
		assertThat(this.recording.payloads()).containsExactly("beat/5", "stop", "beat/5");
	}

	@Test
	void lastDeliveredShouldBeEmptyBeforeTheFirstBeat() {
		assertThat(this.heart.lastDelivered()).isEmpty();
		assertThat(this.heart.timeSinceLastBeat()).isEmpty();
	}

	@Test
	void lastDeliveredShouldDescribeTheLastPublishedBeat() {
		this.clock.advance(Duration.ofSeconds(2));
		this.heart.degraded(FIVE_SECONDS);
		assertThat(this.heart.lastDelivered()).hasValueSatisfying((last) -> {
			assertThat(last.beat()).isEqualTo(Beat.degraded(FIVE_SECONDS));
			assertThat(last.health()).isEqualTo("DEGRADED");
			assertThat(last.seq()).isOne();
			assertThat(last.at()).isEqualTo(START.plusSeconds(2));
		});
	}

	@Test
	void timeSinceLastBeatShouldFollowTheMonotonicClock() {
		this.heart.beat(FIVE_SECONDS);
		this.clock.advance(Duration.ofMillis(2500));
		assertThat(this.heart.timeSinceLastBeat()).hasValue(Duration.ofMillis(2500));
	}

	// failing publishers

	@Test
	void publishThatThrowsShouldCompleteExceptionallyWithThePublishersError() {
		FlakyPublisher publisher = new FlakyPublisher();
		publisher.failing = true;
		Heart heart = new Heart(CONFIG, publisher, this.statusTracker, this.clock);
		CompletableFuture<PublishOutcome> outcome = heart.beat(FIVE_SECONDS).toCompletableFuture();
		assertThat(outcome).failsWithin(Duration.ZERO).withThrowableOfType(Exception.class)
			.havingRootCause().isSameAs(publisher.failure);
	}

	@Test
	void publishThatThrowsShouldNotCountAsPublished() {
		FlakyPublisher publisher = new FlakyPublisher();
		Heart heart = new Heart(CONFIG, publisher, this.statusTracker, this.clock);
		publisher.failing = true;
		heart.beat(FIVE_SECONDS);
		publisher.failing = false;
		heart.beat(FIVE_SECONDS);
		assertThat(publisher.delivered).containsExactly("beat/5");
		assertThat(heart.lastDelivered()).hasValueSatisfying((last) -> assertThat(last.seq()).isEqualTo(2));
	}

	@Test
	void failedRepeatShouldNotMoveTheMinIntervalWindow() {
		FlakyPublisher publisher = new FlakyPublisher();
		Heart heart = new Heart(CONFIG, publisher, this.statusTracker, this.clock);
		heart.beat(FIVE_SECONDS);
		this.clock.advance(Duration.ofSeconds(1));
		publisher.failing = true;
		heart.beat(FIVE_SECONDS);
		publisher.failing = false;
		this.clock.advance(Duration.ofMillis(1));
		heart.beat(FIVE_SECONDS);
		assertThat(publisher.delivered).containsExactly("beat/5", "beat/5");
	}

	@Test
	void publisherReturningNullShouldCompleteExceptionallyAndNotCountAsPublished() {
		AsyncBeatPublisher publisher = (subject, process, payload, metadata) -> null;
		Heart heart = new Heart(CONFIG, publisher, this.statusTracker, this.clock);
		assertThat(heart.beat(FIVE_SECONDS).toCompletableFuture()).isCompletedExceptionally();
		assertThat(heart.lastDelivered()).isEmpty();
		assertThat(heart.beat(FIVE_SECONDS).toCompletableFuture()).isCompletedExceptionally();
		assertThat(heart.suppressedCount()).isZero();
	}

	// asynchronous publishers

	@Test
	void asyncBeatShouldCompleteAsPublishedOnlyWhenThePublisherCompletes() {
		PendingPublisher publisher = new PendingPublisher();
		Heart heart = new Heart(CONFIG, publisher, this.statusTracker, this.clock);
		CompletableFuture<PublishOutcome> outcome = heart.beat(FIVE_SECONDS).toCompletableFuture();
		assertThat(outcome).isNotDone();
		publisher.pending.get(0).complete(null);
		assertThat(outcome).isCompletedWithValue(PublishOutcome.PUBLISHED);
	}

	@Test
	void asyncBeatShouldCountAsPublishedOnceCompleted() {
		PendingPublisher publisher = new PendingPublisher();
		Heart heart = new Heart(CONFIG, publisher, this.statusTracker, this.clock);
		heart.beat(FIVE_SECONDS);
		publisher.pending.get(0).complete(null);
		assertThat(heart.beat(FIVE_SECONDS).toCompletableFuture()).isCompletedWithValue(PublishOutcome.SUPPRESSED);
		assertThat(publisher.payloads).containsExactly("beat/5");
	}

	@Test
	void asyncBeatFailingLaterShouldNotCountAsPublished() {
		PendingPublisher publisher = new PendingPublisher();
		Heart heart = new Heart(CONFIG, publisher, this.statusTracker, this.clock);
		CompletableFuture<PublishOutcome> outcome = heart.beat(FIVE_SECONDS).toCompletableFuture();
		publisher.pending.get(0).completeExceptionally(new IOException("timeout (expected by the test)"));
		heart.beat(FIVE_SECONDS);
		assertThat(outcome).isCompletedExceptionally();
		assertThat(publisher.payloads).containsExactly("beat/5", "beat/5");
	}

	@Test
	void asyncBeatShouldCarryMetadataStampedWhenItWasSent() {
		PendingPublisher publisher = new PendingPublisher();
		Heart heart = new Heart(CONFIG, publisher, this.statusTracker, this.clock);
		heart.beat(FIVE_SECONDS);
		this.clock.advance(Duration.ofSeconds(3));
		this.statusTracker.setStatus(RunStatus.PAUSED);
		publisher.pending.get(0).complete(null);
		assertThat(publisher.metadata.get(0).sentAt()).isEqualTo(START);
		assertThat(publisher.metadata.get(0).status()).isEqualTo(RunStatus.RUNNING);
	}

	@Test
	void earlierBeatCompletingLateShouldNotReplaceALaterDeliveredOne() {
		PendingPublisher publisher = new PendingPublisher();
		Heart heart = new Heart(CONFIG, publisher, this.statusTracker, this.clock);
		heart.beat(FIVE_SECONDS);
		heart.degraded(FIVE_SECONDS);
		publisher.pending.get(1).complete(null);
		publisher.pending.get(0).complete(null);
		assertThat(heart.lastDelivered()).hasValueSatisfying((last) -> {
			assertThat(last.seq()).isEqualTo(2);
			assertThat(last.beat()).isEqualTo(Beat.degraded(FIVE_SECONDS));
		});
	}

	@Test
	void earlierBeatCompletingLateShouldNotSuppressAChangeBackToIt() {
		PendingPublisher publisher = new PendingPublisher();
		Heart heart = new Heart(CONFIG, publisher, this.statusTracker, this.clock);
		heart.beat(FIVE_SECONDS);
		heart.degraded(FIVE_SECONDS);
		publisher.pending.get(1).complete(null);
		publisher.pending.get(0).complete(null);
		heart.beat(FIVE_SECONDS);
		assertThat(publisher.payloads).containsExactly("beat/5", "degraded/5", "beat/5");
	}

	@Test
	void changeBackWhileTheChangeIsStillInFlightShouldBePublishedAtOnce() {
		PendingPublisher publisher = new PendingPublisher();
		Heart heart = new Heart(CONFIG, publisher, this.statusTracker, this.clock);
		heart.beat(FIVE_SECONDS);
		publisher.pending.get(0).complete(null);
		heart.degraded(FIVE_SECONDS);
		CompletionStage<PublishOutcome> recovered = heart.beat(FIVE_SECONDS);
		assertThat(recovered.toCompletableFuture()).isNotDone();
		assertThat(publisher.payloads).containsExactly("beat/5", "degraded/5", "beat/5");
	}

	@Test
	void changeBackAfterTheChangeFailedShouldBePublishedAtOnce() {
		FlakyPublisher publisher = new FlakyPublisher();
		Heart heart = new Heart(CONFIG, publisher, this.statusTracker, this.clock);
		heart.beat(FIVE_SECONDS);
		publisher.failing = true;
		heart.degraded(FIVE_SECONDS);
		publisher.failing = false;
		heart.beat(FIVE_SECONDS);
		assertThat(publisher.delivered).containsExactly("beat/5", "beat/5");
	}

	@Test
	void repeatWhileStopIsStillInFlightShouldBePublishedAtOnce() {
		PendingPublisher publisher = new PendingPublisher();
		Heart heart = new Heart(CONFIG, publisher, this.statusTracker, this.clock);
		heart.beat(FIVE_SECONDS);
		publisher.pending.get(0).complete(null);
		heart.stop();
		heart.beat(FIVE_SECONDS);
		assertThat(publisher.payloads).containsExactly("beat/5", "stop", "beat/5");
	}

	private Heart heartWithMinInterval(Duration minInterval) {
		return new Heart(HeartConfig.from(CONFIG).minInterval(minInterval).build(), this.recording, this.statusTracker,
				this.clock);
	}

	/**
	 * A synchronous publisher that fails while told to, and records every attempt.
	 */
	static final class FlakyPublisher implements SyncBeatPublisher {

		final IOException failure = new IOException("broker down (expected by the test)");

		final List<BeatMetadata> attempts = new CopyOnWriteArrayList<>();

		final List<String> delivered = new CopyOnWriteArrayList<>();

		volatile boolean failing;

		@Override
		public void publish(String subject, String process, String payload, BeatMetadata metadata)
				throws IOException {
			this.attempts.add(metadata);
			if (this.failing) {
				throw this.failure;
			}
			this.delivered.add(payload);
		}

	}

	/**
	 * An asynchronous publisher whose stages the test completes by hand.
	 */
	static final class PendingPublisher implements AsyncBeatPublisher {

		final List<String> payloads = new CopyOnWriteArrayList<>();

		final List<BeatMetadata> metadata = new CopyOnWriteArrayList<>();

		final List<CompletableFuture<Void>> pending = new CopyOnWriteArrayList<>();

		@Override
		public CompletionStage<?> publishAsync(String subject, String process, String payload,
				BeatMetadata metadata) {
			CompletableFuture<Void> stage = new CompletableFuture<>();
			this.payloads.add(payload);
			this.metadata.add(metadata);
			this.pending.add(stage);
			return stage;
		}

	}

}
