package dev.heartbeat.boot.beat.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import dev.heartbeat.core.publish.BeatMetadata;
import dev.heartbeat.core.status.RunStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every instance of an app beats into one partition, the one Kafka's default partitioner picks
 * for the app's name, so that one monitor of a group judges the whole app.
 */
class KafkaBeatPublisherPartitionTests {

	private static final String TOPIC = "heartbeats";

	private static final int PARTITIONS = 6;

	private final MockProducer<String, String> producer = new MockProducer<>(cluster(), true, null,
			new StringSerializer(), new StringSerializer());

	private final KafkaBeatPublisher publisher = new KafkaBeatPublisher(TOPIC, () -> this.producer,
			Duration.ofSeconds(1));

	@Test
	void everyInstanceOfAnAppShouldGoToThePartitionOfTheAppsName() {
		List<String> processes = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			processes.add("orders-" + Integer.toHexString(0x5f3a9c00 + i * 7919));
		}
		for (String process : processes) {
			this.publisher.publishAsync("heartbeat." + process, process, "beat/5", metadata("orders"));
		}
		int expected = BuiltInPartitioner.partitionForKey("orders".getBytes(StandardCharsets.UTF_8), PARTITIONS);
		assertThat(this.producer.history()).hasSize(20)
			.extracting(ProducerRecord::partition)
			.containsOnly(expected);
		assertThat(BeatRecords.partitionOf("orders", PARTITIONS)).isEqualTo(expected);
		// the keys alone would have spread them over the partitions
		assertThat(processes.stream()
			.map((process) -> BuiltInPartitioner.partitionForKey(process.getBytes(StandardCharsets.UTF_8), PARTITIONS))
			.distinct()
			.count()).isGreaterThan(1);
		assertThat(this.producer.history()).extracting(ProducerRecord::key).containsExactlyElementsOf(processes);
	}

	@Test
	void aBeatWithoutAnAppShouldGoWhereItsKeyGoes() {
		this.publisher.publishAsync("heartbeat.loner", "loner", "beat/5", metadata(""));
		assertThat(this.producer.history()).singleElement().extracting(ProducerRecord::partition).isNull();
	}

	private static BeatMetadata metadata(String app) {
		return new BeatMetadata(app, "i1", 1, RunStatus.RUNNING, "UP", Instant.parse("2026-01-01T00:00:00Z"));
	}

	private static Cluster cluster() {
		Node node = new Node(0, "localhost", 9092);
		List<PartitionInfo> partitions = new ArrayList<>();
		for (int i = 0; i < PARTITIONS; i++) {
			partitions.add(new PartitionInfo(TOPIC, i, node, new Node[] { node }, new Node[] { node }));
		}
		return new Cluster("cluster", List.of(node), partitions, Set.of(), Set.of());
	}

}
