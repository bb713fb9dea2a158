package dev.heartbeat.boot.support;

import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

/**
 * Registers the classes the Kafka clients instantiate by reflection from the starter's settings:
 * serializers and deserializers, the monitor's partition assignor, and Spring Boot's SSL engine
 * factory (for an SSL bundle). Nothing is registered without the Kafka client on the class path.
 */
class KafkaClientRuntimeHints implements RuntimeHintsRegistrar {

	static final String SSL_ENGINE_FACTORY = "org.springframework.boot.kafka.autoconfigure.SslBundleSslEngineFactory";

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		if (!ClassUtils.isPresent("org.apache.kafka.clients.producer.Producer", classLoader)) {
			return;
		}
		for (Class<?> type : new Class<?>[] { StringSerializer.class, StringDeserializer.class,
				ByteArraySerializer.class, ByteArrayDeserializer.class, CooperativeStickyAssignor.class }) {
			hints.reflection().registerType(type, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
		}
		if (ClassUtils.isPresent(SSL_ENGINE_FACTORY, classLoader)) {
			hints.reflection()
				.registerType(TypeReference.of(SSL_ENGINE_FACTORY), MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
		}
	}

}
