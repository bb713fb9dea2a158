package dev.heartbeat.boot.monitor.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * A Kafka producer created on first use and closed with its owner, so that a monitor that never
 * sends opens no producer. Thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class LazyProducer<K, V> implements Supplier<Producer<K, V>>, AutoCloseable {

	private final Supplier<Producer<K, V>> factory;

	// guarded by this
	private @Nullable Producer<K, V> producer;

	// guarded by this
	private boolean closed;

	/**
	 * A lazy producer.
	 * @param factory creates the producer
	 */
	public LazyProducer(Supplier<Producer<K, V>> factory) {
		this.factory = factory;
	}

	/**
	 * A lazy {@link KafkaProducer}.
	 * @param config the producer settings
	 * @param keySerializer the key serializer
	 * @param valueSerializer the value serializer
	 * @param <K> the key type
	 * @param <V> the value type
	 * @return the lazy producer
	 */
	public static <K, V> LazyProducer<K, V> of(Map<String, Object> config, Serializer<K> keySerializer,
			Serializer<V> valueSerializer) {
		return new LazyProducer<>(() -> new KafkaProducer<>(config, keySerializer, valueSerializer));
	}

	@Override
	public synchronized Producer<K, V> get() {
		if (this.closed) {
			throw new IllegalStateException("The producer is closed");
		}
		if (this.producer == null) {
			this.producer = this.factory.get();
		}
		return this.producer;
	}

	/**
	 * Whether the producer was created.
	 * @return whether {@link #get()} was called
	 */
	public synchronized boolean isCreated() {
		return this.producer != null;
	}

	@Override
	public void close() {
		Producer<K, V> toClose;
		synchronized (this) {
			this.closed = true;
			toClose = this.producer;
			this.producer = null;
		}
		if (toClose != null) {
			toClose.close(Duration.ofSeconds(5));
		}
	}

}
