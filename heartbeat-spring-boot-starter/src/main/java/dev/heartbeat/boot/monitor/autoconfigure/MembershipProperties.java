package dev.heartbeat.boot.monitor.autoconfigure;

import java.time.Duration;

/**
 * How the monitor takes part in its consumer group, under {@code heartbeat.monitor.membership}:
 * how soon the others take over the partitions of a monitor that stopped answering, and the
 * static identity under which a restarted monitor takes its partitions back at once.
 */
public class MembershipProperties {

	/**
	 * How long the group waits for a monitor that stopped answering (killed, frozen, cut off)
	 * before its partitions go to the others: Kafka's session.timeout.ms of the classic group
	 * protocol, with a heartbeat every third of it (at most 3s). Brokers refuse less than their
	 * group.min.session.timeout.ms (6s by default). Not used with group.protocol=consumer, whose
	 * session timeout the broker sets, nor where spring.kafka.consumer.properties sets
	 * session.timeout.ms.
	 */
	private Duration sessionTimeout = Duration.ofSeconds(6);

	/**
	 * Static membership: this monitor's group.instance.id, so that a monitor restarted with the
	 * same id takes its partitions back at once, without a rebalance. Defaults to the HOSTNAME
	 * environment variable in Kubernetes (KUBERNETES_SERVICE_HOST set), none elsewhere.
	 */
	private String instanceId;

	public Duration getSessionTimeout() {
		return this.sessionTimeout;
	}

	public void setSessionTimeout(Duration sessionTimeout) {
		this.sessionTimeout = sessionTimeout;
	}

	public String getInstanceId() {
		return this.instanceId;
	}

	public void setInstanceId(String instanceId) {
		this.instanceId = instanceId;
	}

}
