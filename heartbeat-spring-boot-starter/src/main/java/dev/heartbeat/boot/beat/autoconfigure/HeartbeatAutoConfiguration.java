package dev.heartbeat.boot.beat.autoconfigure;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.heartbeat.boot.beat.lifecycle.HeartbeatLifecycle;
import dev.heartbeat.boot.beat.lifecycle.LastDecision;
import dev.heartbeat.boot.beat.lifecycle.RunStatusEventBridge;
import dev.heartbeat.boot.support.HeartbeatClockConfiguration;
import dev.heartbeat.boot.diagnostics.HeartbeatStartupException;
import dev.heartbeat.core.heart.HeartConfig;
import dev.heartbeat.core.publish.BeatPublisher;
import dev.heartbeat.core.publish.LogPublisher;
import dev.heartbeat.core.schedule.BeatScheduler;
import dev.heartbeat.core.schedule.BeatSource;
import dev.heartbeat.core.schedule.SchedulerConfig;
import dev.heartbeat.core.schedule.SchedulerListener;
import dev.heartbeat.core.status.StatusListener;
import dev.heartbeat.core.status.StatusTracker;
import dev.heartbeat.core.time.HeartbeatClock;

/**
 * Auto-configuration of the heartbeat: the scheduler and its lifecycle, the run status with its
 * events, and the log publisher when nothing else publishes. Publishers, the health-driven beat
 * source, meters, the health indicator and the endpoint come from their own auto-configurations.
 */
// after availability: the status bridge must hear ACCEPTING_TRAFFIC after Spring Boot's availability
// bean did, so that re-refusing traffic while paused is the last word
@AutoConfiguration(after = { HeartbeatKafkaAutoConfiguration.class, HeartbeatHttpAutoConfiguration.class,
		HeartbeatHealthAutoConfiguration.class },
		afterName = "org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration")
@ConditionalOnBooleanProperty(name = "heartbeat.enabled", matchIfMissing = true)
@EnableConfigurationProperties(HeartbeatProperties.class)
@Import(HeartbeatClockConfiguration.class)
public final class HeartbeatAutoConfiguration {

	HeartbeatAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	HeartConfig heartbeatHeartConfig(HeartbeatProperties properties, Environment environment) {
		return HeartbeatPropertiesMapper.heartConfig(properties, environment);
	}

	@Bean
	@ConditionalOnMissingBean
	SchedulerConfig heartbeatSchedulerConfig(HeartbeatProperties properties) {
		return HeartbeatPropertiesMapper.schedulerConfig(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	StatusTracker heartbeatStatusTracker(HeartbeatClock clock) {
		return new StatusTracker(clock);
	}

	@Bean
	@ConditionalOnMissingBean
	RunStatusEventBridge heartbeatStatusEventBridge(ApplicationEventPublisher publisher, StatusTracker tracker,
			HeartbeatProperties properties) {
		return new RunStatusEventBridge(publisher, tracker, properties.isPauseRefusesTraffic());
	}

	@Bean
	SmartInitializingSingleton heartbeatStatusListenerRegistration(StatusTracker tracker,
			ObjectProvider<StatusListener> listeners) {
		// after every singleton exists, so a listener may itself depend on the tracker
		return () -> listeners.orderedStream().forEach(tracker::addListener);
	}

	@Bean
	@ConditionalOnMissingBean
	BeatSource heartbeatBeatSource() {
		return BeatSource.ALWAYS_UP;
	}

	@Bean
	@ConditionalOnMissingBean
	LastDecision heartbeatLastDecision(HeartbeatClock clock) {
		return new LastDecision(clock);
	}

	@Bean
	@ConditionalOnMissingBean
	BeatScheduler heartbeatScheduler(HeartConfig heartConfig, SchedulerConfig schedulerConfig,
			ObjectProvider<BeatPublisher> publishers, BeatSource beatSource, LastDecision lastDecision,
			StatusTracker tracker, HeartbeatClock clock, ObjectProvider<SchedulerListener> listeners) {
		BeatScheduler.Builder builder = BeatScheduler.builder(heartConfig)
			.config(schedulerConfig)
			.beatSource(lastDecision.observe(beatSource))
			.statusTracker(tracker)
			.clock(clock);
		List<BeatPublisher> all = publishers.orderedStream().toList();
		if (all.isEmpty()) {
			throw new HeartbeatStartupException("No heartbeat publisher: heartbeat.log.enabled is false and neither "
					+ "Kafka (spring-kafka with heartbeat.kafka.enabled) nor HTTP (heartbeat.http.url) is configured.",
					"Configure a publisher (add spring-boot-starter-kafka, or set heartbeat.http.url), remove "
							+ "heartbeat.log.enabled=false to beat to the log, or set heartbeat.enabled=false.");
		}
		builder.publishers(all);
		listeners.orderedStream().forEach(builder::listener);
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	HeartbeatLifecycle heartbeatLifecycle(BeatScheduler scheduler, HeartbeatClock clock) {
		return new HeartbeatLifecycle(scheduler, clock);
	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(LogPublisherCondition.class)
	static class LogPublisherConfiguration {

		@Bean
		@ConditionalOnMissingBean
		LogPublisher heartbeatLogPublisher() {
			return new LogPublisher();
		}

	}

	/**
	 * The log publisher is on when enabled explicitly, or by default when no other publisher is.
	 */
	static final class LogPublisherCondition extends AnyNestedCondition {

		LogPublisherCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBooleanProperty("heartbeat.log.enabled")
		static class EnabledExplicitly {

		}

		@ConditionalOnBooleanProperty(name = "heartbeat.log.enabled", matchIfMissing = true)
		@ConditionalOnMissingBean(BeatPublisher.class)
		static class NoOtherPublisher {

		}

	}

}
