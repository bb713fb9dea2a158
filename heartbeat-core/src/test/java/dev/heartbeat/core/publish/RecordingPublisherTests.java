package dev.heartbeat.core.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.publish.RecordingPublisher.Recorded;
import dev.heartbeat.core.publish.contract.AbstractBeatPublisherContractTests;
import dev.heartbeat.core.publish.contract.SimulatedTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RecordingPublisher}, and the publisher contract for it behind a simulated
 * transport (it has none of its own), with what it recorded as the far end.
 */
class RecordingPublisherTests extends AbstractBeatPublisherContractTests<RecordingPublisher> {

	private final SimulatedTransport transport = new SimulatedTransport();

	private final RecordingPublisher publisher = new RecordingPublisher();

	@Override
	protected RecordingPublisher createPublisher() {
		return new RecordingPublisher();
	}

	@Override
	protected BeatPublisher underTest(RecordingPublisher publisher) {
		return this.transport.around(publisher);
	}

	@Override
	protected Transport transport(RecordingPublisher publisher) {
		return this.transport;
	}

	@Override
	protected Optional<List<Arrival>> arrivals(RecordingPublisher publisher) {
		return Optional.of(publisher.recorded()
			.stream()
			.map((beat) -> new Arrival(beat.subject(), beat.process(), beat.payload(), beat.metadata()))
			.toList());
	}

	@Test
	void nameShouldBeRecordingByDefault() {
		assertThat(this.publisher.name()).isEqualTo("recording");
	}

	@Test
	void nameShouldBeTheGivenName() {
		assertThat(new RecordingPublisher("kafka-double").name()).isEqualTo("kafka-double");
	}

	@Test
	void publishShouldRecordEverythingItWasGiven() {
		this.publisher.publish("heartbeat.orders", "orders", "beat/5", METADATA);
		assertThat(this.publisher.recorded())
			.containsExactly(new Recorded("heartbeat.orders", "orders", "beat/5", METADATA));
	}

	@Test
	void recordedShouldBeOldestFirst() {
		this.publisher.publish("heartbeat.orders", "orders", "start/30", METADATA);
		this.publisher.publish("heartbeat.orders", "orders", "beat/5", METADATA);
		this.publisher.publish("heartbeat.orders", "orders", "stop", METADATA);
		assertThat(this.publisher.payloads()).containsExactly("start/30", "beat/5", "stop");
	}

	@Test
	void lastShouldBeTheMostRecentBeat() {
		this.publisher.publish("heartbeat.orders", "orders", "beat/5", METADATA);
		this.publisher.publish("heartbeat.orders", "orders", "degraded/5", METADATA);
		assertThat(this.publisher.last().payload()).isEqualTo("degraded/5");
	}

	@Test
	void lastShouldBeNullBeforeAnyBeat() {
		assertThat(this.publisher.last()).isNull();
	}

	@Test
	void sizeShouldCountTheBeats() {
		this.publisher.publish("heartbeat.orders", "orders", "beat/5", METADATA);
		this.publisher.publish("heartbeat.orders", "orders", "beat/5", METADATA);
		assertThat(this.publisher.size()).isEqualTo(2);
	}

	@Test
	void clearShouldForgetEverything() {
		this.publisher.publish("heartbeat.orders", "orders", "beat/5", METADATA);
		this.publisher.clear();
		assertThat(this.publisher.recorded()).isEmpty();
		assertThat(this.publisher.last()).isNull();
	}

	@Test
	void recordedShouldBeASnapshotThatLaterBeatsDoNotChange() {
		this.publisher.publish("heartbeat.orders", "orders", "beat/5", METADATA);
		List<Recorded> snapshot = this.publisher.recorded();
		this.publisher.publish("heartbeat.orders", "orders", "stop", METADATA);
		assertThat(snapshot).hasSize(1);
	}

	@Test
	void recordedShouldNotBeModifiable() {
		this.publisher.publish("heartbeat.orders", "orders", "beat/5", METADATA);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> this.publisher.recorded().clear());
	}

	@Test
	void recordedBeatShouldParseItsPayload() {
		this.publisher.publish("heartbeat.orders", "orders", "degraded/2.5", METADATA);
		assertThat(this.publisher.last().beat()).isEqualTo(Beat.degraded(Duration.ofMillis(2500)));
	}

	@Test
	void concurrentPublishesShouldAllBeRecordedKeepingEachThreadsOrder() throws Exception {
		int threads = 8;
		int beatsPerThread = 1000;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				String process = "process-" + t;
				futures.add(executor.submit(() -> {
					go.await();
					for (int i = 1; i <= beatsPerThread; i++) {
						this.publisher.publish("heartbeat." + process, process, "beat/" + i, METADATA);
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
		List<Recorded> recorded = this.publisher.recorded();
		assertThat(recorded).hasSize(threads * beatsPerThread);
		for (int t = 0; t < threads; t++) {
			String process = "process-" + t;
			List<String> payloads = recorded.stream()
				.filter((beat) -> beat.process().equals(process))
				.map(Recorded::payload)
				.toList();
			assertThat(payloads).as(process).hasSize(beatsPerThread).isSortedAccordingTo((a, b) -> Integer
				.compare(Integer.parseInt(a.substring(5)), Integer.parseInt(b.substring(5))));
		}
	}

}
