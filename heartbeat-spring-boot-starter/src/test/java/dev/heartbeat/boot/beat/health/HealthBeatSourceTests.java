package dev.heartbeat.boot.beat.health;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.heartbeat.boot.beat.autoconfigure.HeartbeatAutoConfiguration;
import dev.heartbeat.boot.beat.autoconfigure.HeartbeatHealthAutoConfiguration;
import dev.heartbeat.boot.beat.autoconfigure.HeartbeatHealthContributorAutoConfiguration;
import dev.heartbeat.boot.beat.autoconfigure.HeartbeatMetricsAutoConfiguration;
import dev.heartbeat.boot.test.FailureMessages;
import dev.heartbeat.boot.test.SwitchableHealthIndicator;
import dev.heartbeat.core.schedule.TickDecision;
import dev.heartbeat.core.schedule.TickDecision.Kind;
import dev.heartbeat.core.schedule.BeatSource;

import static org.assertj.core.api.Assertions.assertThat;

class HealthBeatSourceTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HealthContributorRegistryAutoConfiguration.class,
				HealthContributorAutoConfiguration.class, EndpointAutoConfiguration.class,
				HealthEndpointAutoConfiguration.class, HeartbeatHealthAutoConfiguration.class,
				HeartbeatAutoConfiguration.class, HeartbeatHealthContributorAutoConfiguration.class))
		.withUserConfiguration(SwitchableConfiguration.class)
		.withPropertyValues("heartbeat.health.timeout=1s");

	@Test
	void upSendsBeat() {
		this.contextRunner.run((context) -> assertThat(decide(context.getBean(BeatSource.class)))
			.isEqualTo(new TickDecision(Kind.BEAT, "UP")));
	}

	@Test
	void outOfServiceSendsDegraded() {
		this.contextRunner.run((context) -> {
			context.getBean(SwitchableHealthIndicator.class).set(Status.OUT_OF_SERVICE);
			assertThat(decide(context.getBean(BeatSource.class)))
				.isEqualTo(new TickDecision(Kind.DEGRADED, "OUT_OF_SERVICE"));
		});
	}

	@Test
	void downSendsDegradedByDefault() {
		this.contextRunner.run((context) -> {
			context.getBean(SwitchableHealthIndicator.class).set(Status.DOWN);
			assertThat(decide(context.getBean(BeatSource.class))).isEqualTo(new TickDecision(Kind.DEGRADED, "DOWN"));
		});
	}

	@Test
	void downSendsNothingWhenConfiguredSilent() {
		this.contextRunner.withPropertyValues("heartbeat.health.down=silent").run((context) -> {
			context.getBean(SwitchableHealthIndicator.class).set(Status.DOWN);
			assertThat(decide(context.getBean(BeatSource.class))).isEqualTo(new TickDecision(Kind.SILENT, "DOWN"));
		});
	}

	@Test
	void aCustomStatusFollowsItsMapping() {
		this.contextRunner
			.withPropertyValues("heartbeat.health.mapping.MAINTENANCE=silent", "heartbeat.health.mapping.WARNING=beat",
					"management.endpoint.health.status.order=DOWN,MAINTENANCE,WARNING,DEGRADED,OUT_OF_SERVICE,UP,UNKNOWN")
			.run((context) -> {
				SwitchableHealthIndicator indicator = context.getBean(SwitchableHealthIndicator.class);
				BeatSource source = context.getBean(BeatSource.class);
				indicator.set("MAINTENANCE");
				assertThat(decide(source)).isEqualTo(new TickDecision(Kind.SILENT, "MAINTENANCE"));
				indicator.set("WARNING");
				assertThat(decide(source)).isEqualTo(new TickDecision(Kind.BEAT, "WARNING"));
				indicator.set("DEGRADED");
				assertThat(decide(source)).isEqualTo(new TickDecision(Kind.DEGRADED, "DEGRADED"));
			});
	}

	@Test
	void theHeartbeatsOwnContributorDoesNotDriveTheBeats() {
		this.contextRunner.withUserConfiguration(DownHeartbeatContributorConfiguration.class).run((context) -> {
			assertThat(context.getBean("heartbeatHealthIndicator", HealthIndicator.class).health().getStatus())
				.isEqualTo(Status.DOWN);
			assertThat(decide(context.getBean(BeatSource.class))).isEqualTo(new TickDecision(Kind.BEAT, "UP"));
		});
	}

	@Test
	void readinessRefusedByAPauseDoesNotDriveTheBeats() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
					AvailabilityHealthContributorAutoConfiguration.class, AvailabilityProbesAutoConfiguration.class))
			.withPropertyValues("management.endpoint.health.probes.enabled=true")
			.run((context) -> {
				AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
				AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
				assertThat(context.getBean("readinessStateHealthIndicator", HealthIndicator.class).health().getStatus())
					.isEqualTo(Status.OUT_OF_SERVICE);
				assertThat(decide(context.getBean(BeatSource.class))).isEqualTo(new TickDecision(Kind.BEAT, "UP"));
			});
	}

	@Test
	void aHealthGroupLimitsWhatDrivesTheBeats() {
		this.contextRunner.withUserConfiguration(FlakyContributorConfiguration.class)
			.withPropertyValues("heartbeat.health.group=core", "management.endpoint.health.group.core.include=switchable")
			.run((context) -> {
				BeatSource source = context.getBean(BeatSource.class);
				assertThat(decide(source)).isEqualTo(new TickDecision(Kind.BEAT, "UP"));
				context.getBean(SwitchableHealthIndicator.class).set(Status.OUT_OF_SERVICE);
				assertThat(decide(source)).isEqualTo(new TickDecision(Kind.DEGRADED, "OUT_OF_SERVICE"));
			});
	}

	@Test
	void withoutAGroupEveryContributorCounts() {
		this.contextRunner.withUserConfiguration(FlakyContributorConfiguration.class)
			.run((context) -> assertThat(decide(context.getBean(BeatSource.class)))
				.isEqualTo(new TickDecision(Kind.DEGRADED, "DOWN")));
	}

	@Test
	void anUnknownHealthGroupFailsStartup() {
		this.contextRunner.withPropertyValues("heartbeat.health.group=nope").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(FailureMessages.of(context.getStartupFailure()))
				.contains("heartbeat.health.group is 'nope', which is not a health group");
		});
	}

	@Test
	void aHangingHealthCheckSendsDegradedAndIsCounted() {
		this.contextRunner.run((context) -> {
			SwitchableHealthIndicator indicator = context.getBean(SwitchableHealthIndicator.class);
			HealthBeatSource source = context.getBean(HealthBeatSource.class);
			CountDownLatch hang = indicator.hang();
			long started = System.nanoTime();
			assertThat(source.decide()).isEqualTo(TickDecision.degraded(HealthBeatSource.TIMEOUT));
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
			// still hanging (it ignores interrupts): the next tick does not pile up another evaluation
			assertThat(source.decide()).isEqualTo(TickDecision.degraded(HealthBeatSource.TIMEOUT));
			assertThat(source.timeouts()).isEqualTo(2);
			indicator.release();
			hang.countDown();
			org.awaitility.Awaitility.await()
				.atMost(Duration.ofSeconds(5))
				.until(() -> source.decide().equals(TickDecision.up()));
		});
	}

	@Test
	void healthTimeoutsAreAMeter() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
					HeartbeatMetricsAutoConfiguration.class))
			.run((context) -> {
				SwitchableHealthIndicator indicator = context.getBean(SwitchableHealthIndicator.class);
				CountDownLatch hang = indicator.hang();
				context.getBean(HealthBeatSource.class).decide();
				indicator.release();
				hang.countDown();
				assertThat(context.getBean(MeterRegistry.class).get("heartbeat.health.timeouts").functionCounter().count())
					.isEqualTo(1);
			});
	}

	private static TickDecision decide(BeatSource source) {
		return source.decide();
	}

	@Configuration(proxyBeanMethods = false)
	static class SwitchableConfiguration {

		@Bean
		SwitchableHealthIndicator switchableHealthIndicator() {
			return new SwitchableHealthIndicator();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DownHeartbeatContributorConfiguration {

		@Bean
		HealthIndicator heartbeatHealthIndicator() {
			return () -> Health.down().build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FlakyContributorConfiguration {

		@Bean
		HealthIndicator flakyHealthIndicator() {
			return () -> Health.down().build();
		}

	}

}
