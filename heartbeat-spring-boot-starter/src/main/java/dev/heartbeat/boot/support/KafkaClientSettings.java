package dev.heartbeat.boot.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.kafka.autoconfigure.SslBundleSslEngineFactory;
import org.springframework.boot.ssl.SslBundle;

/**
 * The configuration of the starter's own Kafka clients, built from Spring Boot's: the connection
 * (bootstrap servers, security protocol, SSL bundle, SASL and other {@code spring.kafka.properties},
 * and the connection details Boot resolved, e.g. from a service connection) is reused; what the
 * starter's clients need is set on top, so a user's {@code KafkaTemplate} set up for JSON neither
 * matters nor changes.
 * <p>
 * The beating side's clients ({@link #beatProducer}, {@link #controlConsumer}, {@link #topicAdmin})
 * are named after the process; the monitor's ({@link #consumer}, {@link #producer}) append their
 * purpose to a configured client id.
 */
public final class KafkaClientSettings {

	/**
	 * Memory the heartbeat producer may use for unsent records: beats are tiny, and a broker that
	 * is down must not make the producer hoard them.
	 */
	public static final long PRODUCER_BUFFER_MEMORY = 1024 * 1024;

	private final KafkaProperties properties;

	private final @Nullable KafkaConnectionDetails connectionDetails;

	/**
	 * Settings from Boot's Kafka properties and connection details.
	 * @param properties {@code spring.kafka}
	 * @param connectionDetails the connection details, or {@code null} to use the properties alone
	 */
	public KafkaClientSettings(KafkaProperties properties, @Nullable KafkaConnectionDetails connectionDetails) {
		this.properties = Objects.requireNonNull(properties, "properties");
		this.connectionDetails = connectionDetails;
	}

	/**
	 * Consumer settings: {@code spring.kafka.consumer} and the connection, with overrides.
	 * @param purpose appended to a configured client id, e.g. {@code heartbeat-monitor}
	 * @param overrides settings that win over {@code spring.kafka.consumer}
	 * @return the settings
	 */
	public Map<String, Object> consumer(String purpose, Map<String, Object> overrides) {
		return withPurpose(consumer(), purpose, overrides);
	}

	/**
	 * Producer settings: {@code spring.kafka.producer} and the connection, with overrides.
	 * @param purpose appended to a configured client id, e.g. {@code heartbeat-control}
	 * @param overrides settings that win over {@code spring.kafka.producer}
	 * @return the settings
	 */
	public Map<String, Object> producer(String purpose, Map<String, Object> overrides) {
		return withPurpose(producer(), purpose, overrides);
	}

	/**
	 * The configuration of a process's beat producer.
	 * <p>
	 * String serializers; {@code acks=all}; one request in flight and retries bounded by the
	 * delivery timeout (beats stay in order); no linger; {@code max.block.ms} at most the
	 * publisher timeout, so a send never blocks the publisher thread for longer; a delivery
	 * timeout of about the time a receiver waits (period × buffer, at least the publisher
	 * timeout), with the request timeout kept within it; bounded buffer memory; no transactions.
	 * @param process the process id, the client id is {@code heartbeat-<process>}
	 * @param publisherTimeout the publisher timeout
	 * @param deliveryWindow period × report-by-buffer
	 * @return the configuration
	 */
	public Map<String, Object> beatProducer(String process, Duration publisherTimeout, Duration deliveryWindow) {
		Map<String, Object> config = producer();
		config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId(process));
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
	 * The configuration of a process's control-topic consumer: no consumer group (every instance
	 * reads every record), no commits, string deserializers, no topic auto-creation.
	 * @param process the process id, the client id is {@code heartbeat-<process>-control}
	 * @return the configuration
	 */
	public Map<String, Object> controlConsumer(String process) {
		Map<String, Object> config = consumer();
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId(process) + "-control");
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		return config;
	}

	/**
	 * The configuration of the admin client that creates the heartbeat topic.
	 * @param process the process id, the client id is {@code heartbeat-<process>-admin}
	 * @param timeout how long one admin call may take
	 * @return the configuration
	 */
	public Map<String, Object> topicAdmin(String process, Duration timeout) {
		Map<String, Object> config = connect(this.properties.buildAdminProperties(), KafkaConnectionDetails::getAdmin);
		config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId(process) + "-admin");
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

	private Map<String, Object> consumer() {
		return connect(this.properties.buildConsumerProperties(), KafkaConnectionDetails::getConsumer);
	}

	private Map<String, Object> producer() {
		return connect(this.properties.buildProducerProperties(), KafkaConnectionDetails::getProducer);
	}

	// Boot's settings of one kind of client, with the connection Boot resolved for that kind
	private Map<String, Object> connect(Map<String, Object> bootSettings,
			Function<KafkaConnectionDetails, KafkaConnectionDetails.Configuration> kind) {
		Map<String, Object> config = new HashMap<>(bootSettings);
		if (this.connectionDetails == null) {
			return config;
		}
		KafkaConnectionDetails.Configuration connection = kind.apply(this.connectionDetails);
		config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, connection.getBootstrapServers());
		String protocol = connection.getSecurityProtocol();
		if (protocol != null && !protocol.isEmpty()) {
			config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
		}
		SslBundle sslBundle = connection.getSslBundle();
		if (sslBundle != null) {
			config.put(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG, SslBundleSslEngineFactory.class);
			config.put(SslBundle.class.getName(), sslBundle);
		}
		return config;
	}

	private static Map<String, Object> withPurpose(Map<String, Object> config, String purpose,
			Map<String, Object> overrides) {
		Object clientId = config.get(CommonClientConfigs.CLIENT_ID_CONFIG);
		if (clientId != null) {
			config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId + "-" + purpose);
		}
		config.putAll(overrides);
		return config;
	}

	private static String clientId(String process) {
		return "heartbeat-" + process;
	}

	private static void cap(Map<String, Object> config, String key, long kafkaDefault, long max) {
		config.put(key, Math.min(longValue(config.get(key), kafkaDefault), max));
	}

	private static long longValue(@Nullable Object value, long otherwise) {
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
