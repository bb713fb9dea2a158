package dev.heartbeat.boot.support;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.heartbeat.boot.monitor.support.SharedKafka;
import dev.heartbeat.boot.monitor.support.TestMonitorApplication;
import dev.heartbeat.boot.test.Ready;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The starter's own Kafka clients show up in Micrometer like Spring Boot's: {@code kafka.producer.*}
 * and {@code kafka.consumer.*} meters, tagged with {@code spring.id} naming the client's owner.
 */
@ExtendWith(SharedKafka.class)
class KafkaClientMetricsTests {

	@Test
	void aClientBoundAgainUnderItsNameShouldReplaceTheMetersOfTheOneBefore() {
		MeterRegistry registry = new SimpleMeterRegistry();
		try (MicrometerKafkaClientMetricsBinder binder = new MicrometerKafkaClientMetricsBinder(() -> registry);
				Producer<String, String> first = binder.producer("owner", producer("first"));
				Producer<String, String> second = producer("second")) {
			assertThat(sendTotal(registry, "first").functionCounter()).isNotNull();
			binder.producer("owner", second);
			assertThat(sendTotal(registry, "first").functionCounter()).isNull();
			assertThat(sendTotal(registry, "second").functionCounter()).isNotNull();
			assertThat(binder.boundNames()).containsExactly("owner");
			binder.close();
			assertThat(registry.find("kafka.producer.record.send.total").functionCounters()).isEmpty();
		}
	}

	@Test
	void withoutARegistryNothingShouldBeBound() {
		try (MicrometerKafkaClientMetricsBinder binder = new MicrometerKafkaClientMetricsBinder(() -> null);
				Producer<String, String> producer = binder.producer("owner", producer("alone"))) {
			assertThat(binder.boundNames()).isEmpty();
		}
	}

	@Test
	void theBeatProducerAndTheMonitorsConsumerShouldReportTheirMetrics() {
		new ApplicationContextRunner().withUserConfiguration(TestMonitorApplication.class)
			.withPropertyValues("spring.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
					"heartbeat.kafka.topic=" + SharedKafka.unique("metered"),
					"heartbeat.control.topic=" + SharedKafka.unique("metered-control"), "heartbeat.period=200ms",
					"heartbeat.monitor.enabled=true", "heartbeat.monitor.group-id=" + SharedKafka.unique("metered"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Ready.announce(context);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
					FunctionCounter sent = registry.find("kafka.producer.record.send.total")
						.tag(MicrometerKafkaClientMetricsBinder.SPRING_ID, "heartbeatKafkaPublisher")
						.functionCounter();
					assertThat(sent).isNotNull();
					assertThat(sent.count()).isPositive();
					assertThat(registry.find("kafka.producer.record.error.total")
						.tag(MicrometerKafkaClientMetricsBinder.SPRING_ID, "heartbeatKafkaPublisher")
						.functionCounter()).isNotNull();
					FunctionCounter consumed = registry.find("kafka.consumer.fetch.manager.records.consumed.total")
						.tag(MicrometerKafkaClientMetricsBinder.SPRING_ID, "heartbeatConsumer")
						.functionCounter();
					assertThat(consumed).isNotNull();
					assertThat(consumed.count()).isPositive();
					// the lag of each partition the monitor reads, once the meters are refreshed
					assertThat(registry.find("kafka.consumer.fetch.manager.records.lag")
						.tag(MicrometerKafkaClientMetricsBinder.SPRING_ID, "heartbeatConsumer")
						.tagKeys("partition", "topic")
						.gauges()).isNotEmpty();
					// the control listener's consumer too
					assertThat(registry.getMeters()).anySatisfy((meter) -> {
						assertThat(meter.getId().getName()).startsWith("kafka.consumer.");
						assertThat(meter.getId().getTag(MicrometerKafkaClientMetricsBinder.SPRING_ID))
							.isEqualTo("heartbeatControlListener");
					});
				});
			});
	}

	private static Search sendTotal(MeterRegistry registry, String clientId) {
		return registry.find("kafka.producer.record.send.total")
			.tag(MicrometerKafkaClientMetricsBinder.SPRING_ID, "owner")
			.tag("client.id", clientId);
	}

	private static Producer<String, String> producer(String clientId) {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
				ProducerConfig.CLIENT_ID_CONFIG, clientId), new StringSerializer(), new StringSerializer());
	}

}
