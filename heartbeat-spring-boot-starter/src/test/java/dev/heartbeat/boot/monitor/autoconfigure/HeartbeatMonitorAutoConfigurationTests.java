package dev.heartbeat.boot.monitor.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.heartbeat.boot.monitor.actuate.endpoint.MonitorEndpoint;
import dev.heartbeat.boot.monitor.autoconfigure.MonitorEndpointAutoConfiguration;
import dev.heartbeat.boot.monitor.kafka.ControlSender;
import dev.heartbeat.boot.monitor.kafka.DeadLetterPublisher;
import dev.heartbeat.boot.monitor.kafka.HeartbeatConsumer;
import dev.heartbeat.boot.monitor.listener.ListenerDispatcher;
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

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"heartbeat.monitor.late-factor=0.5|heartbeat.monitor.late-factor|0.5",
			"heartbeat.monitor.report-by-buffer=1001|heartbeat.monitor.report-by-buffer|1001.0",
			"heartbeat.monitor.late-factor=4|heartbeat.monitor.late-factor|4.0",
			"heartbeat.monitor.hold-time=-1s|heartbeat.monitor.hold-time|PT-1S",
			"heartbeat.monitor.reminder-interval=-5m|heartbeat.monitor.reminder-interval|PT-5M",
			"heartbeat.monitor.max-duration=0s|heartbeat.monitor.max-duration|PT0S",
			"heartbeat.monitor.max-duration=400d|heartbeat.monitor.max-duration|PT9600H",
			"heartbeat.monitor.group-id= |heartbeat.monitor.group-id|",
			"heartbeat.monitor.listeners[0].url=http://x|heartbeat.monitor.listeners[0].kind|",
			"heartbeat.monitor.listeners[0].kind=http|heartbeat.monitor.listeners[0].url|",
			"heartbeat.monitor.listeners[0].kind=kafka|heartbeat.monitor.listeners[0].topic|",
			"heartbeat.monitor.listeners[0].kind=log,heartbeat.monitor.listeners[0].event-regex=heartbeat\\.(|heartbeat.monitor.listeners[0].event-regex|heartbeat\\.(",
			"heartbeat.monitor.listeners[0].kind=log,heartbeat.monitor.listeners[0].event=a,heartbeat.monitor.listeners[0].event-regex=b|heartbeat.monitor.listeners[0].event-regex|b",
			"heartbeat.monitor.listeners[0].kind=log,heartbeat.monitor.listeners[0].timeout=0s|heartbeat.monitor.listeners[0].timeout|PT0S",
			"heartbeat.monitor.listeners[0].kind=log,heartbeat.monitor.listeners[0].retries=-1|heartbeat.monitor.listeners[0].retries|-1",
			"heartbeat.monitor.listeners[0].kind=log,heartbeat.monitor.listeners[0].backoff=-1s|heartbeat.monitor.listeners[0].backoff|PT-1S",
			"heartbeat.monitor.listeners[0].kind=http,heartbeat.monitor.listeners[0].url=ftp://x/y|heartbeat.monitor.listeners[0].url|ftp://x/y",
			"heartbeat.monitor.listeners[0].kind=http,heartbeat.monitor.listeners[0].url=http://x/y,heartbeat.monitor.listeners[0].method=GE T|heartbeat.monitor.listeners[0].method|GE T",
			"heartbeat.monitor.listeners[0].kind=http,heartbeat.monitor.listeners[0].url=http://x/y,heartbeat.monitor.listeners[0].headers.Host=evil|heartbeat.monitor.listeners[0].headers|",
			"heartbeat.monitor.listeners[0].kind=log,heartbeat.monitor.listeners[0].name=application-event|heartbeat.monitor.listeners|application-event" })
	void invalidValueShouldFailTheStartUpNamingItsProperty(String properties, String name, String value) {
		this.runner.withPropertyValues("heartbeat.monitor.enabled=true")
			.withPropertyValues(properties.split(","))
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				while (!(failure instanceof InvalidConfigurationPropertyValueException) && failure.getCause() != null) {
					failure = failure.getCause();
				}
				assertThat(failure).isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("Property " + name);
				InvalidConfigurationPropertyValueException invalid = (InvalidConfigurationPropertyValueException) failure;
				assertThat(invalid.getName()).isEqualTo(name);
				if (value != null) {
					assertThat(String.valueOf(invalid.getValue())).isEqualTo(value);
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

	@Configuration(proxyBeanMethods = false)
	static class ClockConfiguration {

		@Bean
		HeartbeatClock testClock() {
			return new ManualClock();
		}

	}

}
