package dev.heartbeat.boot.support;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Binds a Kafka client the starter creates to its metrics, the way Spring Boot binds its own
 * clients: applied where a client is created, it returns the client it was given. {@link #NONE}
 * binds nothing; with Micrometer, {@link MicrometerKafkaClientMetricsBinder} does.
 */
public interface KafkaClientMetricsBinder {

	/**
	 * Binds nothing.
	 */
	KafkaClientMetricsBinder NONE = new KafkaClientMetricsBinder() {

		@Override
		public String toString() {
			return "KafkaClientMetricsBinder.NONE";
		}

	};

	/**
	 * Bind a producer that was just created.
	 * @param name what the producer is for (the bean that owns it); a client bound later under the
	 * same name replaces it
	 * @param producer the producer
	 * @param <K> the key type
	 * @param <V> the value type
	 * @return the producer
	 */
	default <K, V> Producer<K, V> producer(String name, Producer<K, V> producer) {
		return producer;
	}

	/**
	 * Bind a consumer that was just created.
	 * @param name what the consumer is for (the bean that owns it); a client bound later under the
	 * same name replaces it
	 * @param consumer the consumer
	 * @param <K> the key type
	 * @param <V> the value type
	 * @return the consumer
	 */
	default <K, V> Consumer<K, V> consumer(String name, Consumer<K, V> consumer) {
		return consumer;
	}

}
