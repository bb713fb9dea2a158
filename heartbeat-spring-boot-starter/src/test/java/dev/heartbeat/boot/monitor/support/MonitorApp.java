package dev.heartbeat.boot.monitor.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.heartbeat.boot.monitor.kafka.HeartbeatConsumer;
import dev.heartbeat.boot.monitor.kafka.IngestStats;
import dev.heartbeat.core.monitor.DeadlineEngine;

import static org.awaitility.Awaitility.await;

/**
 * A real Spring Boot application with {@code heartbeat.monitor.enabled=true}, started and closed
 * by a test.
 */
public final class MonitorApp implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private MonitorApp(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Start a monitor on the shared broker.
	 * @param topic the heartbeat topic
	 * @param groupId the consumer group
	 * @param properties more properties, {@code name=value}
	 * @return the running monitor
	 */
	public static MonitorApp start(String topic, String groupId, String... properties) {
		return start(WebApplicationType.NONE, topic, groupId, properties);
	}

	/**
	 * Start a monitor on the shared broker, as a web application on a random port if asked.
	 * @param type the kind of application; with a web server its port is {@link #port()}
	 * @param topic the heartbeat topic
	 * @param groupId the consumer group
	 * @param properties more properties, {@code name=value}
	 * @return the running monitor
	 */
	public static MonitorApp start(WebApplicationType type, String topic, String groupId, String... properties) {
		List<String> all = new ArrayList<>(List.of("spring.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
				"heartbeat.monitor.enabled=true", "heartbeat.monitor.group-id=" + groupId,
				// a monitor only: it does not beat itself, so it tracks exactly what the test sends
				"heartbeat.enabled=false",
				"heartbeat.kafka.topic=" + topic,
				// notice rebalances quickly (the default heartbeat interval is 3 s)
				"spring.kafka.consumer.properties[heartbeat.interval.ms]=200",
				"spring.kafka.consumer.properties[session.timeout.ms]=6000", "spring.main.banner-mode=off",
				"server.port=0"));
		all.addAll(List.of(properties));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TestMonitorApplication.class)
			.web(type)
			.run(arguments(all));
		return new MonitorApp(context);
	}

	/**
	 * Wait until the monitor owns partitions and has rebuilt them all.
	 * @param within how long to wait at most
	 * @return this
	 */
	public MonitorApp awaitLive(Duration within) {
		await().atMost(within).pollInterval(Duration.ofMillis(20)).until(consumer()::isLive);
		return this;
	}

	/**
	 * The application context.
	 * @return the context
	 */
	public ConfigurableApplicationContext context() {
		return this.context;
	}

	/**
	 * The port of its web server.
	 * @return the port
	 */
	public int port() {
		return this.context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	/**
	 * The recorded Spring events.
	 * @return the recorder
	 */
	public EventRecorder events() {
		return this.context.getBean(EventRecorder.class);
	}

	/**
	 * The engine.
	 * @return the engine
	 */
	public DeadlineEngine engine() {
		return this.context.getBean(DeadlineEngine.class);
	}

	/**
	 * The consumer.
	 * @return the consumer
	 */
	public HeartbeatConsumer consumer() {
		return this.context.getBean(HeartbeatConsumer.class);
	}

	/**
	 * The record counters.
	 * @return the stats
	 */
	public IngestStats stats() {
		return this.context.getBean(IngestStats.class);
	}

	@Override
	public void close() {
		this.context.close();
	}

	/**
	 * The properties as command-line arguments: they then win over the system property
	 * {@code spring.kafka.bootstrap-servers} that every embedded broker of the run sets. A
	 * property given twice keeps its last value (Spring would join repeated arguments with commas).
	 */
	static String[] arguments(List<String> properties) {
		Map<String, String> last = new LinkedHashMap<>();
		for (String property : properties) {
			int equals = property.indexOf('=');
			last.put((equals < 0) ? property : property.substring(0, equals), property);
		}
		return last.values().stream().map((property) -> "--" + property).toArray(String[]::new);
	}

}
