package dev.heartbeat.boot.beat.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.util.function.SingletonSupplier;

import dev.heartbeat.boot.beat.autoconfigure.HeartbeatProperties.HealthAction;
import dev.heartbeat.boot.beat.health.HealthPolicy;
import dev.heartbeat.boot.beat.health.HealthBeatSource;
import dev.heartbeat.boot.beat.health.HealthEvaluator;
import dev.heartbeat.core.schedule.TickDecision;
import dev.heartbeat.core.schedule.BeatSource;

/**
 * Auto-configuration that makes actuator health drive the beats, when Spring Boot's health
 * module is present. Without it, every tick sends {@code beat}.
 */
@AutoConfiguration(before = HeartbeatAutoConfiguration.class,
		afterName = { "org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration",
				"org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration" })
@ConditionalOnClass(HealthContributorRegistry.class)
@ConditionalOnBean(HealthContributorRegistry.class)
@ConditionalOnBooleanProperty(name = "heartbeat.enabled", matchIfMissing = true)
@EnableConfigurationProperties(HeartbeatProperties.class)
public final class HeartbeatHealthAutoConfiguration {

	/**
	 * Name of the heartbeat's own health contributor, never part of the health that drives beats.
	 */
	static final String OWN_CONTRIBUTOR = "heartbeat";

	HeartbeatHealthAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(BeatSource.class)
	HealthBeatSource heartbeatHealthBeatSource(HeartbeatProperties properties,
			ObjectProvider<HealthContributorRegistry> registry,
			ObjectProvider<ReactiveHealthContributorRegistry> reactiveRegistry,
			ObjectProvider<HealthEndpointGroups> groups) {
		HeartbeatProperties.Health health = properties.getHealth();
		// resolved lazily: the registry holds the heartbeat's health indicator, which needs the
		// scheduler, which needs this source
		SingletonSupplier<HealthContributors> contributors = SingletonSupplier.of(() -> {
			ReactiveHealthContributorRegistry reactive = reactiveRegistry.getIfAvailable();
			HealthContributorRegistry blocking = registry.getObject();
			return (reactive != null) ? HealthContributors.of(blocking, reactive.asHealthContributors()) : blocking;
		});
		List<String> excluded = new ArrayList<>(health.getExclude());
		excluded.add(OWN_CONTRIBUTOR);
		HealthEvaluator evaluator = new HealthEvaluator(contributors, groups::getIfAvailable, health.getGroup(),
				excluded);
		return new HealthBeatSource(evaluator, mapping(health), HeartbeatPropertiesMapper.healthTimeout(properties));
	}

	@Bean
	SmartInitializingSingleton heartbeatHealthGroupCheck(ObjectProvider<HealthBeatSource> source) {
		// fails start-up if heartbeat.health.group names no group
		return () -> source.ifAvailable(HealthBeatSource::check);
	}

	static HealthPolicy mapping(HeartbeatProperties.Health health) {
		Map<String, TickDecision.Kind> overrides = new LinkedHashMap<>();
		health.getMapping().forEach((code, kind) -> overrides.put(code.toUpperCase(Locale.ROOT), kind(kind)));
		return new HealthPolicy(overrides, kind(health.getDown()));
	}

	private static TickDecision.Kind kind(HealthAction mapping) {
		return switch (mapping) {
			case BEAT -> TickDecision.Kind.BEAT;
			case DEGRADED -> TickDecision.Kind.DEGRADED;
			case SILENT -> TickDecision.Kind.SILENT;
		};
	}

}
