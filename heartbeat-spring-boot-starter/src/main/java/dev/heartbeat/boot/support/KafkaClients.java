package dev.heartbeat.boot.support;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SslConfigs;

import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.kafka.autoconfigure.SslBundleSslEngineFactory;
import org.springframework.boot.ssl.SslBundle;

/**
 * Settings of the monitor's own Kafka clients: everything from {@code spring.kafka} (and the
 * connection details Boot resolved, e.g. from a service connection), with the monitor's
 * overrides on top.
 */
public final class KafkaClients {

	private final KafkaProperties properties;

	private final KafkaConnectionDetails connectionDetails;

	/**
	 * Settings from Boot's Kafka properties.
	 * @param properties {@code spring.kafka}
	 * @param connectionDetails the connection details, or {@code null} to use the properties alone
	 */
	public KafkaClients(KafkaProperties properties, KafkaConnectionDetails connectionDetails) {
		this.properties = properties;
		this.connectionDetails = connectionDetails;
	}

	/**
	 * Consumer settings.
	 * @param purpose appended to a configured client id, e.g. {@code heartbeat-monitor}
	 * @param overrides settings that win over {@code spring.kafka.consumer}
	 * @return the settings
	 */
	public Map<String, Object> consumer(String purpose, Map<String, Object> overrides) {
		Map<String, Object> config = new HashMap<>(this.properties.buildConsumerProperties());
		if (this.connectionDetails != null) {
			apply(config, this.connectionDetails.getConsumer());
		}
		return finish(config, purpose, overrides);
	}

	/**
	 * Producer settings.
	 * @param purpose appended to a configured client id, e.g. {@code heartbeat-control}
	 * @param overrides settings that win over {@code spring.kafka.producer}
	 * @return the settings
	 */
	public Map<String, Object> producer(String purpose, Map<String, Object> overrides) {
		Map<String, Object> config = new HashMap<>(this.properties.buildProducerProperties());
		if (this.connectionDetails != null) {
			apply(config, this.connectionDetails.getProducer());
		}
		return finish(config, purpose, overrides);
	}

	private static Map<String, Object> finish(Map<String, Object> config, String purpose,
			Map<String, Object> overrides) {
		Object clientId = config.get(CommonClientConfigs.CLIENT_ID_CONFIG);
		if (clientId != null) {
			config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId + "-" + purpose);
		}
		config.putAll(overrides);
		return config;
	}

	private static void apply(Map<String, Object> config, KafkaConnectionDetails.Configuration connection) {
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
	}

}
