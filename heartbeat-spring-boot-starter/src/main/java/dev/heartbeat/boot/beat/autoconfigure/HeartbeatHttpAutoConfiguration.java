package dev.heartbeat.boot.beat.autoconfigure;

import java.net.URI;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.heartbeat.boot.beat.http.HttpBeatPublisher;
import dev.heartbeat.core.status.StatusTracker;

/**
 * Auto-configuration of the HTTP publisher, active when {@code heartbeat.http.url} is set. The
 * status a receiver answers with is fed back to the run status tracker.
 */
@AutoConfiguration(before = HeartbeatAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "heartbeat.enabled", matchIfMissing = true)
@ConditionalOnProperty("heartbeat.http.url")
@EnableConfigurationProperties(HeartbeatProperties.class)
public final class HeartbeatHttpAutoConfiguration {

	HeartbeatHttpAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	HttpBeatPublisher heartbeatHttpPublisher(HeartbeatProperties properties, StatusTracker tracker) {
		HeartbeatProperties.Http http = properties.getHttp();
		return new HttpBeatPublisher(URI.create(http.getUrl().strip()), http.getTimeout(),
				(status) -> tracker.apply(status, HttpBeatPublisher.SOURCE));
	}

}
