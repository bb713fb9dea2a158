package dev.heartbeat.boot.beat.kafka;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.utils.Utils;
import org.jspecify.annotations.Nullable;

import dev.heartbeat.core.publish.BeatMetadata;
import dev.heartbeat.core.wire.WireContract;

/**
 * The heartbeat record of one beat, as every writer of the heartbeat topic builds it (the app's
 * {@link KafkaBeatPublisher}, the monitor's HTTP ingest): key = process id, value = the payload,
 * headers per {@link WireContract}, record timestamp = the send time, partition chosen by the
 * rule of the publisher.
 */
public final class BeatRecords {

	private BeatRecords() {
	}

	/**
	 * The record of a beat.
	 * @param topic the heartbeat topic
	 * @param partition the partition, the app's ({@link #partition}); {@code null} for the default
	 * partitioner's choice by key
	 * @param subject the subject, {@code heartbeat.<process>}
	 * @param process the process id, the key
	 * @param payload the payload, the value
	 * @param metadata the metadata, as headers and the record timestamp
	 * @return the record
	 */
	public static ProducerRecord<String, String> record(String topic, @Nullable Integer partition, String subject,
			String process, String payload, BeatMetadata metadata) {
		return new ProducerRecord<>(topic, partition, metadata.sentAt().toEpochMilli(), process, payload,
				headers(subject, metadata));
	}

	/**
	 * The partition of an app's beats: {@code toPositive(murmur2(utf8(app))) % partitions}, what
	 * Kafka's default partitioner would pick for a record keyed by the app's name, so that every
	 * instance of an app lands in one partition and is judged by one monitor of a group.
	 * @param app the app's name, not empty
	 * @param partitions the number of partitions of the topic
	 * @return the partition
	 */
	public static int partitionOf(String app, int partitions) {
		return Utils.toPositive(Utils.murmur2(app.getBytes(StandardCharsets.UTF_8))) % partitions;
	}

	/**
	 * The partition of an app's beats on a producer's topic; waits for the topic's metadata as a
	 * send would.
	 * @param producer the producer
	 * @param topic the heartbeat topic
	 * @param app the app's name
	 * @return the partition, or {@code null} (the default partitioner's choice) for a beat without
	 * an app or a topic whose partitions are not known
	 */
	public static @Nullable Integer partition(Producer<?, ?> producer, String topic, String app) {
		if (app.isEmpty()) {
			return null;
		}
		List<PartitionInfo> partitions = producer.partitionsFor(topic);
		int count = (partitions != null) ? partitions.size() : 0;
		return (count > 0) ? partitionOf(app, count) : null;
	}

	static List<Header> headers(String subject, BeatMetadata metadata) {
		return List.of(header(WireContract.HEADER_SUBJECT, subject), header(WireContract.HEADER_APP, metadata.app()),
				header(WireContract.HEADER_INSTANCE, metadata.instance()),
				header(WireContract.HEADER_SEQ, Long.toString(metadata.seq())),
				header(WireContract.HEADER_STATUS, metadata.status().name()),
				header(WireContract.HEADER_HEALTH, metadata.health()));
	}

	private static Header header(String name, String value) {
		return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
	}

}
