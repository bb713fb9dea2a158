package dev.heartbeat.core.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import dev.heartbeat.core.status.RunStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every {@link BeatPublisher} passes: each implementation's test extends this.
 *
 * @param <P> the publisher type
 */
abstract class BeatPublisherContractTests<P extends BeatPublisher> {

	static final BeatMetadata METADATA = new BeatMetadata("shop", "0123456789ab", 7, RunStatus.RUNNING, "UP",
			Instant.parse("2030-06-01T12:00:00Z"));

	/**
	 * A fresh publisher ready to publish.
	 * @return the publisher
	 */
	protected abstract P createPublisher();

	@Test
	void nameShouldBeNonBlank() {
		assertThat(createPublisher().name()).isNotBlank();
	}

	@Test
	void publishingABeatShouldCompleteNormally() {
		P publisher = createPublisher();
		CompletableFuture<?> outcome = Publishers
			.publish(publisher, "heartbeat.orders", "orders", "beat/5", METADATA)
			.toCompletableFuture();
		assertThat(outcome).succeedsWithin(Duration.ofSeconds(5));
	}

	@Test
	void publishingEveryKindOfBeatShouldCompleteNormally() {
		P publisher = createPublisher();
		for (String payload : List.of("start/30", "beat/5", "degraded/0.5", "stop")) {
			assertThat(Publishers.publish(publisher, "heartbeat.orders", "orders", payload, METADATA)
				.toCompletableFuture()).as(payload).succeedsWithin(Duration.ofSeconds(5));
		}
	}

	@Test
	void publishingFromSeveralThreadsAtOnceShouldCompleteNormally() throws Exception {
		P publisher = createPublisher();
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
				.succeedsWithin(Duration.ofSeconds(5));
		}
		finally {
			executor.shutdownNow();
		}
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

}
