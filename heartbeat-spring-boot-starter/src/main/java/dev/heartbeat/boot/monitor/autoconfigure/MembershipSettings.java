package dev.heartbeat.boot.monitor.autoconfigure;

import java.util.Map;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;

import org.springframework.core.env.Environment;

/**
 * The monitor consumer's group membership, from {@link MembershipProperties}: a short session
 * (so that the others take over a killed monitor's partitions within seconds) and static
 * membership (so that a monitor restarted with the same identity takes its partitions back at
 * once). What {@code spring.kafka.consumer.properties} sets explicitly wins.
 * <p>
 * With the classic group protocol the session timeout is the client's to choose, within the
 * broker's {@code group.min.session.timeout.ms} (6 s by default). With the consumer group
 * protocol of KIP-848 ({@code group.protocol=consumer}) it is the broker's
 * {@code group.consumer.session.timeout.ms} (45 s by default, and no less than
 * {@code group.consumer.min.session.timeout.ms}, also 45 s), which a client may not set: then
 * only the instance id is applied.
 */
final class MembershipSettings {

	/**
	 * Set in Kubernetes: the pod's name is then a stable identity.
	 */
	static final String KUBERNETES = "KUBERNETES_SERVICE_HOST";

	static final String HOSTNAME = "HOSTNAME";

	// what Kafka accepts as a group instance id
	private static final Pattern LEGAL_ID = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

	private static final long MAX_HEARTBEAT_INTERVAL_MILLIS = 3_000;

	private MembershipSettings() {
	}

	/**
	 * Apply the membership to a consumer's settings.
	 * @param config the consumer settings, changed in place
	 * @param membership the membership properties
	 * @param environment where {@code HOSTNAME} and {@code KUBERNETES_SERVICE_HOST} are read
	 * @return the settings
	 */
	static Map<String, Object> apply(Map<String, Object> config, MembershipProperties membership,
			Environment environment) {
		boolean classic = !"consumer".equalsIgnoreCase(String.valueOf(config.get(ConsumerConfig.GROUP_PROTOCOL_CONFIG)));
		if (classic && !config.containsKey(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)) {
			long session = membership.getSessionTimeout().toMillis();
			config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) session);
			config.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
					(int) Math.max(1, Math.min(MAX_HEARTBEAT_INTERVAL_MILLIS, session / 3)));
		}
		if (membership.getInstanceId() != null) {
			config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, membership.getInstanceId());
		}
		else {
			String podName = instanceId(membership, environment);
			if (podName != null) {
				config.putIfAbsent(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, podName);
			}
		}
		return config;
	}

	/**
	 * The static identity of this monitor: the configured one, or the pod name in Kubernetes.
	 * @param membership the membership properties
	 * @param environment the environment
	 * @return the id, or {@code null} for none
	 */
	static String instanceId(MembershipProperties membership, Environment environment) {
		if (membership.getInstanceId() != null) {
			return membership.getInstanceId();
		}
		String hostname = environment.getProperty(HOSTNAME);
		if (environment.getProperty(KUBERNETES) != null && hostname != null && LEGAL_ID.matcher(hostname).matches()) {
			return hostname;
		}
		return null;
	}

}
