package dev.heartbeat.boot.beat.autoconfigure;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.heartbeat.boot.beat.actuate.endpoint.HeartbeatEndpoint;
import dev.heartbeat.boot.beat.lifecycle.LastDecision;
import dev.heartbeat.core.schedule.BeatScheduler;
import dev.heartbeat.core.status.StatusTracker;

/**
 * Auto-configuration of the {@code heartbeat} actuator endpoint.
 */
@AutoConfiguration(after = HeartbeatAutoConfiguration.class)
@ConditionalOnClass(name = { "org.springframework.boot.actuate.endpoint.annotation.Endpoint",
		"org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint" })
@ConditionalOnBean({ BeatScheduler.class, StatusTracker.class, LastDecision.class })
@ConditionalOnAvailableEndpoint(HeartbeatEndpoint.class)
public final class HeartbeatEndpointAutoConfiguration {

	HeartbeatEndpointAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	HeartbeatEndpoint heartbeatEndpoint(BeatScheduler scheduler, StatusTracker tracker, LastDecision lastDecision) {
		return new HeartbeatEndpoint(scheduler, tracker, lastDecision);
	}

}
