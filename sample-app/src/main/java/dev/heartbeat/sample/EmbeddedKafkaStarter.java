package dev.heartbeat.sample;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.common.utils.Exit;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Starts a real Apache Kafka broker (KRaft, one node, on loopback) inside this JVM before the
 * application context reads {@code spring.kafka.bootstrap-servers}, so the sample needs nothing
 * installed. Turned off with {@code --sample.kafka.embedded=false}, in which case the sample uses
 * whatever {@code spring.kafka.bootstrap-servers} says. Never started while the build runs the
 * application for AOT processing ({@code spring-boot:process-aot}), which only needs the bean
 * definitions and would otherwise never end.
 */
class EmbeddedKafkaStarter implements SmartApplicationListener {

	static final String SWITCH = "sample.kafka.embedded";

	private static final Log logger = LogFactory.getLog(EmbeddedKafkaStarter.class);

	private @Nullable EmbeddedKafkaKraftBroker broker;

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
		if (Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)) {
			return;
		}
		if (!environment.getProperty(SWITCH, Boolean.class, true) || this.broker != null) {
			logger.info("Using the Kafka cluster at " + environment.getProperty("spring.kafka.bootstrap-servers"));
			return;
		}
		long started = System.nanoTime();
		EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 1);
		kafka.brokerProperties(Map.of("log.cleaner.backoff.ms", "1000",
				// the monitor's consumer group gets its partitions at once instead of after 3 s
				"group.initial.rebalance.delay.ms", "0", "offsets.topic.num.partitions", "1"));
		// Kafka deletes the broker's temporary directory in a JVM shutdown hook of its own, which
		// races Boot's: on Ctrl-C the broker lost its log directory while the context was still
		// sending its stop beats. Hold those hooks back and run them once the broker is down.
		List<Runnable> cleanups = new CopyOnWriteArrayList<>();
		Exit.setShutdownHookAdder((name, hook) -> cleanups.add(hook));
		try {
			kafka.afterPropertiesSet();
		}
		finally {
			Exit.resetShutdownHookAdder();
		}
		this.broker = kafka;
		// shutdown handlers run after Boot closed the context, so the stop beats still reach the broker
		SpringApplication.getShutdownHandlers().add(() -> {
			stop();
			cleanups.forEach(EmbeddedKafkaStarter::runQuietly);
		});
		environment.getPropertySources()
			.addFirst(new MapPropertySource("embeddedKafka",
					Map.of("spring.kafka.bootstrap-servers", kafka.getBrokersAsString())));
		logger.info("Started an embedded Kafka broker at " + kafka.getBrokersAsString() + " in "
				+ (System.nanoTime() - started) / 1_000_000 + " ms (use --" + SWITCH
				+ "=false --spring.kafka.bootstrap-servers=host:port for your own cluster)");
	}

	private void stop() {
		runQuietly(this.broker::destroy);
	}

	private static void runQuietly(Runnable action) {
		try {
			action.run();
		}
		catch (RuntimeException ex) {
			// the JVM is going down anyway
		}
	}

}
