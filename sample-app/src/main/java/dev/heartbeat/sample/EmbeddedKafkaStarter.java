package dev.heartbeat.sample;

import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Starts a real Apache Kafka broker (KRaft, one node, on loopback) inside this JVM before the
 * application context reads {@code spring.kafka.bootstrap-servers}, so the sample needs nothing
 * installed. Turned off with {@code --sample.kafka.embedded=false}, in which case the sample uses
 * whatever {@code spring.kafka.bootstrap-servers} says.
 */
class EmbeddedKafkaStarter implements SmartApplicationListener {

	static final String SWITCH = "sample.kafka.embedded";

	private static final Log logger = LogFactory.getLog(EmbeddedKafkaStarter.class);

	private EmbeddedKafkaKraftBroker broker;

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
			start(prepared.getEnvironment());
		}
	}

	private void start(ConfigurableEnvironment environment) {
		if (!environment.getProperty(SWITCH, Boolean.class, true) || this.broker != null) {
			logger.info("Using the Kafka cluster at " + environment.getProperty("spring.kafka.bootstrap-servers"));
			return;
		}
		long started = System.nanoTime();
		EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 1);
		kafka.brokerProperties(Map.of("log.cleaner.backoff.ms", "1000"));
		kafka.afterPropertiesSet();
		this.broker = kafka;
		// shutdown handlers run after Boot closed the context, so the stop beat still reaches the broker
		SpringApplication.getShutdownHandlers().add(this::stop);
		environment.getPropertySources()
			.addFirst(new MapPropertySource("embeddedKafka",
					Map.of("spring.kafka.bootstrap-servers", kafka.getBrokersAsString())));
		logger.info("Started an embedded Kafka broker at " + kafka.getBrokersAsString() + " in "
				+ (System.nanoTime() - started) / 1_000_000 + " ms (use --" + SWITCH
				+ "=false --spring.kafka.bootstrap-servers=host:port for your own cluster)");
	}

	private void stop() {
		try {
			this.broker.destroy();
		}
		catch (RuntimeException ex) {
			// the JVM is going down anyway; Kafka's temp-dir cleanup sometimes races it
		}
	}

}
