package dev.heartbeat.boot.beat.metrics;

import java.io.IOException;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.heartbeat.boot.beat.autoconfigure.HeartbeatAutoConfiguration;
import dev.heartbeat.boot.beat.autoconfigure.HeartbeatMetricsAutoConfiguration;
import dev.heartbeat.boot.test.Ready;
import dev.heartbeat.core.publish.RecordingPublisher;
import dev.heartbeat.core.publish.SyncBeatPublisher;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.status.StatusTracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BeatMetricsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HeartbeatAutoConfiguration.class, HeartbeatMetricsAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("heartbeat.period=10s", "heartbeat.health.timeout=1s");

	@Test
	void withoutAMeterRegistryThereAreNoMeters() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HeartbeatAutoConfiguration.class, HeartbeatMetricsAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(BeatMetrics.class));
	}

	@Test
	void deliveredBeatsAreCountedAndTimedPerPublisherAndKind() {
		this.contextRunner.withBean(RecordingPublisher.class, RecordingPublisher::new).run((context) -> {
			Ready.announce(context);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> registry.get("heartbeat.beats.published").tags("kind", "beat").counter().count() >= 1);
			assertThat(registry.get("heartbeat.beats.published")
				.tags("publisher", "recording", "kind", "start")
				.counter()
				.count()).isEqualTo(1);
			assertThat(registry.get("heartbeat.publish.latency").tags("publisher", "recording").timer().count())
				.isGreaterThanOrEqualTo(2);
		});
	}

	@Test
	void failedBeatsAreCountedWithTheirReason() {
		this.contextRunner.withBean(SyncBeatPublisher.class, () -> new SyncBeatPublisher() {

			@Override
			public void publish(String subject, String process, String payload,
					dev.heartbeat.core.publish.BeatMetadata metadata) throws Exception {
				throw new IOException("down");
			}

			@Override
			public String name() {
				return "broken";
			}

		}).run((context) -> {
			Ready.announce(context);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> registry.get("heartbeat.beats.failed")
					.tags("publisher", "broken", "kind", "start", "reason", "error")
					.counter()
					.count() >= 1);
		});
	}

	@Test
	void everyPublishersCountersExistAtZeroBeforeAnyBeat() {
		this.contextRunner.withBean(RecordingPublisher.class, RecordingPublisher::new).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			for (String kind : new String[] { "start", "beat", "degraded", "stop" }) {
				assertThat(registry.get("heartbeat.beats.published").tags("publisher", "recording", "kind", kind)
					.counter()
					.count()).isZero();
				for (String reason : new String[] { "error", "timeout", "dropped" }) {
					assertThat(registry.get("heartbeat.beats.failed")
						.tags("publisher", "recording", "kind", kind, "reason", reason)
						.counter()
						.count()).isZero();
				}
			}
		});
	}

	@Test
	void theRunStatusGaugeIsOneWhilePaused() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("heartbeat.run.status").gauge().value()).isZero();
			context.getBean(StatusTracker.class).apply(RunStatus.PAUSED, "test");
			assertThat(registry.get("heartbeat.run.status").gauge().value()).isEqualTo(1);
		});
	}

	@Test
	void skippedTicksAndSuppressedBeatsHaveCounters() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("heartbeat.ticks.skipped").counter().count()).isZero();
			assertThat(registry.get("heartbeat.beats.suppressed").counter().count()).isZero();
			context.getBean(BeatMetrics.class).onTicksSkipped(2);
			assertThat(registry.get("heartbeat.ticks.skipped").counter().count()).isEqualTo(2);
		});
	}

}
