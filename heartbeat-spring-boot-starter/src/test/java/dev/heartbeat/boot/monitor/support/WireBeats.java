package dev.heartbeat.boot.monitor.support;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.heartbeat.core.beat.ProcessIds;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.wire.WireContract;

/**
 * Writes heartbeat records in the exact wire format with a plain {@link KafkaProducer}, as any
 * producer outside this project could: key = process id, value = payload, the
 * {@code heartbeat-*} headers, record timestamp = now. Every send waits for the broker.
 */
public final class WireBeats implements AutoCloseable {

	private final KafkaProducer<byte[], byte[]> producer;

	private final String topic;

	/**
	 * A writer.
	 * @param bootstrapServers the broker
	 * @param topic the heartbeat topic
	 */
	public WireBeats(String bootstrapServers, String topic) {
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ProducerConfig.LINGER_MS_CONFIG, 0), new ByteArraySerializer(), new ByteArraySerializer());
		this.topic = topic;
	}

	/**
	 * The topic.
	 * @return the topic
	 */
	public String topic() {
		return this.topic;
	}

	/**
	 * Send a beat with every header.
	 * @param process the process id
	 * @param app the app
	 * @param instance the instance
	 * @param seq the sequence number
	 * @param payload e.g. {@code beat/0.3}
	 * @param status the run status
	 * @param health the health code
	 * @return the record timestamp
	 */
	public long beat(String process, String app, String instance, long seq, String payload, RunStatus status,
			String health) {
		RecordHeaders headers = new RecordHeaders();
		headers.add(WireContract.HEADER_SUBJECT, utf8(ProcessIds.subject(process)));
		headers.add(WireContract.HEADER_APP, utf8(app));
		headers.add(WireContract.HEADER_INSTANCE, utf8(instance));
		headers.add(WireContract.HEADER_SEQ, utf8(Long.toString(seq)));
		headers.add(WireContract.HEADER_STATUS, utf8(status.name()));
		headers.add(WireContract.HEADER_HEALTH, utf8(health));
		return send(new ProducerRecord<>(this.topic, null, System.currentTimeMillis(), utf8(process), utf8(payload),
				headers));
	}

	/**
	 * Send a beat with every header, without waiting for the broker.
	 * @param process the process id
	 * @param app the app
	 * @param instance the instance
	 * @param seq the sequence number
	 * @param payload e.g. {@code beat/0.3}
	 * @return the pending send
	 */
	public Future<RecordMetadata> beatAsync(String process, String app, String instance, long seq, String payload) {
		RecordHeaders headers = new RecordHeaders();
		headers.add(WireContract.HEADER_APP, utf8(app));
		headers.add(WireContract.HEADER_INSTANCE, utf8(instance));
		headers.add(WireContract.HEADER_SEQ, utf8(Long.toString(seq)));
		return this.producer.send(new ProducerRecord<>(this.topic, null, System.currentTimeMillis(), utf8(process),
				utf8(payload), headers));
	}

	/**
	 * Send a bare payload without headers.
	 * @param process the process id
	 * @param payload the payload
	 * @return the record timestamp
	 */
	public long bare(String process, String payload) {
		return send(new ProducerRecord<>(this.topic, null, System.currentTimeMillis(), utf8(process), utf8(payload)));
	}

	/**
	 * Send any record to the heartbeat topic.
	 * @param key the key bytes
	 * @param value the value bytes
	 * @param headers the headers
	 * @return the record timestamp
	 */
	public long raw(byte[] key, byte[] value, RecordHeaders headers) {
		return send(new ProducerRecord<>(this.topic, null, System.currentTimeMillis(), key, value, headers));
	}

	/**
	 * Send a record.
	 * @param record the record
	 * @return the record timestamp
	 */
	public long send(ProducerRecord<byte[], byte[]> record) {
		try {
			RecordMetadata metadata = this.producer.send(record).get(10, TimeUnit.SECONDS);
			return metadata.timestamp();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not send " + record, ex);
		}
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
