package dev.heartbeat.boot.monitor.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.heartbeat.boot.monitor.health.MonitorHealthIndicator;

import static org.assertj.core.api.Assertions.assertThat;

class MonitorHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, HeartbeatMonitorAutoConfiguration.class,
				MonitorHealthContributorAutoConfiguration.class))
		// nothing listens there: the consumer retries in the background and never blocks the context
		.withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:1");

	@Test
	void aMonitorShouldContributeTheHeartbeatMonitorHealth() {
		this.runner.withPropertyValues("heartbeat.monitor.enabled=true").run((context) -> {
			assertThat(context).hasBean("heartbeatMonitorHealthIndicator");
			Health health = context.getBean(MonitorHealthIndicator.class).health();
			// the monitor runs, but no broker answers it
			assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
			assertThat(health.getDetails()).containsEntry("reason", "no partitions: nothing to watch");
			context.stop();
			assertThat(context.getBean(MonitorHealthIndicator.class).health().getStatus()).isEqualTo(Status.DOWN);
		});
	}

	@Test
	void theHealthShouldBeOffWhenTurnedOffAndWithoutAMonitor() {
		this.runner.withPropertyValues("heartbeat.monitor.enabled=true", "management.health.heartbeatmonitor.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MonitorHealthIndicator.class));
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(MonitorHealthIndicator.class));
	}

}
