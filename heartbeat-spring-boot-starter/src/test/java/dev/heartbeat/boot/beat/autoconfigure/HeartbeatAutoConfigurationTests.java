package dev.heartbeat.boot.beat.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.heartbeat.boot.beat.health.HealthBeatSource;
import dev.heartbeat.boot.beat.http.HttpBeatPublisher;
import dev.heartbeat.boot.beat.lifecycle.HeartbeatLifecycle;
import dev.heartbeat.boot.test.Ready;
import dev.heartbeat.core.heart.HeartConfig;
import dev.heartbeat.core.publish.LogPublisher;
import dev.heartbeat.core.publish.RecordingPublisher;
import dev.heartbeat.core.schedule.TickDecision;
import dev.heartbeat.core.schedule.BeatScheduler;
import dev.heartbeat.core.schedule.BeatSource;
import dev.heartbeat.core.schedule.PublisherStats;
import dev.heartbeat.core.schedule.SchedulerConfig;
import dev.heartbeat.core.status.StatusTracker;
import dev.heartbeat.core.time.HeartbeatClock;
import dev.heartbeat.core.time.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class HeartbeatAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HeartbeatAutoConfiguration.class,
				HeartbeatHttpAutoConfiguration.class, HeartbeatHealthAutoConfiguration.class));

	@Test
	void withNothingElseConfiguredBeatsGoToTheLog() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(BeatScheduler.class).hasSingleBean(LogPublisher.class);
			assertThat(publisherNames(context.getBean(BeatScheduler.class))).containsExactly("log");
		});
	}

	@Test
	void disabledHeartbeatCreatesNoBean() {
		this.contextRunner.withPropertyValues("heartbeat.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BeatScheduler.class)
				.doesNotHaveBean(StatusTracker.class)
				.doesNotHaveBean(HeartbeatProperties.class));
	}

	@Test
	void aUserPublisherIsPickedUpAndReplacesTheDefaultLog() {
		this.contextRunner.withUserConfiguration(RecordingConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean(LogPublisher.class);
			assertThat(publisherNames(context.getBean(BeatScheduler.class))).containsExactly("recording");
		});
	}

	@Test
	void logEnabledExplicitlyJoinsOtherPublishers() {
		this.contextRunner.withUserConfiguration(RecordingConfiguration.class)
			.withPropertyValues("heartbeat.log.enabled=true")
			.run((context) -> assertThat(publisherNames(context.getBean(BeatScheduler.class)))
				.containsExactlyInAnyOrder("recording", "log"));
	}

	@Test
	void logDisabledWithoutAnyOtherPublisherFailsStartup() {
		this.contextRunner.withPropertyValues("heartbeat.log.enabled=false").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("No heartbeat publisher")
				.hasMessageContaining("heartbeat.enabled=false");
		});
	}

	@Test
	void httpPublisherExistsOnlyWhenAUrlIsSet() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(HttpBeatPublisher.class));
		this.contextRunner.withPropertyValues("heartbeat.http.url=http://127.0.0.1:9/beats").run((context) -> {
			assertThat(context).hasSingleBean(HttpBeatPublisher.class).doesNotHaveBean(LogPublisher.class);
			assertThat(publisherNames(context.getBean(BeatScheduler.class))).containsExactly("http");
		});
	}

	@Test
	void userBeansReplaceTheDefaults() {
		this.contextRunner.withUserConfiguration(UserBeansConfiguration.class).run((context) -> {
			assertThat(context.getBean(HeartbeatClock.class)).isSameAs(UserBeansConfiguration.CLOCK);
			assertThat(context.getBean(StatusTracker.class)).isSameAs(UserBeansConfiguration.TRACKER);
			assertThat(context).getBean(BeatSource.class).isSameAs(UserBeansConfiguration.SOURCE);
			assertThat(context).doesNotHaveBean(HealthBeatSource.class);
		});
	}

	@Test
	void withoutSpringBootHealthEveryTickBeats() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthContributorRegistry.class))
			.run((context) -> assertThat(context.getBean(BeatSource.class)).isSameAs(BeatSource.ALWAYS_UP));
	}

	@Test
	void processDefaultsToTheApplicationNamePlusTheInstance() {
		this.contextRunner.withPropertyValues("spring.application.name=order service", "heartbeat.instance=i-7")
			.run((context) -> {
				HeartConfig config = context.getBean(HeartConfig.class);
				assertThat(config.process()).isEqualTo("order-service-i-7");
				assertThat(config.app()).isEqualTo("order service");
				assertThat(config.instance()).isEqualTo("i-7");
			});
	}

	@Test
	void instanceDefaultsToTheHostnameWhenItIsAValidIdAsAKubernetesPodNameIs() {
		this.contextRunner.withPropertyValues("spring.application.name=orders", "HOSTNAME=orders-7d9f8b6c5d-x2x4k")
			.run((context) -> {
				HeartConfig config = context.getBean(HeartConfig.class);
				assertThat(config.instance()).isEqualTo("orders-7d9f8b6c5d-x2x4k");
				assertThat(config.process()).isEqualTo("orders-orders-7d9f8b6c5d-x2x4k");
			});
	}

	@Test
	void aHostnameThatIsNoValidIdFallsBackToARandomInstance() {
		this.contextRunner.withPropertyValues("spring.application.name=orders", "HOSTNAME=two words")
			.run((context) -> assertThat(context.getBean(HeartConfig.class).instance()).matches("[0-9a-f]{12}"));
	}

	@Test
	void anInstanceSetExplicitlyWinsOverTheHostname() {
		this.contextRunner.withPropertyValues("HOSTNAME=pod-1", "heartbeat.instance=i-7")
			.run((context) -> assertThat(context.getBean(HeartConfig.class).instance()).isEqualTo("i-7"));
	}

	@Test
	void replicasGetDifferentDefaultProcessIds() {
		// without a HOSTNAME of their own (an empty one is no id), as processes on one machine
		this.contextRunner.withPropertyValues("spring.application.name=orders", "HOSTNAME=").run((first) -> this.contextRunner
			.withPropertyValues("spring.application.name=orders", "HOSTNAME=")
			.run((second) -> assertThat(first.getBean(HeartConfig.class).process()).startsWith("orders-")
				.isNotEqualTo(second.getBean(HeartConfig.class).process())));
	}

	@Test
	void withoutAnApplicationNameTheAppIsApplication() {
		this.contextRunner.run((context) -> assertThat(context.getBean(HeartConfig.class).app()).isEqualTo("application"));
	}

	@Test
	void propertiesReachTheSchedulerAndTheHeart() {
		this.contextRunner
			.withPropertyValues("heartbeat.process=billing", "heartbeat.period=2s", "heartbeat.warmup=30s",
					"heartbeat.min-interval=0s", "heartbeat.publisher-timeout=300ms", "heartbeat.shutdown-grace=1s",
					"heartbeat.health.timeout=1s")
			.run((context) -> {
				SchedulerConfig config = context.getBean(BeatScheduler.class).config();
				assertThat(config.period()).isEqualTo(Duration.ofSeconds(2));
				assertThat(config.warmup()).isEqualTo(Duration.ofSeconds(30));
				assertThat(config.initialDelay()).isZero();
				assertThat(config.publisherTimeout()).isEqualTo(Duration.ofMillis(300));
				assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(1));
				HeartConfig heart = context.getBean(BeatScheduler.class).heart().config();
				assertThat(heart.process()).isEqualTo("billing");
				assertThat(heart.minInterval()).isZero();
			});
	}

	@Test
	void theSchedulerStartsWhenTheApplicationIsReadyAndSendsStopOnClose() {
		RecordingPublisher recording = new RecordingPublisher();
		this.contextRunner.withBean(RecordingPublisher.class, () -> recording)
			.withPropertyValues("heartbeat.warmup=45s", "heartbeat.period=10s", "heartbeat.process=p1")
			.run((context) -> {
				BeatScheduler scheduler = context.getBean(BeatScheduler.class);
				assertThat(scheduler.isRunning()).isFalse();
				assertThat(context.getBean(HeartbeatLifecycle.class).isRunning()).isTrue();
				Ready.announce(context);
				assertThat(scheduler.isRunning()).isTrue();
				await().atMost(Duration.ofSeconds(5)).until(() -> recording.size() >= 2);
				assertThat(recording.payloads()).startsWith("start/45", "beat/10");
				assertThat(recording.last().subject()).isEqualTo("heartbeat.p1");
			});
		assertThat(recording.payloads()).endsWith("stop");
	}

	@Test
	void aManualClockDrivesTheTicks() {
		ManualClock clock = new ManualClock();
		RecordingPublisher recording = new RecordingPublisher();
		this.contextRunner.withBean(HeartbeatClock.class, () -> clock)
			.withBean(RecordingPublisher.class, () -> recording)
			.withPropertyValues("heartbeat.period=5s", "heartbeat.min-interval=0s")
			.run((context) -> {
				Ready.announce(context);
				clock.runDueTasks();
				await().atMost(Duration.ofSeconds(5)).until(() -> recording.size() >= 2);
				clock.advance(Duration.ofSeconds(5));
				await().atMost(Duration.ofSeconds(5)).until(() -> recording.size() >= 3);
				assertThat(recording.payloads()).containsExactly("start/60", "beat/5", "beat/5");
			});
	}

	private static Iterable<String> publisherNames(BeatScheduler scheduler) {
		return scheduler.stats().publishers().stream().map(PublisherStats::name).toList();
	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingConfiguration {

		@Bean
		RecordingPublisher recordingPublisher() {
			return new RecordingPublisher();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeansConfiguration {

		static final HeartbeatClock CLOCK = new ManualClock();

		static final StatusTracker TRACKER = new StatusTracker(CLOCK);

		static final BeatSource SOURCE = () -> TickDecision.degraded("CUSTOM");

		@Bean
		HeartbeatClock userClock() {
			return CLOCK;
		}

		@Bean
		StatusTracker userTracker() {
			return TRACKER;
		}

		@Bean
		BeatSource userSource() {
			return SOURCE;
		}

	}

}
