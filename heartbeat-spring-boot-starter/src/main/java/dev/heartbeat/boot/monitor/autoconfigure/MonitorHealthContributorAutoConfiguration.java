package dev.heartbeat.boot.monitor.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import dev.heartbeat.boot.monitor.health.MonitorHealthIndicator;
import dev.heartbeat.boot.monitor.kafka.HeartbeatConsumer;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.time.HeartbeatClock;

/**
 * Auto-configuration of the monitor's {@code heartbeatMonitor} health indicator (off with
 * {@code management.health.heartbeatmonitor.enabled=false}).
 */
@AutoConfiguration(after = HeartbeatMonitorAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean({ HeartbeatConsumer.class, DeadlineEngine.class })
@ConditionalOnEnabledHealthIndicator("heartbeatmonitor")
public final class MonitorHealthContributorAutoConfiguration {

	MonitorHealthContributorAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(name = "heartbeatMonitorHealthIndicator")
	MonitorHealthIndicator heartbeatMonitorHealthIndicator(HeartbeatConsumer consumer, DeadlineEngine engine,
			HeartbeatClock clock) {
		return new MonitorHealthIndicator(consumer, engine, clock);
	}

}
