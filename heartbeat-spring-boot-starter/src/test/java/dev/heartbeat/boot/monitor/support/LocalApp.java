package dev.heartbeat.boot.monitor.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.heartbeat.boot.test.SwitchableHealthIndicator;
import dev.heartbeat.core.schedule.BeatScheduler;
import dev.heartbeat.core.status.StatusTracker;

/**
 * The application of {@link ChildApplication}, with the starter, run in the test JVM instead of a
 * JVM of its own: cheaper, and its beans are at hand, but it cannot die without warning (closing
 * it is a graceful shutdown).
 */
public final class LocalApp implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private LocalApp(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Start an application that beats for a process.
	 * @param type the kind of application; with a web server its port is {@link #port()}
	 * @param bootstrapServers the broker
	 * @param topic the heartbeat topic
	 * @param process the process id
	 * @param period the beat period
	 * @param properties more properties, {@code name=value}
	 * @return the running application (ready, so beating)
	 */
	public static LocalApp start(WebApplicationType type, String bootstrapServers, String topic, String process,
			Duration period, String... properties) {
		List<String> all = new ArrayList<>(List.of("spring.kafka.bootstrap-servers=" + bootstrapServers,
				"spring.application.name=e2e", "heartbeat.process=" + process,
				"heartbeat.period=" + period.toMillis() + "ms",
				"heartbeat.health.timeout=" + period.multipliedBy(2).dividedBy(3).toMillis() + "ms",
				"heartbeat.publisher-timeout=" + period.multipliedBy(2).dividedBy(3).toMillis() + "ms",
				"heartbeat.kafka.topic=" + topic, "spring.main.banner-mode=off", "server.port=0"));
		all.addAll(List.of(properties));
		return new LocalApp(new SpringApplicationBuilder(ChildApplication.class).web(type)
			.run(MonitorApp.arguments(all)));
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
	 * Its run status.
	 * @return the tracker
	 */
	public StatusTracker tracker() {
		return this.context.getBean(StatusTracker.class);
	}

	/**
	 * Its beat scheduler.
	 * @return the scheduler
	 */
	public BeatScheduler scheduler() {
		return this.context.getBean(BeatScheduler.class);
	}

	/**
	 * The health indicator a test switches.
	 * @return the indicator
	 */
	public SwitchableHealthIndicator health() {
		return this.context.getBean(SwitchableHealthIndicator.class);
	}

	/**
	 * Close it: a graceful shutdown, which sends {@code stop}.
	 */
	@Override
	public void close() {
		this.context.close();
	}


}
