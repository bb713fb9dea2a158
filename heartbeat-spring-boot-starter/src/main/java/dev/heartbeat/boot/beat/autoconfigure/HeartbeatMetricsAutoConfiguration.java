package dev.heartbeat.boot.beat.autoconfigure;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.kafka.clients.consumer.Consumer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.heartbeat.boot.beat.health.HealthBeatSource;
import dev.heartbeat.boot.beat.http.HttpBeatPublisher;
import dev.heartbeat.boot.beat.kafka.KafkaControlListener;
import dev.heartbeat.boot.beat.metrics.BeatMetrics;
import dev.heartbeat.core.publish.BeatPublisher;
import dev.heartbeat.core.schedule.BeatScheduler;
import dev.heartbeat.core.status.StatusTracker;
import dev.heartbeat.core.wire.ControlVerdict;

/**
 * Auto-configuration of the heartbeat's Micrometer meters, when a {@link MeterRegistry} exists.
 */
@AutoConfiguration(after = { HeartbeatAutoConfiguration.class, HeartbeatKafkaAutoConfiguration.class },
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, BeatScheduler.class, StatusTracker.class })
public final class HeartbeatMetricsAutoConfiguration {

	HeartbeatMetricsAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	BeatMetrics heartbeatMetrics(MeterRegistry registry, StatusTracker tracker,
			ObjectProvider<BeatPublisher> publishers) {
		// the publishers, not the scheduler: the scheduler is built with this listener
		return new BeatMetrics(registry, tracker, publishers.orderedStream().map(BeatPublisher::name).toList());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthContributorRegistry.class)
	static class HealthMetricsConfiguration {

		@Bean
		@ConditionalOnBean(HealthBeatSource.class)
		MeterBinder heartbeatHealthTimeoutMeter(HealthBeatSource source) {
			return (registry) -> FunctionCounter.builder(BeatMetrics.HEALTH_TIMEOUTS, source, HealthBeatSource::timeouts)
				.description("Heartbeat ticks whose health evaluation did not finish within heartbeat.health.timeout")
				.register(registry);
		}

	}

	@Bean
	@ConditionalOnBean(HttpBeatPublisher.class)
	MeterBinder heartbeatHttpFeedbackRejectedMeter(HttpBeatPublisher publisher) {
		return (registry) -> FunctionCounter
			.builder(BeatMetrics.HTTP_FEEDBACK_REJECTED, publisher, HttpBeatPublisher::feedbackRejected)
			.description("HTTP answers refused as run status feedback (not valid JSON, or a status that is no string)")
			.register(registry);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Consumer.class)
	static class ControlMetricsConfiguration {

		@Bean
		@ConditionalOnBean(KafkaControlListener.class)
		MeterBinder heartbeatControlRejectedMeter(KafkaControlListener listener) {
			return (registry) -> {
				for (ControlVerdict verdict : ControlVerdict.values()) {
					if (verdict.isRejected()) {
						FunctionCounter.builder(BeatMetrics.CONTROL_REJECTED, listener, (l) -> l.rejected(verdict))
							.description("Control records rejected and not applied")
							.tag("reason", verdict.name().toLowerCase(java.util.Locale.ROOT))
							.register(registry);
					}
				}
			};
		}

	}

}
