package dev.heartbeat.boot.beat.autoconfigure;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.core.KafkaTemplate;

import dev.heartbeat.boot.beat.kafka.KafkaBeatPublisher;
import dev.heartbeat.boot.beat.kafka.KafkaControlListener;
import dev.heartbeat.boot.beat.kafka.KafkaTopicCreator;
import dev.heartbeat.boot.support.KafkaClientSettings;
import dev.heartbeat.boot.test.Ready;
import dev.heartbeat.core.heart.HeartConfig;
import dev.heartbeat.core.publish.LogPublisher;
import dev.heartbeat.core.schedule.BeatScheduler;
import dev.heartbeat.core.schedule.PublisherStats;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class HeartbeatKafkaAutoConfigurationTests {

	// a closed port on loopback: the broker is unreachable, every connection is refused at once
	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, HeartbeatKafkaAutoConfiguration.class,
				HeartbeatAutoConfiguration.class))
		.withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:9", "heartbeat.process=orders-1",
				"heartbeat.shutdown-grace=200ms");

	@Test
	void withBootsKafkaConfigurationTheKafkaPartsExist() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(KafkaBeatPublisher.class)
				.hasSingleBean(KafkaTopicCreator.class)
				.hasSingleBean(KafkaControlListener.class)
				.doesNotHaveBean(LogPublisher.class);
			assertThat(context.getBean(BeatScheduler.class).stats().publishers()).extracting(PublisherStats::name)
				.containsExactly("kafka");
		});
	}

	@Test
	void withoutBootsKafkaAutoConfigurationThereIsNoKafkaPart() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(HeartbeatKafkaAutoConfiguration.class, HeartbeatAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(KafkaBeatPublisher.class)
				.doesNotHaveBean(KafkaControlListener.class)
				.hasSingleBean(LogPublisher.class));
	}

	@Test
	void withoutSpringKafkaThereIsNoKafkaPart() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(KafkaTemplate.class))
			.run((context) -> assertThat(context).doesNotHaveBean(KafkaBeatPublisher.class)
				.doesNotHaveBean(KafkaControlListener.class)
				.hasSingleBean(LogPublisher.class));
	}

	@Test
	void kafkaDisabledLeavesOnlyTheControlListener() {
		this.contextRunner.withPropertyValues("heartbeat.kafka.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(KafkaBeatPublisher.class)
				.doesNotHaveBean(KafkaTopicCreator.class)
				.hasSingleBean(KafkaControlListener.class)
				.hasSingleBean(LogPublisher.class));
	}

	@Test
	void createTopicFalseDeclaresNoTopic() {
		this.contextRunner.withPropertyValues("heartbeat.kafka.create-topic=false")
			.run((context) -> assertThat(context).hasSingleBean(KafkaBeatPublisher.class)
				.doesNotHaveBean(KafkaTopicCreator.class));
	}

	@Test
	void controlDisabledStartsNoListener() {
		this.contextRunner.withPropertyValues("heartbeat.control.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(KafkaControlListener.class));
	}

	@Test
	void theTopicIsCompactedWithTheConfiguredPartitions() {
		this.contextRunner.withPropertyValues("heartbeat.kafka.topic=beats", "heartbeat.kafka.partitions=3",
				"heartbeat.kafka.replicas=2")
			.run((context) -> {
				NewTopic topic = context.getBean(KafkaTopicCreator.class).topic();
				assertThat(topic.name()).isEqualTo("beats");
				assertThat(topic.numPartitions()).isEqualTo(3);
				assertThat(topic.replicationFactor()).isEqualTo((short) 2);
				assertThat(topic.configs()).containsEntry("cleanup.policy", "compact");
			});
	}

	@Test
	void theProducerReusesBootsConnectionButNotItsSerializers() {
		this.contextRunner
			.withPropertyValues("spring.kafka.producer.value-serializer=org.springframework.kafka.support.serializer.JsonSerializer",
					"spring.kafka.producer.acks=0", "spring.kafka.properties.sasl.mechanism=PLAIN",
					"spring.kafka.security.protocol=SASL_PLAINTEXT", "heartbeat.publisher-timeout=1500ms",
					"heartbeat.period=4s", "heartbeat.report-by-buffer=2.5", "heartbeat.control.enabled=false",
					"heartbeat.kafka.create-topic=false")
			.run((context) -> {
				Map<String, Object> producer = context.getBean(KafkaClientSettings.class)
					.beatProducer(context.getBean(HeartConfig.class).process(), Duration.ofMillis(1500),
							Duration.ofSeconds(10));
				assertThat(producer).containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, java.util.List.of("127.0.0.1:9"))
					.containsEntry("security.protocol", "SASL_PLAINTEXT")
					.containsEntry("sasl.mechanism", "PLAIN")
					.containsEntry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class)
					.containsEntry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class)
					.containsEntry(ProducerConfig.ACKS_CONFIG, "all")
					.containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1500L)
					.containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000)
					.containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000)
					.containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "heartbeat-orders-1");
				assertThat(context.getBean(KafkaTemplate.class).getProducerFactory().getConfigurationProperties())
					.containsEntry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
							org.springframework.kafka.support.serializer.JsonSerializer.class);
			});
	}

	@Test
	void theHeartbeatsClientsTryABrokerThatWasAwayAgainWithinTheGivenTimeKeepingLowerSettings() {
		Map<String, Object> config = new HashMap<>(Map.of(CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG, "20"));
		KafkaClientSettings.retryWithin(config, Duration.ofMillis(75));
		assertThat(config).containsEntry(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 75L)
			.containsEntry(CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG, 20L)
			.containsEntry(CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG, 75L)
			.containsEntry(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG, 75L);
		KafkaClientSettings.retryWithin(config, Duration.ofSeconds(5));
		assertThat(config).containsEntry(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 75L);
	}

	@Test
	void theControlConsumerHasNoGroupAndReadsStrings() {
		this.contextRunner.withPropertyValues("spring.kafka.consumer.group-id=orders").run((context) -> {
			Map<String, Object> consumer = context.getBean(KafkaClientSettings.class)
				.controlConsumer(context.getBean(HeartConfig.class).process());
			assertThat(consumer).doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG)
				.containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
				.containsEntry(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		});
	}

	@Test
	void anUnreachableBrokerNeitherDelaysStartupNorShutdown() {
		long started = System.nanoTime();
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			Ready.announce(context);
			assertThat(context.getBean(BeatScheduler.class).isRunning()).isTrue();
		});
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void withoutASecretControlIsUnauthenticatedAndSaysSo(CapturedOutput output) {
		this.contextRunner.run((context) -> assertThat(output).contains("are unauthenticated")
			.contains("heartbeat.control.secret"));
	}

}
