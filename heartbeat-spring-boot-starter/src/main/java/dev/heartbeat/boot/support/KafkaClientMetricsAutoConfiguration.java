package dev.heartbeat.boot.support;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.producer.Producer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration that binds the starter's own Kafka clients (the beat producer, the control
 * consumer, the monitor's consumer and producers) to Micrometer when it is on the classpath. The
 * registry is looked up when a client is created, long after start-up.
 */
@AutoConfiguration
@ConditionalOnClass({ MeterRegistry.class, KafkaClientMetrics.class, Producer.class })
public final class KafkaClientMetricsAutoConfiguration {

	KafkaClientMetricsAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(KafkaClientMetricsBinder.class)
	MicrometerKafkaClientMetricsBinder heartbeatKafkaClientMetrics(ObjectProvider<MeterRegistry> registry) {
		return new MicrometerKafkaClientMetricsBinder(registry::getIfAvailable);
	}

}
