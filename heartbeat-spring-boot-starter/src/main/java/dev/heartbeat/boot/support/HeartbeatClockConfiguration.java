package dev.heartbeat.boot.support;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.heartbeat.core.time.HeartbeatClock;

/**
 * The clock both sides of the starter take their time from: the system clock unless the
 * application defines a {@link HeartbeatClock} bean (tests define a manual one). Imported by the
 * beating side's and the monitor's auto-configurations, so that either alone has it.
 */
@Configuration(proxyBeanMethods = false)
public final class HeartbeatClockConfiguration {

	HeartbeatClockConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	HeartbeatClock heartbeatClock() {
		return HeartbeatClock.SYSTEM;
	}

}
