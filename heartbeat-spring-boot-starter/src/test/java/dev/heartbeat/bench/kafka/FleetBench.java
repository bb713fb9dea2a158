package dev.heartbeat.bench.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import dev.heartbeat.boot.monitor.support.MonitorJvm;

/**
 * What the fleet benchmarks (cold rebuild, takeover, scale-out) share: an embedded KRaft broker
 * in this JVM, compacted heartbeat topics as the starter declares them, and monitors in JVMs of
 * their own ({@link MonitorJvm}, the reliability tests' support) with a pinned heap and the
 * JVM's default JIT and collector (the tests' own children run C1 only, which boots quickly
 * and runs slowly).
 */
final class FleetBench {

	/**
	 * The options of every monitor JVM.
	 */
	static final List<String> MONITOR_JVM = List.of("-Xms1g", "-Xmx1g", "-XX:-UsePerfData",
			"-Djava.awt.headless=true");

	private FleetBench() {
	}

	/**
	 * A broker on loopback.
	 * @param initialRebalanceDelay how long a new group waits for more members before its first
	 * assignment
	 * @return the started broker
	 */
	static EmbeddedKafkaKraftBroker broker(Duration initialRebalanceDelay) {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
		broker.brokerProperty("group.initial.rebalance.delay.ms", Long.toString(initialRebalanceDelay.toMillis()));
		broker.brokerProperty("offsets.topic.num.partitions", "1");
		broker.afterPropertiesSet();
		return broker;
	}

	/**
	 * Create a log-compacted topic, as the starter declares the heartbeat topic.
	 */
	static void createCompactedTopic(EmbeddedKafkaKraftBroker broker, String name, int partitions) {
		NewTopic topic = new NewTopic(name, partitions, (short) 1)
			.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
		broker.doWithAdmin((admin) -> {
			try {
				admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				throw new IllegalStateException("Could not create " + name, ex);
			}
		});
	}

	/**
	 * Start a monitor in a JVM of its own: the starter's monitor with its defaults (membership
	 * included), beating nothing itself, no web server, no line per event.
	 */
	static MonitorJvm monitor(EmbeddedKafkaKraftBroker broker, String name, String topic, String group,
			String... properties) {
		String[] all = new String[properties.length + 1];
		all[0] = "child.events=off";
		System.arraycopy(properties, 0, all, 1, properties.length);
		return MonitorJvm.start(broker.getBrokersAsString(), MONITOR_JVM, name, topic, group, all);
	}

	/**
	 * The CPU time of this JVM (the broker, the producer, the benchmark).
	 * @return nanoseconds
	 */
	static long ownCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
