package dev.heartbeat.boot.beat.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import dev.heartbeat.boot.test.SwitchableHealthIndicator;
import dev.heartbeat.core.wire.WireContract;

import static dev.heartbeat.boot.beat.kafka.HeartbeatTopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real application beating to an embedded KRaft broker, read back with a plain consumer. The
 * application is started and closed by the test itself, so that {@code stop} on close is seen.
 */
@EmbeddedKafka
class KafkaBeatsIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Test
	void beatsFollowHealthAndStopReachesTheBrokerOnClose(EmbeddedKafkaBroker broker) throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(BeatingApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(), "spring.application.name=shop",
					"heartbeat.instance=i1", "heartbeat.period=300ms", "heartbeat.health.timeout=200ms",
					"heartbeat.warmup=20s", "heartbeat.kafka.partitions=2", "heartbeat.control.enabled=false")
			.run();
		try (HeartbeatTopicReader reader = new HeartbeatTopicReader(broker.getBrokersAsString(), "heartbeats",
				"shop-i1")) {
			ConsumerRecord<String, String> start = reader.awaitRecord((r) -> true, WAIT);
			assertThat(start.value()).isEqualTo("start/20");
			assertThat(header(start, WireContract.HEADER_SUBJECT)).isEqualTo("heartbeat.shop-i1");
			assertThat(header(start, WireContract.HEADER_APP)).isEqualTo("shop");
			assertThat(header(start, WireContract.HEADER_INSTANCE)).isEqualTo("i1");
			assertThat(header(start, WireContract.HEADER_SEQ)).isEqualTo("1");
			assertThat(header(start, WireContract.HEADER_STATUS)).isEqualTo("RUNNING");

			ConsumerRecord<String, String> beat = reader.awaitRecord((r) -> r.value().equals("beat/0.3"), WAIT);
			assertThat(header(beat, WireContract.HEADER_HEALTH)).isEqualTo("UP");
			assertThat(Long.parseLong(header(beat, WireContract.HEADER_SEQ))).isGreaterThan(1);

			SwitchableHealthIndicator health = context.getBean(SwitchableHealthIndicator.class);
			health.set(Status.OUT_OF_SERVICE);
			ConsumerRecord<String, String> outOfService = reader.awaitRecord(
					(r) -> "OUT_OF_SERVICE".equals(header(r, WireContract.HEADER_HEALTH)), WAIT);
			assertThat(outOfService.value()).isEqualTo("degraded/0.3");

			health.set(Status.DOWN);
			ConsumerRecord<String, String> down = reader
				.awaitRecord((r) -> "DOWN".equals(header(r, WireContract.HEADER_HEALTH)), WAIT);
			assertThat(down.value()).isEqualTo("degraded/0.3");

			health.set(Status.UP);
			ConsumerRecord<String, String> upAgain = reader.awaitRecord(
					(r) -> r.offset() > down.offset() && r.value().equals("beat/0.3"), WAIT);

			context.close();
			ConsumerRecord<String, String> stop = reader.awaitRecord((r) -> r.value().equals("stop"), WAIT);
			assertThat(stop.offset()).isGreaterThan(upAgain.offset());
			assertThat(Long.parseLong(header(stop, WireContract.HEADER_SEQ)))
				.isGreaterThan(Long.parseLong(header(upAgain, WireContract.HEADER_SEQ)));
			List<Long> seqs = reader.records()
				.stream()
				.map((r) -> Long.parseLong(header(r, WireContract.HEADER_SEQ)))
				.toList();
			assertThat(seqs).isSorted().doesNotHaveDuplicates();
		}
		finally {
			context.close();
		}
		assertTopicIsCompactedWithTwoPartitions(broker);
	}

	private static void assertTopicIsCompactedWithTwoPartitions(EmbeddedKafkaBroker broker) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
			TopicDescription description = admin.describeTopics(List.of("heartbeats"))
				.allTopicNames()
				.get()
				.get("heartbeats");
			assertThat(description.partitions()).hasSize(2);
			ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "heartbeats");
			Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
			assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class BeatingApplication {

		@Bean
		SwitchableHealthIndicator switchableHealthIndicator() {
			return new SwitchableHealthIndicator();
		}

	}

}
