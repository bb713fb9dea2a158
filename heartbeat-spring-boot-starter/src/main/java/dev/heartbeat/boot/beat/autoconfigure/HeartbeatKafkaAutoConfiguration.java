package dev.heartbeat.boot.beat.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

import dev.heartbeat.boot.beat.kafka.KafkaBeatPublisher;
import dev.heartbeat.boot.beat.kafka.KafkaBeatPublisher.TopicReadiness;
import dev.heartbeat.boot.beat.kafka.KafkaControlListener;
import dev.heartbeat.boot.beat.kafka.KafkaTopicCreator;
import dev.heartbeat.boot.support.KafkaClientMetricsBinder;
import dev.heartbeat.boot.support.KafkaClientSettings;
import dev.heartbeat.core.heart.HeartConfig;
import dev.heartbeat.core.status.StatusTracker;
import dev.heartbeat.core.time.HeartbeatClock;
import dev.heartbeat.core.wire.ControlGate;

/**
 * Auto-configuration of the Kafka parts: the beat publisher, the heartbeat topic, and the
 * control listener. Active when spring-kafka and Spring Boot's Kafka auto-configuration are
 * present; the clients reuse Boot's connection settings but not its serializers.
 */
@AutoConfiguration(before = HeartbeatAutoConfiguration.class,
		afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass({ KafkaTemplate.class, KafkaProperties.class, Producer.class })
@ConditionalOnBean({ KafkaProperties.class, KafkaConnectionDetails.class })
@ConditionalOnBooleanProperty(name = "heartbeat.enabled", matchIfMissing = true)
@EnableConfigurationProperties(HeartbeatProperties.class)
public final class HeartbeatKafkaAutoConfiguration {

	/**
	 * How long one attempt to create the heartbeat topic may take.
	 */
	static final Duration TOPIC_ATTEMPT_TIMEOUT = Duration.ofSeconds(10);

	HeartbeatKafkaAutoConfiguration() {
	}

	/**
	 * How soon the heartbeat's producer and admin client try a broker again: a quarter of the
	 * period, so that beats are back within two periods of the broker.
	 */
	static Duration retryWithin(HeartbeatProperties properties) {
		return properties.getPeriod().dividedBy(4);
	}

	@Bean
	@ConditionalOnMissingBean
	KafkaClientSettings heartbeatKafkaClientConfigs(KafkaProperties kafkaProperties,
			KafkaConnectionDetails connectionDetails) {
		return new KafkaClientSettings(kafkaProperties, connectionDetails);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "heartbeat.kafka.enabled", matchIfMissing = true)
	static class PublisherConfiguration {

		@Bean
		@ConditionalOnMissingBean
		KafkaBeatPublisher heartbeatKafkaPublisher(HeartbeatProperties properties, KafkaClientSettings settings,
				HeartConfig heartConfig, ObjectProvider<KafkaTopicCreator> topicCreator,
				ObjectProvider<KafkaClientMetricsBinder> metrics) {
			Map<String, Object> producer = KafkaClientSettings.retryWithin(settings.beatProducer(heartConfig.process(),
					properties.getPublisherTimeout(), HeartbeatPropertiesMapper.reportWindow(properties)),
					retryWithin(properties));
			KafkaTopicCreator creator = topicCreator.getIfAvailable();
			// with the starter creating the topic, no beat may auto-create it (not compacted) first
			TopicReadiness readiness = (creator != null) ? creator::awaitDone : TopicReadiness.READY;
			KafkaClientMetricsBinder binder = metrics.getIfAvailable(() -> KafkaClientMetricsBinder.NONE);
			return new KafkaBeatPublisher(properties.getKafka().getTopic(),
					() -> binder.producer("heartbeatKafkaPublisher", new KafkaProducer<String, String>(producer)),
					properties.getShutdownGrace(), readiness, properties.getPublisherTimeout());
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBooleanProperty(name = "heartbeat.kafka.create-topic", matchIfMissing = true)
		KafkaTopicCreator heartbeatTopicCreator(HeartbeatProperties properties, KafkaClientSettings settings,
				HeartConfig heartConfig) {
			HeartbeatProperties.Kafka kafka = properties.getKafka();
			Map<String, Object> admin = KafkaClientSettings.retryWithin(
					settings.topicAdmin(heartConfig.process(), TOPIC_ATTEMPT_TIMEOUT), retryWithin(properties));
			// beats wait for the topic: once the broker is back, try again within a period
			return new KafkaTopicCreator(
					KafkaTopicCreator.compactedTopic(kafka.getTopic(), kafka.getPartitions(), kafka.getReplicas()),
					() -> Admin.create(admin), TOPIC_ATTEMPT_TIMEOUT, properties.getPeriod());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "heartbeat.control.enabled", matchIfMissing = true)
	static class ControlConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ControlGate heartbeatControlGate(HeartbeatProperties properties, HeartConfig heartConfig,
				HeartbeatClock clock) {
			HeartbeatProperties.Control control = properties.getControl();
			return new ControlGate(heartConfig.process(), control.getSecret(), control.getMaxAge(), clock);
		}

		@Bean
		@ConditionalOnMissingBean
		KafkaControlListener heartbeatControlListener(HeartbeatProperties properties, KafkaClientSettings settings,
				HeartConfig heartConfig, ControlGate gate, StatusTracker tracker, HeartbeatClock clock,
				ObjectProvider<KafkaClientMetricsBinder> metrics) {
			Map<String, Object> consumer = settings.controlConsumer(heartConfig.process());
			KafkaClientMetricsBinder binder = metrics.getIfAvailable(() -> KafkaClientMetricsBinder.NONE);
			return new KafkaControlListener(properties.getControl().getTopic(),
					() -> binder.consumer("heartbeatControlListener", new KafkaConsumer<String, String>(consumer)),
					gate, tracker, clock);
		}

	}

}
