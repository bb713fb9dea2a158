package dev.heartbeat.boot.monitor.listener;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import dev.heartbeat.boot.monitor.listener.EventTemplate.Escaping;
import dev.heartbeat.core.monitor.MonitorEvent;

/**
 * Sends every event as a Kafka record with a templated key and value. The value's substituted
 * texts are JSON-escaped when the value template is a JSON document (starts with {@code {} or
 * {@code [}).
 */
public final class KafkaEventSink implements EventSink {

	private final Supplier<? extends Producer<String, String>> producer;

	private final String topic;

	private final EventTemplate key;

	private final EventTemplate value;

	private final Escaping valueEscaping;

	/**
	 * A Kafka sink.
	 * @param producer the producer, possibly shared and created on first use; the sink does not
	 * close it
	 * @param topic the topic
	 * @param key the key template
	 * @param value the value template
	 */
	public KafkaEventSink(Supplier<? extends Producer<String, String>> producer, String topic, EventTemplate key,
			EventTemplate value) {
		this.producer = Objects.requireNonNull(producer, "producer");
		this.topic = Objects.requireNonNull(topic, "topic");
		this.key = Objects.requireNonNull(key, "key");
		this.value = Objects.requireNonNull(value, "value");
		String start = value.toString().stripLeading();
		this.valueEscaping = (start.startsWith("{") || start.startsWith("[")) ? Escaping.JSON : Escaping.NONE;
	}

	/**
	 * How substituted values are escaped in the record value.
	 * @return JSON for a JSON template, otherwise none
	 */
	public Escaping valueEscaping() {
		return this.valueEscaping;
	}

	@Override
	public void send(MonitorEvent event, EventValues values, Duration timeout) throws Exception {
		ProducerRecord<String, String> record = new ProducerRecord<>(this.topic, this.key.render(values, Escaping.NONE),
				this.value.render(values, this.valueEscaping));
		this.producer.get().send(record).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	@Override
	public String toString() {
		return "kafka " + this.topic;
	}

}
