package dev.heartbeat.core.publish;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.heartbeat.core.status.RunStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Publishers}: synchronous and asynchronous publishers are accepted alike and
 * publishing never throws.
 */
class PublishersTests {

	private static final BeatMetadata METADATA = new BeatMetadata("shop", "0123456789ab", 1, RunStatus.RUNNING,
			"UP", Instant.parse("2030-06-01T12:00:00Z"));

	@Test
	void publishShouldRunASyncPublisherOnTheCallingThread() {
		AtomicReference<Thread> thread = new AtomicReference<>();
		SyncBeatPublisher publisher = (subject, process, payload, metadata) -> thread.set(Thread.currentThread());
		Publishers.publish(publisher, "heartbeat.orders", "orders", "beat/5", METADATA);
		assertThat(thread).hasValue(Thread.currentThread());
	}

	@Test
	void publishShouldPassEverythingToASyncPublisher() {
		RecordingPublisher publisher = new RecordingPublisher();
		Publishers.publish(publisher, "heartbeat.orders", "orders", "beat/5", METADATA);
		assertThat(publisher.recorded())
			.containsExactly(new RecordingPublisher.Recorded("heartbeat.orders", "orders", "beat/5", METADATA));
	}

	@Test
	void publishThroughASyncPublisherShouldReturnACompletedStage() {
		CompletionStage<?> stage = Publishers.publish(new RecordingPublisher(), "heartbeat.orders", "orders",
				"beat/5", METADATA);
		assertThat(stage.toCompletableFuture()).isCompleted().isNotCompletedExceptionally();
	}

	@Test
	void publishThroughAnAsyncPublisherShouldReturnItsOwnStage() {
		CompletableFuture<Void> own = new CompletableFuture<>();
		AsyncBeatPublisher publisher = (subject, process, payload, metadata) -> own;
		assertThat(Publishers.publish(publisher, "heartbeat.orders", "orders", "beat/5", METADATA)).isSameAs(own);
	}

	@Test
	void publishShouldPassEverythingToAnAsyncPublisher() {
		List<String> received = new ArrayList<>();
		AsyncBeatPublisher publisher = (subject, process, payload, metadata) -> {
			received.add(subject + " " + process + " " + payload + " " + metadata.seq());
			return CompletableFuture.completedFuture(null);
		};
		Publishers.publish(publisher, "heartbeat.orders", "orders", "beat/5", METADATA);
		assertThat(received).containsExactly("heartbeat.orders orders beat/5 1");
	}

	@Test
	void syncPublisherThatThrowsShouldYieldAFailedStageInsteadOfThrowing() {
		IOException failure = new IOException("broker down (expected by the test)");
		SyncBeatPublisher publisher = (subject, process, payload, metadata) -> {
			throw failure;
		};
		CompletionStage<?> stage = Publishers.publish(publisher, "heartbeat.orders", "orders", "beat/5", METADATA);
		assertThat(stage.toCompletableFuture()).failsWithin(Duration.ZERO).withThrowableOfType(Exception.class)
			.havingCause().isSameAs(failure);
	}

	@Test
	void syncPublisherThatThrowsAnErrorShouldYieldAFailedStageInsteadOfThrowing() {
		SyncBeatPublisher publisher = (subject, process, payload, metadata) -> {
			throw new StackOverflowError("expected by the test");
		};
		CompletionStage<?> stage = Publishers.publish(publisher, "heartbeat.orders", "orders", "beat/5", METADATA);
		assertThat(stage.toCompletableFuture()).failsWithin(Duration.ZERO).withThrowableOfType(Exception.class)
			.havingCause().isInstanceOf(StackOverflowError.class);
	}

	@Test
	void asyncPublisherThatThrowsShouldYieldAFailedStageInsteadOfThrowing() {
		IllegalStateException failure = new IllegalStateException("closed (expected by the test)");
		AsyncBeatPublisher publisher = (subject, process, payload, metadata) -> {
			throw failure;
		};
		CompletionStage<?> stage = Publishers.publish(publisher, "heartbeat.orders", "orders", "beat/5", METADATA);
		assertThat(stage.toCompletableFuture()).failsWithin(Duration.ZERO).withThrowableOfType(Exception.class)
			.havingCause().isSameAs(failure);
	}

	@Test
	void asyncPublisherReturningNullShouldYieldAFailedStageNamingThePublisher() {
		CompletionStage<?> stage = Publishers.publish(new NullReturningPublisher(), "heartbeat.orders", "orders",
				"beat/5", METADATA);
		assertThat(stage.toCompletableFuture()).failsWithin(Duration.ZERO).withThrowableOfType(Exception.class)
			.havingCause().isInstanceOf(IllegalStateException.class)
			.withMessage("Publisher 'NullReturningPublisher' returned no CompletionStage");
	}

	@Test
	void asyncPublisherFailingLaterShouldYieldAStageFailingLater() {
		CompletableFuture<Void> own = new CompletableFuture<>();
		AsyncBeatPublisher publisher = (subject, process, payload, metadata) -> own;
		CompletableFuture<?> stage = Publishers
			.publish(publisher, "heartbeat.orders", "orders", "beat/5", METADATA)
			.toCompletableFuture();
		assertThat(stage).isNotDone();
		own.completeExceptionally(new IOException("timeout (expected by the test)"));
		assertThat(stage).isCompletedExceptionally();
	}

	@Test
	void publishShouldYieldAFailedStageForAMissingPublisherInsteadOfThrowing() {
		CompletionStage<?> stage = Publishers.publish(null, "heartbeat.orders", "orders", "beat/5", METADATA);
		assertThat(stage.toCompletableFuture()).isCompletedExceptionally();
	}

	@Test
	void asAsyncShouldReturnAnAsyncPublisherItself() {
		AsyncBeatPublisher publisher = (subject, process, payload, metadata) -> CompletableFuture.completedFuture(null);
		assertThat(Publishers.asAsync(publisher)).isSameAs(publisher);
	}

	@Test
	void asAsyncOfASyncPublisherShouldPublishThroughIt() {
		RecordingPublisher publisher = new RecordingPublisher();
		CompletionStage<?> stage = Publishers.asAsync(publisher)
			.publishAsync("heartbeat.orders", "orders", "beat/5", METADATA);
		assertThat(stage.toCompletableFuture()).isCompleted().isNotCompletedExceptionally();
		assertThat(publisher.payloads()).containsExactly("beat/5");
	}

	@Test
	void asAsyncOfASyncPublisherShouldKeepItsName() {
		assertThat(Publishers.asAsync(new RecordingPublisher("kafka")).name()).isEqualTo("kafka");
	}

	@Test
	void asAsyncOfAThrowingSyncPublisherShouldYieldAFailedStageInsteadOfThrowing() {
		SyncBeatPublisher publisher = (subject, process, payload, metadata) -> {
			throw new IOException("broker down (expected by the test)");
		};
		CompletionStage<?> stage = Publishers.asAsync(publisher)
			.publishAsync("heartbeat.orders", "orders", "beat/5", METADATA);
		assertThat(stage.toCompletableFuture()).isCompletedExceptionally();
	}

	@Test
	void defaultNameShouldBeTheSimpleClassName() {
		assertThat(new NullReturningPublisher().name()).isEqualTo("NullReturningPublisher");
	}

	static final class NullReturningPublisher implements AsyncBeatPublisher {

		@Override
		public CompletionStage<?> publishAsync(String subject, String process, String payload,
				BeatMetadata metadata) {
			return null;
		}

	}

}
