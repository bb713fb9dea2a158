package dev.heartbeat.boot.monitor.autoconfigure;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.heartbeat.boot.monitor.autoconfigure.HeartbeatMonitorAutoConfiguration;
import dev.heartbeat.boot.monitor.kafka.ControlSender;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.time.HeartbeatClock;
import dev.heartbeat.boot.monitor.actuate.endpoint.MonitorEndpoint;

/**
 * Auto-configuration of the monitor's {@code heartbeats} endpoint.
 */
@AutoConfiguration(after = HeartbeatMonitorAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean({ DeadlineEngine.class, ControlSender.class })
@ConditionalOnAvailableEndpoint(MonitorEndpoint.class)
public final class MonitorEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MonitorEndpoint heartbeatsEndpoint(DeadlineEngine engine, ControlSender control, HeartbeatClock clock) {
		return new MonitorEndpoint(engine, control, clock);
	}

}
