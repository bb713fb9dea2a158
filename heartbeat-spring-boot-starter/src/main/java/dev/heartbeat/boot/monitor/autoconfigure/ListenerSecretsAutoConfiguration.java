package dev.heartbeat.boot.monitor.autoconfigure;

import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Masks the listeners' secrets in the actuator's {@code env} and {@code configprops} endpoints,
 * even with {@code show-values=always}: every listener's {@code url} (a webhook's token is in its
 * path), {@code headers}, {@code routing-key} and {@code api-key}, however the property is written
 * (kebab case, camel case, environment variable). So are the HTTP publisher's URLs
 * (a healthchecks.io ping URL is its credential), its extra {@code heartbeat.http.headers} (an
 * {@code Authorization}, say) and the ingest's
 * {@code heartbeat.monitor.ingest.token}.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class ListenerSecretsAutoConfiguration {

	// the key in lower case without dashes, underscores as dots
	private static final Pattern SECRET = Pattern
		.compile("heartbeat\\.monitor\\.listeners[.\\[].+[.\\]]?\\.(url|routingkey|apikey|headers(\\..*|\\[.*)?)"
				+ "|heartbeat\\.http\\.(url|(headers|urls)(\\..*|\\[.*)?)|heartbeat\\.monitor\\.ingest\\.token");

	ListenerSecretsAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(name = "heartbeatListenerSecrets")
	SanitizingFunction heartbeatListenerSecrets() {
		return (data) -> isSecret(data.getKey()) ? data.withSanitizedValue() : data;
	}

	static boolean isSecret(String key) {
		String normalized = key.toLowerCase(Locale.ROOT).replace("-", "").replace('_', '.');
		return SECRET.matcher(normalized).matches();
	}

}
