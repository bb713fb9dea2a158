package dev.heartbeat.boot.monitor.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A real application with the starter, beating to the shared broker from a {@link ChildJvm} of
 * its own: its health is driven by a switchable indicator, {@link #kill()} is a {@code SIGKILL}
 * (no {@code stop}, nothing released gracefully) and {@link #close()} a {@code SIGTERM} (Spring's
 * shutdown hook closes the context, which sends {@code stop}).
 */
public final class RealApp implements BeatingApp {

	private final ChildJvm jvm;

	private final String topic;

	private final String process;

	private final Duration period;

	private RealApp(ChildJvm jvm, String topic, String process, Duration period) {
		this.jvm = jvm;
		this.topic = topic;
		this.process = process;
		this.period = period;
	}

	/**
	 * Start the JVM of an app and return at once (start several to let them boot in parallel).
	 * @param topic the heartbeat topic
	 * @param process the process id
	 * @param period the beat period
	 * @param properties more properties, {@code name=value}
	 * @return the app, booting
	 */
	public static RealApp start(String topic, String process, Duration period, String... properties) {
		List<String> args = arguments(topic, "e2e", period, properties);
		args.add("--heartbeat.process=" + process);
		return new RealApp(ChildJvm.start(process, ChildApplication.class, args), topic, process, period);
	}

	/**
	 * Start the JVM of one instance of an app on the default process id, as a pod of a
	 * deployment: its {@code HOSTNAME} is the instance id, so its process is
	 * {@code <app>-<hostname>}; returns at once.
	 * @param topic the heartbeat topic
	 * @param app the app ({@code spring.application.name})
	 * @param hostname its {@code HOSTNAME}, a pod's name
	 * @param period the beat period
	 * @param properties more properties, {@code name=value}
	 * @return the app, booting
	 */
	public static RealApp instance(String topic, String app, String hostname, Duration period, String... properties) {
		String process = app + "-" + hostname;
		return new RealApp(ChildJvm.start(process, ChildApplication.class, arguments(topic, app, period, properties),
				Map.of("HOSTNAME", hostname)), topic, process, period);
	}

	private static List<String> arguments(String topic, String app, Duration period, String... properties) {
		List<String> args = new ArrayList<>(List.of(
				"--spring.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(), "--spring.application.name=" + app,
				"--heartbeat.period=" + period.toMillis() + "ms",
				"--heartbeat.health.timeout=" + period.multipliedBy(2).dividedBy(3).toMillis() + "ms",
				// a beat waiting longer (for the topic, or behind a slow one) would reach a monitor stale
				"--heartbeat.publisher-timeout=" + period.multipliedBy(2).dividedBy(3).toMillis() + "ms",
				"--heartbeat.kafka.topic=" + topic, "--heartbeat.control.enabled=false",
				"--spring.main.web-application-type=none", "--spring.main.banner-mode=off"));
		for (String property : properties) {
			args.add("--" + property);
		}
		return args;
	}

	/**
	 * Wait until the application is ready (and so has started beating).
	 * @param within how long at most
	 * @return this
	 */
	public RealApp awaitReady(Duration within) {
		this.jvm.awaitMessage((message) -> message.startsWith("READY"), within);
		return this;
	}

	/**
	 * The JVM it runs in.
	 * @return the JVM
	 */
	public ChildJvm jvm() {
		return this.jvm;
	}

	@Override
	public String process() {
		return this.process;
	}

	@Override
	public Duration period() {
		return this.period;
	}

	/**
	 * Set the status of its switchable health indicator, and wait until it took it.
	 * @param code the status code, e.g. {@code OUT_OF_SERVICE}
	 */
	public void health(String code) {
		this.jvm.ask("health " + code, Duration.ofSeconds(5));
	}

	/**
	 * Its health goes {@code OUT_OF_SERVICE}, so it beats {@code degraded}.
	 */
	@Override
	public void degrade() {
		health("OUT_OF_SERVICE");
	}

	@Override
	public void kill() {
		this.jvm.kill();
	}

	/**
	 * The record time of the last record of this process on the topic.
	 * @return the time
	 */
	@Override
	public Instant lastBeatTime() {
		return Instant.ofEpochMilli(lastRecord().timestamp());
	}

	/**
	 * The last record of this process on the topic.
	 * @return the record
	 */
	public ConsumerRecord<String, String> lastRecord() {
		return SharedKafka.lastRecord(this.topic, this.process)
			.orElseThrow(() -> new AssertionError("No record of " + this.process + " on " + this.topic));
	}

	@Override
	public void close() {
		if (this.jvm.isAlive()) {
			this.jvm.terminate(Duration.ofSeconds(15));
		}
	}

	@Override
	public String toString() {
		return "RealApp[" + this.process + ", " + this.jvm + "]";
	}

}
