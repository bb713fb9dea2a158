package dev.heartbeat.boot.monitor.autoconfigure;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class MembershipSettingsTests {

	private final MembershipProperties membership = new MembershipProperties();

	private final MockEnvironment environment = new MockEnvironment();

	@Test
	void theClassicProtocolShouldGetAShortSessionWithAHeartbeatEveryThirdOfIt() {
		Map<String, Object> config = MembershipSettings.apply(new HashMap<>(), this.membership, this.environment);
		assertThat(config).containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6000)
			.containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2000)
			.doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
	}

	@Test
	void theHeartbeatIntervalShouldBeAtMostThreeSeconds() {
		this.membership.setSessionTimeout(Duration.ofSeconds(45));
		assertThat(MembershipSettings.apply(new HashMap<>(), this.membership, this.environment))
			.containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 45000)
			.containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3000);
	}

	@Test
	void whatSpringKafkaPropertiesSetShouldWin() {
		Map<String, Object> config = new HashMap<>(Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "1500",
				ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "300"));
		assertThat(MembershipSettings.apply(config, this.membership, this.environment))
			.containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "1500")
			.containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "300");
	}

	@Test
	void theConsumerProtocolShouldGetNoSessionTimeoutItsBrokerSetsIt() {
		Map<String, Object> config = new HashMap<>(Map.of(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer"));
		this.membership.setInstanceId("monitor-a");
		assertThat(MembershipSettings.apply(config, this.membership, this.environment))
			.doesNotContainKeys(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG)
			.containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "monitor-a");
	}

	@Test
	void inKubernetesThePodNameShouldBeTheStaticIdentity() {
		this.environment.setProperty(MembershipSettings.KUBERNETES, "10.0.0.1");
		this.environment.setProperty(MembershipSettings.HOSTNAME, "monitor-7c9f-x2k4q");
		assertThat(MembershipSettings.apply(new HashMap<>(), this.membership, this.environment))
			.containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "monitor-7c9f-x2k4q");
	}

	@Test
	void outsideKubernetesTheHostNameShouldNotBeAStaticIdentity() {
		this.environment.setProperty(MembershipSettings.HOSTNAME, "laptop");
		assertThat(MembershipSettings.apply(new HashMap<>(), this.membership, this.environment))
			.doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
	}

	@Test
	void aConfiguredIdentityShouldWinOverThePodNameAndAnIllegalPodNameShouldBeNone() {
		this.environment.setProperty(MembershipSettings.KUBERNETES, "10.0.0.1");
		this.environment.setProperty(MembershipSettings.HOSTNAME, "not a name");
		assertThat(MembershipSettings.apply(new HashMap<>(), this.membership, this.environment))
			.doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
		this.membership.setInstanceId("monitor-b");
		assertThat(MembershipSettings.apply(new HashMap<>(), this.membership, this.environment))
			.containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "monitor-b");
	}

}
