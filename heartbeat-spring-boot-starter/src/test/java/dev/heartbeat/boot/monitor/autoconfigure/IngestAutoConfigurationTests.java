package dev.heartbeat.boot.monitor.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

import dev.heartbeat.boot.diagnostics.HeartbeatStartupException;
import dev.heartbeat.boot.monitor.ingest.ControlView;
import dev.heartbeat.boot.monitor.ingest.IngestEndpoint;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the HTTP ingest is on, and what it refuses to start with.
 */
class IngestAutoConfigurationTests {

	private static final String TOKEN = "heartbeat.monitor.ingest.token=ingest-token-of-at-least-32-bytes";

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(KafkaAutoConfiguration.class,
			HeartbeatMonitorAutoConfiguration.class, IngestAutoConfiguration.class);

	// nothing listens there: the monitor's clients retry in the background, the ingest needs no broker to start
	private final WebApplicationContextRunner runner = new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
		.withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:1", "heartbeat.enabled=false",
				"heartbeat.monitor.enabled=true");

	@Test
	void ingestIsOffUnlessEnabled() {
		this.runner.withPropertyValues(TOKEN).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(IngestEndpoint.class).doesNotHaveBean(ControlView.class);
		});
	}

	@Test
	void ingestIsOnWithATokenInAServletWebApplication() {
		this.runner.withPropertyValues("heartbeat.monitor.ingest.enabled=true", TOKEN)
			.run((context) -> assertThat(context).hasSingleBean(IngestEndpoint.class)
				.hasSingleBean(ControlView.class)
				.hasBean("heartbeatIngestRoutes"));
	}

	@Test
	void ingestIsOffOutsideAWebApplication() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:1", "heartbeat.enabled=false",
					"heartbeat.monitor.enabled=true", "heartbeat.monitor.ingest.enabled=true", TOKEN)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(IngestEndpoint.class));
	}

	@Test
	void withoutATokenAndWithoutSpringSecurityStartUpFailsNamingTheProperty() {
		this.runner.withPropertyValues("heartbeat.monitor.ingest.enabled=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(HeartbeatStartupException.class)
				.hasMessageContaining("heartbeat.monitor.ingest.token")
				.hasMessageContaining("Spring Security"));
	}

	@Test
	void springSecurityGuardsTheIngestWithoutAToken() {
		this.runner.withPropertyValues("heartbeat.monitor.ingest.enabled=true")
			.withBean(SecurityFilterChain.class, () -> new DefaultSecurityFilterChain(AnyRequestMatcher.INSTANCE))
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(IngestEndpoint.class));
	}

	@Test
	void aShortTokenFailsAtBindTimeWithoutShowingIt() {
		this.runner.withPropertyValues("heartbeat.monitor.ingest.enabled=true",
				"heartbeat.monitor.ingest.token=short-secret-value")
			.run((context) -> {
				assertThat(context).getFailure().hasStackTraceContaining("heartbeat.monitor.ingest.token");
				assertThat(context.getStartupFailure()).hasStackTraceContaining("at least 32 bytes");
				assertThat(context.getStartupFailure()).satisfies((failure) -> assertThat(stackTrace(failure))
					.doesNotContain("short-secret-value"));
			});
	}

	@Test
	void badValuesFailAtBindTimeNamingThePropertyAndTheValue() {
		this.runner.withPropertyValues("heartbeat.monitor.ingest.enabled=true", TOKEN,
				"heartbeat.monitor.ingest.path=heartbeat/in/", "heartbeat.monitor.ingest.timeout=2m",
				"heartbeat.monitor.ingest.max-concurrent=0")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("heartbeat.monitor.ingest.path must start with '/'")
				.hasStackTraceContaining("was 'heartbeat/in/'")
				.hasStackTraceContaining("heartbeat.monitor.ingest.timeout must be between 1ms and 1m, was '2m'")
				.hasStackTraceContaining("heartbeat.monitor.ingest.max-concurrent must be at least 1, was '0'"));
	}

	private static String stackTrace(Throwable failure) {
		java.io.StringWriter text = new java.io.StringWriter();
		failure.printStackTrace(new java.io.PrintWriter(text));
		return text.toString();
	}

}
