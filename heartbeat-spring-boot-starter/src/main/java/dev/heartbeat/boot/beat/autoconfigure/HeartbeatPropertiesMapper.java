package dev.heartbeat.boot.beat.autoconfigure;

import java.time.Duration;

import org.springframework.core.env.Environment;

import dev.heartbeat.core.beat.ProcessIds;
import dev.heartbeat.core.heart.HeartConfig;
import dev.heartbeat.core.schedule.SchedulerConfig;

/**
 * Maps the (already validated) properties onto core's configuration.
 */
final class HeartbeatPropertiesMapper {

	/**
	 * Application name used when {@code spring.application.name} is not set.
	 */
	static final String DEFAULT_APP = "application";

	/**
	 * The environment variable whose value is the default instance id: a Kubernetes pod's name,
	 * a container's id.
	 */
	static final String HOSTNAME = "HOSTNAME";

	private HeartbeatPropertiesMapper() {
	}

	static HeartConfig heartConfig(HeartbeatProperties properties, Environment environment) {
		String app = environment.getProperty("spring.application.name");
		if (app == null || app.isBlank()) {
			app = DEFAULT_APP;
		}
		String instance = (properties.getInstance() != null) ? properties.getInstance() : defaultInstance(environment);
		String process = (properties.getProcess() != null) ? properties.getProcess() : defaultProcess(app, instance);
		return HeartConfig.custom()
			.process(process)
			.app(app)
			.instance(instance)
			.minInterval(properties.getMinInterval())
			.build();
	}

	/**
	 * The default instance id: {@value #HOSTNAME} (read through the environment, so that a
	 * property of that name counts too) when it is set and a valid id, else a random id.
	 * @param environment the environment
	 * @return the instance id
	 */
	static String defaultInstance(Environment environment) {
		String hostname = environment.getProperty(HOSTNAME);
		return (hostname != null && ProcessIds.isValid(hostname)) ? hostname : HeartConfig.randomInstanceId();
	}

	/**
	 * The default process id: the application name made a valid id (whitespace, control
	 * characters and {@code *} become {@code -}), a dash, and the instance id.
	 * @param app the application name
	 * @param instance the instance id
	 * @return the process id
	 */
	static String defaultProcess(String app, String instance) {
		StringBuilder name = new StringBuilder(app.length());
		app.strip().codePoints().forEach((c) -> {
			boolean bad = Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c) || c == '*';
			name.appendCodePoint(bad ? '-' : c);
		});
		int room = ProcessIds.MAX_LENGTH - instance.length() - 1;
		String prefix = (name.length() > room) ? name.substring(0, Math.max(0, room)) : name.toString();
		return prefix + "-" + instance;
	}

	static SchedulerConfig schedulerConfig(HeartbeatProperties properties) {
		return SchedulerConfig.custom()
			.period(properties.getPeriod())
			.warmup(properties.getWarmup())
			// the scheduler starts when the application is ready: warm-up is over, beat at once
			.initialDelay(Duration.ZERO)
			.publisherTimeout(properties.getPublisherTimeout())
			.shutdownGrace(properties.getShutdownGrace())
			.build();
	}

	/**
	 * The longest health timeout used when {@code heartbeat.health.timeout} is not set.
	 */
	static final Duration MAX_DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(2);

	/**
	 * How long one health evaluation may take: {@code heartbeat.health.timeout}, or by default
	 * 2 s or half the period, whichever is shorter, so that any legal period works with it.
	 * @param properties the properties
	 * @return the timeout
	 */
	static Duration healthTimeout(HeartbeatProperties properties) {
		Duration configured = properties.getHealth().getTimeout();
		if (configured != null) {
			return configured;
		}
		Duration half = properties.getPeriod().dividedBy(2);
		return (half.compareTo(MAX_DEFAULT_HEALTH_TIMEOUT) < 0) ? half : MAX_DEFAULT_HEALTH_TIMEOUT;
	}

	/**
	 * How long a receiver waits for the next beat, and how long the heartbeat health tolerates
	 * publishers that deliver nothing: period × report-by-buffer.
	 * @param properties the properties
	 * @return the window
	 */
	static Duration reportWindow(HeartbeatProperties properties) {
		return Duration.ofNanos((long) (properties.getPeriod().toNanos() * properties.getReportByBuffer()));
	}

}
