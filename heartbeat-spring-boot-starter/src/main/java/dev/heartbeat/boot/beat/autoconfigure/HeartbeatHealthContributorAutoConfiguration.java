package dev.heartbeat.boot.beat.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import dev.heartbeat.boot.beat.health.HeartbeatHealthIndicator;
import dev.heartbeat.boot.beat.lifecycle.HeartbeatLifecycle;
import dev.heartbeat.core.schedule.BeatScheduler;
import dev.heartbeat.core.time.HeartbeatClock;

/**
 * Auto-configuration of the {@code heartbeat} health indicator (off with
 * {@code management.health.heartbeat.enabled=false}).
 */
@AutoConfiguration(after = HeartbeatAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean({ BeatScheduler.class, HeartbeatLifecycle.class })
@ConditionalOnEnabledHealthIndicator("heartbeat")
public final class HeartbeatHealthContributorAutoConfiguration {

	HeartbeatHealthContributorAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(name = "heartbeatHealthIndicator")
	HeartbeatHealthIndicator heartbeatHealthIndicator(BeatScheduler scheduler, HeartbeatLifecycle lifecycle,
			HeartbeatClock clock, HeartbeatProperties properties) {
		return new HeartbeatHealthIndicator(scheduler, lifecycle, clock, HeartbeatPropertiesMapper.reportWindow(properties));
	}

}
