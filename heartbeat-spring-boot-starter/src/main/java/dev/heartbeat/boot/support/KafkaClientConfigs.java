package dev.heartbeat.boot.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.kafka.autoconfigure.SslBundleSslEngineFactory;
import org.springframework.boot.ssl.SslBundle;

/**
 * Builds the configuration of the heartbeat's own Kafka clients from Spring Boot's: connection
 * settings (bootstrap servers, security protocol, SSL bundle, SASL and other
 * {@code spring.kafka.properties}) are reused; serialization, delivery and time limits are the
 * heartbeat's own, so a user's {@code KafkaTemplate} set up for JSON neither matters nor changes.
 */
public final class KafkaClientConfigs {

	/**
	 * Memory the heartbeat producer may use for unsent records: beats are tiny, and a broker that
	 * is down must not make the producer hoard them.
	 */
	public static final long PRODUCER_BUFFER_MEMORY = 1024 * 1024;

	private final KafkaProperties properties;

	private final KafkaConnectionDetails connectionDetails;

	private final String clientIdPrefix;

	/**
	 * Create a builder.
	 * @param properties Spring Boot's Kafka properties
	 * @param connectionDetails Spring Boot's Kafka connection details
	 * @param process this process's id, used in client ids
	 */
	public KafkaClientConfigs(KafkaProperties properties, KafkaConnectionDetails connectionDetails, String process) {
		this.properties = Objects.requireNonNull(properties, "properties");
		this.connectionDetails = Objects.requireNonNull(connectionDetails, "connectionDetails");
		this.clientIdPrefix = "heartbeat-" + process;
	}

	/**
	 * The producer configuration.
	 * <p>
	 * String serializers; {@code acks=all}; one request in flight and retries bounded by the
	 * delivery timeout (beats stay in order); no linger; {@code max.block.ms} at most the
	 * publisher timeout, so a send never blocks the publisher thread for longer; a delivery
	 * timeout of about the time a receiver waits (period × buffer, at least the publisher
	 * timeout), with the request timeout kept within it; bounded buffer memory; no transactions.
	 * @param publisherTimeout the publisher timeout
	 * @param deliveryWindow period × report-by-buffer
	 * @return the configuration
	 */
	public Map<String, Object> producer(Duration publisherTimeout, Duration deliveryWindow) {
		Map<String, Object> config = new HashMap<>(this.properties.buildProducerProperties());
		KafkaConnectionDetails.Configuration connection = this.connectionDetails.getProducer();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.getBootstrapServers());
		applySecurity(config, connection.getSecurityProtocol(), connection.getSslBundle());
		config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		config.put(ProducerConfig.CLIENT_ID_CONFIG, this.clientIdPrefix);
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
		config.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
		config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, PRODUCER_BUFFER_MEMORY);
		long maxBlock = Math.max(1, publisherTimeout.toMillis());
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlock);
		long delivery = Math.max(deliveryWindow.toMillis(), publisherTimeout.toMillis());
		delivery = Math.max(delivery, 1000);
		long request = Math.min(longValue(config.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG), 30_000), delivery);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) request);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.min(delivery, Integer.MAX_VALUE));
		return config;
	}

	/**
	 * The configuration of the control-topic consumer: no consumer group (every instance reads
	 * every record), no commits, string deserializers, no topic auto-creation.
	 * @return the configuration
	 */
	public Map<String, Object> controlConsumer() {
		Map<String, Object> config = new HashMap<>(this.properties.buildConsumerProperties());
		KafkaConnectionDetails.Configuration connection = this.connectionDetails.getConsumer();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.getBootstrapServers());
		applySecurity(config, connection.getSecurityProtocol(), connection.getSslBundle());
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, this.clientIdPrefix + "-control");
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		return config;
	}

	/**
	 * The configuration of the admin client that creates the heartbeat topic.
	 * @param timeout how long one admin call may take
	 * @return the configuration
	 */
	public Map<String, Object> admin(Duration timeout) {
		Map<String, Object> config = new HashMap<>(this.properties.buildAdminProperties());
		KafkaConnectionDetails.Configuration connection = this.connectionDetails.getAdmin();
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, connection.getBootstrapServers());
		applySecurity(config, connection.getSecurityProtocol(), connection.getSslBundle());
		config.put(AdminClientConfig.CLIENT_ID_CONFIG, this.clientIdPrefix + "-admin");
		int millis = (int) Math.min(Math.max(timeout.toMillis(), 1), Integer.MAX_VALUE);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
		return config;
	}

	/**
	 * Make a heartbeat client try a broker that was away again within the given time. Kafka's
	 * back-offs between reconnects and between retries grow to 1 s by default; with a short period
	 * that alone would keep beats away for more than two periods after the broker is back. Values
	 * configured lower are kept.
	 * @param config a client configuration, changed in place
	 * @param within the longest back-off wanted, e.g. a quarter of the period
	 * @return the configuration
	 */
	public static Map<String, Object> retryWithin(Map<String, Object> config, Duration within) {
		long max = Math.max(1, within.toMillis());
		cap(config, CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000, max);
		cap(config, CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG, 50, max);
		cap(config, CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG, 1000, max);
		cap(config, CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG, 100, max);
		return config;
	}

	private static void cap(Map<String, Object> config, String key, long kafkaDefault, long max) {
		config.put(key, Math.min(longValue(config.get(key), kafkaDefault), max));
	}

	private static void applySecurity(Map<String, Object> config, String securityProtocol, SslBundle sslBundle) {
		if (securityProtocol != null && !securityProtocol.isEmpty()) {
			config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol);
		}
		if (sslBundle != null) {
			config.put(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG, SslBundleSslEngineFactory.class);
			config.put(SslBundle.class.getName(), sslBundle);
		}
	}

	private static long longValue(Object value, long otherwise) {
		if (value instanceof Number number) {
			return number.longValue();
		}
		if (value instanceof String text && !text.isBlank()) {
			try {
				return Long.parseLong(text.strip());
			}
			catch (NumberFormatException ex) {
				return otherwise;
			}
		}
		return otherwise;
	}

}
