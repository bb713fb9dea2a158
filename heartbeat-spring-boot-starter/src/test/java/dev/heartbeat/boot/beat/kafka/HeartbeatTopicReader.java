package dev.heartbeat.boot.beat.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import static org.assertj.core.api.Assertions.fail;

/**
 * Reads the heartbeat topic with a plain consumer, from the beginning, keeping the records of one
 * process.
 */
final class HeartbeatTopicReader implements AutoCloseable {

	private final KafkaConsumer<String, String> consumer;

	private final String process;

	private final List<ConsumerRecord<String, String>> records = new ArrayList<>();

	HeartbeatTopicReader(String bootstrapServers, String topic, String process) {
		this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
				false));
		this.process = process;
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		List<PartitionInfo> partitions = List.of();
		while (partitions.isEmpty() && System.nanoTime() < deadline) {
			partitions = this.consumer.partitionsFor(topic, Duration.ofSeconds(5));
		}
		if (partitions.isEmpty()) {
			fail("Topic " + topic + " did not appear");
		}
		List<TopicPartition> assigned = partitions.stream()
			.map((p) -> new TopicPartition(p.topic(), p.partition()))
			.toList();
		this.consumer.assign(assigned);
		this.consumer.seekToBeginning(assigned);
	}

	/**
	 * Poll until a record of the process matches, at most the timeout.
	 * @param what the predicate
	 * @param timeout how long to wait
	 * @return the first matching record read in this call or before
	 */
	ConsumerRecord<String, String> awaitRecord(Predicate<ConsumerRecord<String, String>> what, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		int from = 0;
		while (true) {
			for (int i = from; i < this.records.size(); i++) {
				if (what.test(this.records.get(i))) {
					return this.records.get(i);
				}
			}
			from = this.records.size();
			if (System.nanoTime() > deadline) {
				fail("No matching heartbeat record within " + timeout + "; read " + describe());
			}
			for (ConsumerRecord<String, String> record : this.consumer.poll(Duration.ofMillis(100))) {
				if (this.process.equals(record.key())) {
					this.records.add(record);
				}
			}
		}
	}

	List<ConsumerRecord<String, String>> records() {
		return List.copyOf(this.records);
	}

	static String header(ConsumerRecord<String, String> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private String describe() {
		StringBuilder text = new StringBuilder();
		for (ConsumerRecord<String, String> record : this.records) {
			text.append(record.value()).append('[').append(header(record, "heartbeat-status")).append(',')
				.append(header(record, "heartbeat-health")).append("] ");
		}
		return text.toString();
	}

	@Override
	public void close() {
		this.consumer.close(Duration.ofSeconds(1));
	}

}
