package dev.heartbeat.boot.monitor.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.heartbeat.boot.monitor.actuate.endpoint.MonitorEndpoint;
import dev.heartbeat.boot.monitor.autoconfigure.MonitorEndpointAutoConfiguration;
import dev.heartbeat.boot.monitor.kafka.ControlSender;
import dev.heartbeat.boot.monitor.kafka.DeadLetterPublisher;
import dev.heartbeat.boot.monitor.kafka.HeartbeatConsumer;
import dev.heartbeat.boot.monitor.kafka.ReportedStateStore;
import dev.heartbeat.boot.monitor.listener.ListenerDispatcher;
import dev.heartbeat.boot.test.FailureMessages;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.time.HeartbeatClock;
import dev.heartbeat.core.time.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatMonitorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, HeartbeatMonitorAutoConfiguration.class,
				MonitorEndpointAutoConfiguration.class))
		// nothing listens there: the consumer retries in the background and never blocks the context
		.withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:1");

	@Test
	void monitorShouldBeOffByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(DeadlineEngine.class);
			assertThat(context).doesNotHaveBean(HeartbeatConsumer.class);
			assertThat(context).doesNotHaveBean(MonitorEndpoint.class);
		});
	}

	@Test
	void enabledMonitorShouldStartWithoutABrokerAndProvideItsBeans() {
		this.runner
			.withPropertyValues("heartbeat.monitor.enabled=true", "management.endpoints.web.exposure.include=heartbeats")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(DeadlineEngine.class);
				assertThat(context).hasSingleBean(HeartbeatConsumer.class);
				assertThat(context).hasSingleBean(ListenerDispatcher.class);
				assertThat(context).hasSingleBean(ControlSender.class);
				assertThat(context).hasSingleBean(MonitorEndpoint.class);
				assertThat(context).hasSingleBean(HeartbeatClock.class);
				assertThat(context).doesNotHaveBean(DeadLetterPublisher.class);
				assertThat(context.getBean(HeartbeatConsumer.class).isRunning()).isTrue();
				assertThat(context.getBean(ControlSender.class).isSigned()).isFalse();
			});
	}

	@Test
	void monitorShouldMapItsPropertiesOntoTheEngine() {
		this.runner
			.withPropertyValues("heartbeat.monitor.enabled=true", "heartbeat.monitor.late-factor=1.2",
					"heartbeat.monitor.report-by-buffer=2.5", "heartbeat.monitor.hold-time=2s",
					"heartbeat.monitor.reminder-interval=10m", "heartbeat.monitor.max-duration=1h",
					"heartbeat.monitor.dead-letter-topic=heartbeats-dlt", "heartbeat.kafka.topic=beats",
					"heartbeat.control.secret=0123456789abcdef0123456789abcdef")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				var config = context.getBean(DeadlineEngine.class).config();
				assertThat(config.lateFactor()).isEqualTo(1.2);
				assertThat(config.reportByBuffer()).isEqualTo(2.5);
				assertThat(config.holdTime()).hasSeconds(2);
				assertThat(config.reminderInterval()).hasMinutes(10);
				assertThat(config.maxDuration()).hasHours(1);
				assertThat(context.getBean(DeadLetterPublisher.class).topic()).isEqualTo("heartbeats-dlt");
				assertThat(context.getBean(HeartbeatConsumer.class).topic()).isEqualTo("beats");
				assertThat(context.getBean(ControlSender.class).isSigned()).isTrue();
			});
	}

	@Test
	void userClockShouldBeUsed() {
		this.runner.withPropertyValues("heartbeat.monitor.enabled=true")
			.withUserConfiguration(ClockConfiguration.class)
			.run((context) -> assertThat(context.getBean(HeartbeatClock.class)).isInstanceOf(ManualClock.class));
	}

	@Test
	void listenersShouldEachGetAChannelBesidesTheApplicationEvents() {
		this.runner
			.withPropertyValues("heartbeat.monitor.enabled=true", "heartbeat.monitor.listeners[0].kind=log",
					"heartbeat.monitor.listeners[1].kind=http",
					"heartbeat.monitor.listeners[1].url=http://localhost:9/hook",
					"heartbeat.monitor.listeners[2].name=audit", "heartbeat.monitor.listeners[2].kind=kafka",
					"heartbeat.monitor.listeners[2].topic=heartbeat-events")
			.run((context) -> assertThat(context.getBean(ListenerDispatcher.class).channels())
				.extracting(dev.heartbeat.boot.monitor.listener.ListenerChannel::name)
				.containsExactly("application-event", "log-0", "http-1", "audit"));
	}

	@Test
	void theStateStoreShouldBeOnByDefaultAndOffWhenTurnedOff() {
		this.runner.withPropertyValues("heartbeat.monitor.enabled=true")
			.run((context) -> assertThat(context.getBean(ReportedStateStore.class).topic())
				.isEqualTo("heartbeat-monitor-state"));
		this.runner.withPropertyValues("heartbeat.monitor.enabled=true", "heartbeat.monitor.state.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ReportedStateStore.class));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"heartbeat.monitor.late-factor=0.5|heartbeat.monitor.late-factor|0.5|must be at least 1 and at most 1000",
			"heartbeat.monitor.report-by-buffer=1001|heartbeat.monitor.report-by-buffer|1001.0|must be at least 1 and at most 1000",
			"heartbeat.monitor.late-factor=4|heartbeat.monitor.late-factor|4.0|must be less than heartbeat.monitor.report-by-buffer (3.0)",
			"heartbeat.monitor.hold-time=-1s|heartbeat.monitor.hold-time|-1s|must be zero or more",
			"heartbeat.monitor.reminder-interval=-5m|heartbeat.monitor.reminder-interval|-5m|must be zero or more",
			"heartbeat.monitor.reminder-interval=400d|heartbeat.monitor.reminder-interval|400d|must be at most 365 days",
			"heartbeat.monitor.max-duration=0s|heartbeat.monitor.max-duration|0s|must be positive",
			"heartbeat.monitor.max-duration=400d|heartbeat.monitor.max-duration|400d|must be at most 365 days",
			"heartbeat.monitor.group-id= |heartbeat.monitor.group-id||must not be blank",
			"heartbeat.monitor.blind-after=0s|heartbeat.monitor.blind-after|0s|must be positive",
			"heartbeat.monitor.blind-after=400d|heartbeat.monitor.blind-after|400d|must be at most 365 days",
			"heartbeat.monitor.membership.session-timeout=500ms|heartbeat.monitor.membership.session-timeout|500ms|must be at least 1s and at most 30m",
			"heartbeat.monitor.membership.session-timeout=2h|heartbeat.monitor.membership.session-timeout|2h|must be at least 1s and at most 30m",
			"heartbeat.monitor.membership.instance-id=monitor a|heartbeat.monitor.membership.instance-id|monitor a|is not a legal Kafka group instance id",
			"heartbeat.monitor.state.topic=state topic|heartbeat.monitor.state.topic|state topic|is not a legal Kafka topic name",
			"heartbeat.monitor.state.topic=|heartbeat.monitor.state.topic||must not be empty",
			"heartbeat.monitor.listeners[0].url=http://x|heartbeat.monitor.listeners[0].kind|null|must be set",
			"heartbeat.monitor.listeners[0].kind=http|heartbeat.monitor.listeners[0].url|null|must be set for an http listener",
			"heartbeat.monitor.listeners[0].kind=kafka|heartbeat.monitor.listeners[0].topic|null|must be set for a kafka listener",
			"heartbeat.monitor.listeners[0].kind=log,heartbeat.monitor.listeners[0].event-regex=heartbeat\\.(|heartbeat.monitor.listeners[0].event-regex|heartbeat\\.(|is not a regular expression",
			"heartbeat.monitor.listeners[0].kind=log,heartbeat.monitor.listeners[0].event=a,heartbeat.monitor.listeners[0].event-regex=b|heartbeat.monitor.listeners[0].event-regex|b|must not be set together with event",
			"heartbeat.monitor.listeners[0].kind=log,heartbeat.monitor.listeners[0].timeout=0s|heartbeat.monitor.listeners[0].timeout|0s|must be positive",
			"heartbeat.monitor.listeners[0].kind=log,heartbeat.monitor.listeners[0].retries=-1|heartbeat.monitor.listeners[0].retries|-1|must be between 0 and 100",
			"heartbeat.monitor.listeners[0].kind=log,heartbeat.monitor.listeners[0].backoff=-1s|heartbeat.monitor.listeners[0].backoff|-1s|must be zero or more",
			"heartbeat.monitor.listeners[0].kind=http,heartbeat.monitor.listeners[0].url=ftp://x/y|heartbeat.monitor.listeners[0].url|ftp://x/y|must be an absolute http:// or https:// URL",
			"heartbeat.monitor.listeners[0].kind=http,heartbeat.monitor.listeners[0].url=http://x/y,heartbeat.monitor.listeners[0].method=GE T|heartbeat.monitor.listeners[0].method|GE T|is not an HTTP method",
			"heartbeat.monitor.listeners[0].kind=http,heartbeat.monitor.listeners[0].url=http://x/y,heartbeat.monitor.listeners[0].headers.Host=evil|heartbeat.monitor.listeners[0].headers||are refused by the HTTP client",
			"heartbeat.monitor.listeners[0].kind=log,heartbeat.monitor.listeners[0].name=application-event|heartbeat.monitor.listeners[0].name|application-event|is reserved" })
	void invalidValueShouldFailTheStartUpNamingItsProperty(String properties, String name, String value, String reason) {
		this.runner.withPropertyValues("heartbeat.monitor.enabled=true")
			.withPropertyValues(properties.split(","))
			.run((context) -> {
				assertThat(context).hasFailed();
				String message = FailureMessages.validationError(context.getStartupFailure(), name);
				assertThat(message).startsWith(name + " " + reason);
				if (value != null) {
					assertThat(message).endsWith(", was '" + value + "'");
				}
			});
	}

	@Test
	void shortControlSecretShouldFailTheStartUpNamingTheProperty() {
		this.runner.withPropertyValues("heartbeat.monitor.enabled=true", "heartbeat.control.secret=leaky-value")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("heartbeat.control.secret");
				assertThat(context.getStartupFailure()).rootCause().message().doesNotContain("leaky-value");
			});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"heartbeat.kafka.topic=no spaces|heartbeat.kafka.topic|is not a legal Kafka topic name",
			"heartbeat.kafka.topic=|heartbeat.kafka.topic|must not be empty",
			"heartbeat.control.topic=control/topic|heartbeat.control.topic|is not a legal Kafka topic name",
			"heartbeat.control.topic=heartbeats|heartbeat.control.topic|must differ from heartbeat.kafka.topic",
			"heartbeat.control.secret=leaky-value|heartbeat.control.secret|must have at least 32 bytes (UTF-8), the configured value has 11" })
	void monitorOnlyAppShouldStillRefuseABadSettingItSharesWithTheBeatingSide(String property, String name,
			String reason) {
		this.runner.withPropertyValues("heartbeat.enabled=false", "heartbeat.monitor.enabled=true", property)
			.run((context) -> {
				assertThat(context).hasFailed();
				String message = FailureMessages.validationError(context.getStartupFailure(), name);
				assertThat(message).startsWith(name + " " + reason);
				assertThat(FailureMessages.of(context.getStartupFailure())).doesNotContain("leaky-value");
			});
	}

	@Test
	void monitorOnlyAppShouldIgnoreTheBeatingSidesOwnSettings() {
		this.runner
			.withPropertyValues("heartbeat.enabled=false", "heartbeat.monitor.enabled=true", "heartbeat.period=0s",
					"heartbeat.health.timeout=0s", "heartbeat.process=not valid")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(DeadlineEngine.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class ClockConfiguration {

		@Bean
		HeartbeatClock testClock() {
			return new ManualClock();
		}

	}

}
