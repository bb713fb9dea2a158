package dev.heartbeat.boot.beat.kafka;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

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
	 * @param subject the subject, {@code heartbeat.<process>}
	 * @param process the process id, the key
	 * @param payload the payload, the value
	 * @param metadata the metadata, as headers and the record timestamp
	 * @return the record
	 */
	public static ProducerRecord<String, String> record(String topic, String subject, String process, String payload,
			BeatMetadata metadata) {
		return new ProducerRecord<>(topic, null, metadata.sentAt().toEpochMilli(), process, payload,
				headers(subject, metadata));
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
