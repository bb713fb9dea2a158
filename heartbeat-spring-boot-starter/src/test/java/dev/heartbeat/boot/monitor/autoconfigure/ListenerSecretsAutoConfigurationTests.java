package dev.heartbeat.boot.monitor.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class ListenerSecretsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class,
				EnvironmentEndpointAutoConfiguration.class, ConfigurationPropertiesReportEndpointAutoConfiguration.class,
				ListenerSecretsAutoConfiguration.class))
		.withUserConfiguration(MonitorProperties.class)
		.withPropertyValues("management.endpoints.web.exposure.include=env,configprops",
				"management.endpoint.env.show-values=always",
				"management.endpoint.configprops.show-values=always",
				"heartbeat.monitor.listeners.chat.kind=slack",
				"heartbeat.monitor.listeners.chat.url=https://hooks.slack.com/services/T0/B0/slack-secret",
				"heartbeat.monitor.listeners.pager.kind=pagerduty",
				"heartbeat.monitor.listeners.pager.routing-key=pd-secret",
				"heartbeat.monitor.listeners.genie.kind=opsgenie", "heartbeat.monitor.listeners.genie.apiKey=og-secret",
				"heartbeat.monitor.listeners.hook.kind=http", "heartbeat.monitor.listeners.hook.url=https://x/y",
				"heartbeat.monitor.listeners.hook.headers.Authorization=Bearer header-secret");

	@Test
	void environmentEndpointShouldMaskTheListenersSecrets() {
		this.runner.run((context) -> {
			String shown = String.valueOf(context.getBean(EnvironmentEndpoint.class).environment(null)
				.getPropertySources()
				.stream()
				.flatMap((source) -> source.getProperties().values().stream())
				.map((value) -> String.valueOf(value.getValue()))
				.toList());
			assertThat(shown).doesNotContain("slack-secret", "pd-secret", "og-secret", "header-secret")
				.contains("******", "slack", "pagerduty");
		});
	}

	@Test
	void configurationPropertiesEndpointShouldMaskTheListenersSecrets() {
		this.runner.run((context) -> {
			String shown = String.valueOf(context.getBean(ConfigurationPropertiesReportEndpoint.class)
				.configurationPropertiesWithPrefix("heartbeat.monitor")
				.getContexts()
				.values()
				.stream()
				.map((beans) -> beans.getBeans().values().stream().map((bean) -> bean.getProperties()).toList())
				.toList());
			assertThat(shown).doesNotContain("slack-secret", "pd-secret", "og-secret", "header-secret")
				.contains("******", "SLACK");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "heartbeat.monitor.listeners.chat.url", "heartbeat.monitor.listeners.ops-pager.routing-key",
			"heartbeat.monitor.listeners.genie.apiKey", "HEARTBEAT_MONITOR_LISTENERS_PAGER_ROUTINGKEY",
			"heartbeat.monitor.listeners[chat].url", "heartbeat.monitor.listeners.hook.headers.Authorization",
			"heartbeat.http.headers.Authorization", "heartbeat.http.headers[X-Api-Key]", "HEARTBEAT_HTTP_HEADERS_AUTHORIZATION",
			"heartbeat.http.url", "heartbeat.http.urls.start", "heartbeat.monitor.ingest.token",
			"HEARTBEAT_MONITOR_INGEST_TOKEN" })
	void listenerSecretsShouldBeRecognizedHoweverTheyAreWritten(String key) {
		assertThat(ListenerSecretsAutoConfiguration.isSecret(key)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "heartbeat.monitor.listeners.chat.kind", "heartbeat.monitor.listeners.chat.digest",
			"heartbeat.monitor.board.url", "heartbeat.monitor.listeners.chat.to", "heartbeat.http.timeout",
			"heartbeat.http.methods.start", "heartbeat.monitor.ingest.path" })
	void otherPropertiesShouldBeShown(String key) {
		assertThat(ListenerSecretsAutoConfiguration.isSecret(key)).isFalse();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(HeartbeatMonitorProperties.class)
	static class MonitorProperties {

	}

}
