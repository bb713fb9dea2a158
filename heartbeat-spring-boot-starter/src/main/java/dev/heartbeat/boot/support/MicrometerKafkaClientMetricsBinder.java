package dev.heartbeat.boot.support;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Binds the starter's Kafka clients with Micrometer's {@link KafkaClientMetrics}, like Spring
 * Boot binds the clients of its Kafka factories: meters {@code kafka.producer.*} and
 * {@code kafka.consumer.*} tagged with {@code client.id}, {@code kafka.version} and
 * {@code spring.id} (the name the client was bound under), so that consumer lag and producer
 * errors of the heartbeat show up beside those of the application's own clients.
 * <p>
 * One client is bound per name: binding a new one (a consumer created again after a failure)
 * removes the meters of the one before. {@link #close()} removes them all.
 */
public final class MicrometerKafkaClientMetricsBinder implements KafkaClientMetricsBinder, AutoCloseable {

	/**
	 * The tag naming what a client is for, as Spring Boot tags its own clients.
	 */
	public static final String SPRING_ID = "spring.id";

	/**
	 * How often the meters are matched to the client's metrics again: the metrics of a partition
	 * (its lag) appear only once it is fetched, and Micrometer's default (a minute) would keep
	 * them out of the first scrapes.
	 */
	public static final Duration REFRESH_INTERVAL = Duration.ofSeconds(10);

	private final Supplier<@Nullable MeterRegistry> registry;

	private final Map<String, KafkaClientMetrics> bound = new ConcurrentHashMap<>();

	// guarded by this: refreshes the meters of every bound client; created with the first binding
	private @Nullable ScheduledExecutorService started;

	/**
	 * Create a binder.
	 * @param registry the registry, looked up when a client is bound; {@code null} binds nothing
	 */
	public MicrometerKafkaClientMetricsBinder(Supplier<@Nullable MeterRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public <K, V> Producer<K, V> producer(String name, Producer<K, V> producer) {
		bind(name, (tags) -> new KafkaClientMetrics(producer, tags, scheduler(), REFRESH_INTERVAL));
		return producer;
	}

	@Override
	public <K, V> Consumer<K, V> consumer(String name, Consumer<K, V> consumer) {
		bind(name, (tags) -> new KafkaClientMetrics(consumer, tags, scheduler(), REFRESH_INTERVAL));
		return consumer;
	}

	private void bind(String name, Function<Iterable<Tag>, KafkaClientMetrics> metrics) {
		MeterRegistry meters = this.registry.get();
		if (meters == null) {
			return;
		}
		KafkaClientMetrics created = metrics.apply(Tags.of(SPRING_ID, name));
		KafkaClientMetrics previous = this.bound.put(name, created);
		if (previous != null) {
			previous.close();
		}
		created.bindTo(meters);
	}

	private synchronized ScheduledExecutorService scheduler() {
		if (this.started == null) {
			CustomizableThreadFactory threads = new CustomizableThreadFactory("heartbeat-kafka-metrics-");
			threads.setDaemon(true);
			this.started = Executors.newSingleThreadScheduledExecutor(threads);
		}
		return this.started;
	}

	/**
	 * The names clients are bound under now.
	 * @return the names
	 */
	public Set<String> boundNames() {
		return Set.copyOf(this.bound.keySet());
	}

	@Override
	public void close() {
		this.bound.values().forEach(KafkaClientMetrics::close);
		this.bound.clear();
		synchronized (this) {
			if (this.started != null) {
				this.started.shutdownNow();
				this.started = null;
			}
		}
	}

	@Override
	public String toString() {
		return "MicrometerKafkaClientMetricsBinder" + this.bound.keySet();
	}

}
