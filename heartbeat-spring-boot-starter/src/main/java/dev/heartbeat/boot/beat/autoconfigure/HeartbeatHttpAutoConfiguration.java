package dev.heartbeat.boot.beat.autoconfigure;

import java.util.EnumMap;
import java.util.Map;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

import dev.heartbeat.boot.beat.http.BeatUrl;
import dev.heartbeat.boot.beat.http.HttpBeatPublisher;
import dev.heartbeat.boot.diagnostics.HeartbeatStartupException;
import dev.heartbeat.core.beat.BeatKind;
import dev.heartbeat.core.status.StatusTracker;

/**
 * Auto-configuration of the HTTP publisher, active when {@code heartbeat.http.url} or a URL per
 * kind ({@code heartbeat.http.urls.*}) is set. The status a receiver answers with is fed back to
 * the run status tracker; the answer is read with Jackson ({@code tools.jackson.core:jackson-databind},
 * which every Spring MVC or WebFlux application has), and start-up fails if it is missing.
 */
@AutoConfiguration(before = HeartbeatAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "heartbeat.enabled", matchIfMissing = true)
@Conditional(HeartbeatHttpAutoConfiguration.OnHttpUrl.class)
@EnableConfigurationProperties(HeartbeatProperties.class)
public final class HeartbeatHttpAutoConfiguration {

	private static final String JACKSON = "tools.jackson.databind.json.JsonMapper";

	HeartbeatHttpAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	HttpBeatPublisher heartbeatHttpPublisher(HeartbeatProperties properties, StatusTracker tracker) {
		if (!ClassUtils.isPresent(JACKSON, HeartbeatHttpAutoConfiguration.class.getClassLoader())) {
			throw new HeartbeatStartupException(
					"The HTTP publisher (heartbeat.http.url) reads the receiver's answer with Jackson, which is not "
							+ "on the class path.",
					"Add tools.jackson.core:jackson-databind (it comes with spring-boot-starter-webmvc and "
							+ "spring-boot-starter-json), or remove heartbeat.http.url and heartbeat.http.urls.");
		}
		HeartbeatHttpProperties http = properties.getHttp();
		return new HttpBeatPublisher(targets(http), http.getHeaders(), http.getTimeout(),
				(status) -> tracker.apply(status, HttpBeatPublisher.SOURCE));
	}

	// validated when bound: every kind has a URL, every method is known
	static Map<BeatKind, HttpBeatPublisher.Target> targets(HeartbeatHttpProperties http) {
		Map<BeatKind, HttpBeatPublisher.Target> targets = new EnumMap<>(BeatKind.class);
		for (BeatKind kind : BeatKind.values()) {
			String url = http.getUrls().getOrDefault(kind, http.getUrl());
			targets.put(kind, new HttpBeatPublisher.Target(http.getMethods().getOrDefault(kind, "POST"),
					BeatUrl.parse(url)));
		}
		return targets;
	}

	/**
	 * Matches when {@code heartbeat.http.url} or one of {@code heartbeat.http.urls} is set.
	 */
	static class OnHttpUrl extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			if (context.getEnvironment().containsProperty("heartbeat.http.url")) {
				return ConditionOutcome.match("heartbeat.http.url is set");
			}
			boolean perKind = Binder.get(context.getEnvironment())
				.bind("heartbeat.http.urls", Bindable.mapOf(String.class, String.class))
				.map((urls) -> !urls.isEmpty())
				.orElse(false);
			return perKind ? ConditionOutcome.match("heartbeat.http.urls is set")
					: ConditionOutcome.noMatch("neither heartbeat.http.url nor heartbeat.http.urls is set");
		}

	}

}
