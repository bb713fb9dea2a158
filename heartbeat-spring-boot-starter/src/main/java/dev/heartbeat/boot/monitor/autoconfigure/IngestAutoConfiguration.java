package dev.heartbeat.boot.monitor.autoconfigure;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

import dev.heartbeat.boot.beat.autoconfigure.HeartbeatProperties;
import dev.heartbeat.boot.diagnostics.HeartbeatStartupException;
import dev.heartbeat.boot.monitor.ingest.BeatIngest;
import dev.heartbeat.boot.monitor.ingest.ControlView;
import dev.heartbeat.boot.monitor.ingest.IngestEndpoint;
import dev.heartbeat.boot.monitor.ingest.IngestEndpoint.IngestOutcomes;
import dev.heartbeat.boot.monitor.kafka.BeatRecordDecoder;
import dev.heartbeat.boot.monitor.kafka.LazyProducer;
import dev.heartbeat.boot.support.KafkaClientMetricsBinder;
import dev.heartbeat.boot.support.KafkaClientSettings;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.time.HeartbeatClock;
import dev.heartbeat.core.wire.ControlSignature;

/**
 * Auto-configuration of the monitor's HTTP ingest, on with
 * {@code heartbeat.monitor.ingest.enabled=true} in a servlet web application whose monitor is
 * enabled: the route, the producer that writes the beats to the heartbeat topic (with the app
 * publisher's settings, its timeouts bounded by {@code heartbeat.monitor.ingest.timeout}) and the
 * reader of the control topic that tells the wanted run status. Without a token and without
 * Spring Security, start-up fails.
 */
@AutoConfiguration(after = HeartbeatMonitorAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(RouterFunction.class)
@ConditionalOnBean({ DeadlineEngine.class, KafkaClientSettings.class })
@ConditionalOnBooleanProperty(IngestProperties.PREFIX + ".enabled")
@EnableConfigurationProperties(IngestProperties.class)
public final class IngestAutoConfiguration {

	/** Counter of ingest requests, tags {@code outcome} and {@code reason}. */
	public static final String REQUESTS = "heartbeat.monitor.ingest.requests";

	private static final String SECURITY_FILTER_CHAIN = "org.springframework.security.web.SecurityFilterChain";

	IngestAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	ControlView heartbeatIngestControlView(KafkaClientSettings heartbeatMonitorKafkaClients,
			HeartbeatProperties heartbeat, HeartbeatClock heartbeatClock,
			ObjectProvider<KafkaClientMetricsBinder> metrics) {
		Map<String, Object> config = heartbeatMonitorKafkaClients.controlConsumer("monitor-ingest");
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		KafkaClientMetricsBinder binder = metrics.getIfAvailable(() -> KafkaClientMetricsBinder.NONE);
		// validated when bound, with the beating side's properties
		String secret = heartbeat.getControl().getSecret();
		return new ControlView(heartbeat.getControl().getTopic(),
				() -> binder.consumer("heartbeatIngestControlView", new KafkaConsumer<String, String>(config)),
				(secret != null) ? new ControlSignature(secret) : null, heartbeatClock);
	}

	@Bean
	@ConditionalOnMissingBean
	BeatIngest heartbeatBeatIngest(IngestProperties properties, HeartbeatMonitorProperties monitor,
			KafkaClientSettings heartbeatMonitorKafkaClients, HeartbeatProperties heartbeat,
			ControlView heartbeatIngestControlView, HeartbeatClock heartbeatClock,
			ObjectProvider<KafkaClientMetricsBinder> metrics) {
		// the app publisher's producer, every wait bounded by the request timeout
		Map<String, Object> config = heartbeatMonitorKafkaClients.beatProducer("monitor-ingest",
				properties.getTimeout(), properties.getTimeout());
		KafkaClientMetricsBinder binder = metrics.getIfAvailable(() -> KafkaClientMetricsBinder.NONE);
		LazyProducer<String, String> producer = new LazyProducer<>(
				() -> binder.producer("heartbeatBeatIngest", new KafkaProducer<String, String>(config)));
		return new BeatIngest(heartbeat.getKafka().getTopic(), producer,
				new BeatRecordDecoder(monitor.getMaxDuration()), heartbeatIngestControlView, heartbeatClock,
				properties.getTimeout());
	}

	@Bean
	@ConditionalOnMissingBean
	IngestEndpoint heartbeatIngestEndpoint(IngestProperties properties, BeatIngest heartbeatBeatIngest,
			ListableBeanFactory beans, ObjectProvider<IngestOutcomes> outcomes) {
		if (properties.getToken() == null && !isSecured(beans)) {
			throw new HeartbeatStartupException("The heartbeat ingest (" + IngestProperties.PREFIX
					+ ".enabled=true) has no " + IngestProperties.PREFIX
					+ ".token and the application has no Spring Security (no SecurityFilterChain bean), so anyone "
					+ "could write beats.",
					"Set " + IngestProperties.PREFIX + ".token to a secret of at least 32 bytes, or guard "
							+ properties.getPath() + "/** with Spring Security.");
		}
		return new IngestEndpoint(properties.getPath(), heartbeatBeatIngest, properties.getToken(),
				properties.getMaxConcurrent(), outcomes.getIfAvailable(() -> IngestOutcomes.NONE));
	}

	@Bean
	@ConditionalOnMissingBean(name = "heartbeatIngestRoutes")
	RouterFunction<ServerResponse> heartbeatIngestRoutes(IngestEndpoint heartbeatIngestEndpoint) {
		return heartbeatIngestEndpoint.routes();
	}

	static boolean isSecured(ListableBeanFactory beans) {
		ClassLoader loader = IngestAutoConfiguration.class.getClassLoader();
		if (!ClassUtils.isPresent(SECURITY_FILTER_CHAIN, loader)) {
			return false;
		}
		return beans.getBeanNamesForType(ClassUtils.resolveClassName(SECURITY_FILTER_CHAIN, loader), false,
				false).length > 0;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(MeterRegistry.class)
		IngestOutcomes heartbeatIngestOutcomes(MeterRegistry registry) {
			return (outcome, reason) -> registry.counter(REQUESTS, "outcome", outcome, "reason", reason).increment();
		}

	}

}
