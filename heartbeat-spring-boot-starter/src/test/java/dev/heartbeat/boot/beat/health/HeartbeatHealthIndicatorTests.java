package dev.heartbeat.boot.beat.health;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.heartbeat.boot.beat.autoconfigure.HeartbeatAutoConfiguration;
import dev.heartbeat.boot.beat.autoconfigure.HeartbeatHealthContributorAutoConfiguration;
import dev.heartbeat.boot.test.Ready;
import dev.heartbeat.core.publish.SyncBeatPublisher;
import dev.heartbeat.core.schedule.BeatScheduler;
import dev.heartbeat.core.time.HeartbeatClock;
import dev.heartbeat.core.time.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class HeartbeatHealthIndicatorTests {

	private final ManualClock clock = new ManualClock();

	private final SwitchablePublisher publisher = new SwitchablePublisher();

	// window: 1s × 3 = 3s; the publisher timeout is measured on the manual clock, so it is longer
	// than any jump of the clock here: a beat still in its publisher's thread when the clock jumps
	// must fail with the publisher's error, not time out
	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(HeartbeatAutoConfiguration.class, HeartbeatHealthContributorAutoConfiguration.class))
		.withBean(HeartbeatClock.class, () -> this.clock)
		.withBean(SwitchablePublisher.class, () -> this.publisher)
		.withPropertyValues("heartbeat.period=1s", "heartbeat.report-by-buffer=3", "heartbeat.min-interval=0s",
				"heartbeat.health.timeout=500ms", "heartbeat.publisher-timeout=10s");

	@Test
	void beforeTheApplicationIsReadyTheHeartbeatIsUnknown() {
		this.contextRunner.run((context) -> assertThat(health(context).getStatus()).isEqualTo(Status.UNKNOWN));
	}

	@Test
	void aDeliveredStartMakesItUp() {
		this.contextRunner.run((context) -> {
			Ready.announce(context);
			await().atMost(Duration.ofSeconds(5)).until(() -> this.publisher.sent() >= 1);
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(publisherDetails(health)).containsEntry("failed", 0L).containsKey("lastSuccessAt");
		});
	}

	@Test
	void nothingDeliveredDuringTheFirstWindowIsUnknownThenDown() {
		this.publisher.failing = true;
		this.contextRunner.run((context) -> {
			Ready.announce(context);
			BeatScheduler scheduler = context.getBean(BeatScheduler.class);
			await().atMost(Duration.ofSeconds(5)).until(() -> scheduler.stats().publishers().get(0).failed() >= 1);
			assertThat(health(context).getStatus()).isEqualTo(Status.UNKNOWN);
			this.clock.advance(Duration.ofSeconds(3));
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(publisherDetails(health).get("lastError")).asString().contains("broker gone");
		});
	}

	@Test
	void publishersFailingForAWholeWindowMakeItDown() {
		this.contextRunner.run((context) -> {
			Ready.announce(context);
			this.clock.runDueTasks();
			await().atMost(Duration.ofSeconds(5)).until(() -> this.publisher.sent() >= 2);
			this.publisher.failing = true;
			this.clock.advance(Duration.ofSeconds(2));
			assertThat(health(context).getStatus()).isEqualTo(Status.UP);
			this.clock.advance(Duration.ofMillis(1500));
			assertThat(health(context).getStatus()).isEqualTo(Status.DOWN);
			this.publisher.failing = false;
			this.clock.advance(Duration.ofSeconds(1));
			// the next beat may be one the scheduler retries later on the manual clock: time goes on
			// in small steps, well within the window, until a beat is delivered
			await().atMost(Duration.ofSeconds(5)).until(() -> {
				boolean up = health(context).getStatus().equals(Status.UP);
				if (!up) {
					this.clock.advance(Duration.ofMillis(100));
				}
				return up;
			});
		});
	}

	@Test
	void itCanBeTurnedOff() {
		this.contextRunner.withPropertyValues("management.health.heartbeat.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HeartbeatHealthIndicator.class));
	}

	private static Health health(org.springframework.context.ApplicationContext context) {
		return context.getBean(HeartbeatHealthIndicator.class).health();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> publisherDetails(Health health) {
		return (Map<String, Object>) ((Map<String, Object>) health.getDetails().get("publishers")).get("switchable");
	}

	static final class SwitchablePublisher implements SyncBeatPublisher {

		volatile boolean failing;

		private final java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();

		@Override
		public void publish(String subject, String process, String payload,
				dev.heartbeat.core.publish.BeatMetadata metadata) throws Exception {
			if (this.failing) {
				throw new java.io.IOException("broker gone");
			}
			this.sent.incrementAndGet();
		}

		int sent() {
			return this.sent.get();
		}

		@Override
		public String name() {
			return "switchable";
		}

	}

}
