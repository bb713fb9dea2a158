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
import dev.heartbeat.boot.monitor.kafka.TombstoneWriter;
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
				assertThat(context).hasSingleBean(TombstoneWriter.class);
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
					"heartbeat.monitor.apps-default.min-instances=2", "heartbeat.monitor.apps.orders.min-instances=3",
					"heartbeat.monitor.apps[Order.Service].min-instances=4", "heartbeat.monitor.forget-stopped-after=1m",
					"heartbeat.monitor.forget-dead-after=0s",
					"heartbeat.control.secret=0123456789abcdef0123456789abcdef")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				var config = context.getBean(DeadlineEngine.class).config();
				assertThat(config.lateFactor()).isEqualTo(1.2);
				assertThat(config.reportByBuffer()).isEqualTo(2.5);
				assertThat(config.holdTime()).hasSeconds(2);
				assertThat(config.reminderInterval()).hasMinutes(10);
				assertThat(config.maxDuration()).hasHours(1);
				assertThat(config.minInstances()).isEqualTo(2);
				assertThat(config.minInstances("orders")).isEqualTo(3);
				assertThat(config.minInstances("Order.Service")).isEqualTo(4);
				assertThat(config.minInstances("billing")).isEqualTo(2);
				assertThat(config.forgetStoppedAfter()).hasMinutes(1);
				assertThat(config.forgetDeadAfter()).isZero();
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
			.withPropertyValues("heartbeat.monitor.enabled=true", "heartbeat.monitor.listeners.log-0.kind=log",
					"heartbeat.monitor.listeners.http-1.kind=http",
					"heartbeat.monitor.listeners.http-1.url=http://localhost:9/hook",
					"heartbeat.monitor.listeners.audit.kind=kafka",
					"heartbeat.monitor.listeners.audit.topic=heartbeat-events")
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
			"heartbeat.monitor.apps-default.min-instances=0|heartbeat.monitor.apps-default.min-instances|0|must be at least 1 and at most 1000000",
			"heartbeat.monitor.apps.orders.min-instances=-2|heartbeat.monitor.apps.orders.min-instances|-2|must be at least 1 and at most 1000000",
			"heartbeat.monitor.apps[Order.Service].min-instances=0|heartbeat.monitor.apps[Order.Service].min-instances|0|must be at least 1 and at most 1000000",
			"heartbeat.monitor.forget-stopped-after=-1s|heartbeat.monitor.forget-stopped-after|-1s|must be zero or more",
			"heartbeat.monitor.forget-dead-after=400d|heartbeat.monitor.forget-dead-after|400d|must be at most 365 days",
			"heartbeat.monitor.listeners.l.kind=http|heartbeat.monitor.listeners.l.url|null|must be set for an http listener",
			"heartbeat.monitor.listeners.l.kind=kafka|heartbeat.monitor.listeners.l.topic|null|must be set for a kafka listener",
			"heartbeat.monitor.listeners.l.kind=log,heartbeat.monitor.listeners.l.event-regex=heartbeat\\.(|heartbeat.monitor.listeners.l.event-regex|heartbeat\\.(|is not a regular expression",
			"heartbeat.monitor.listeners.l.kind=log,heartbeat.monitor.listeners.l.event=a,heartbeat.monitor.listeners.l.event-regex=b|heartbeat.monitor.listeners.l.event-regex|b|must not be set together with event",
			"heartbeat.monitor.listeners.l.kind=log,heartbeat.monitor.listeners.l.timeout=0s|heartbeat.monitor.listeners.l.timeout|0s|must be positive",
			"heartbeat.monitor.listeners.l.kind=log,heartbeat.monitor.listeners.l.retries=-1|heartbeat.monitor.listeners.l.retries|-1|must be between 0 and 100",
			"heartbeat.monitor.listeners.l.kind=log,heartbeat.monitor.listeners.l.backoff=-1s|heartbeat.monitor.listeners.l.backoff|-1s|must be zero or more",
			"heartbeat.monitor.listeners.l.kind=http,heartbeat.monitor.listeners.l.url=ftp://x/y|heartbeat.monitor.listeners.l.url|ftp://x/y|must be an absolute http:// or https:// URL",
			"heartbeat.monitor.listeners.l.kind=http,heartbeat.monitor.listeners.l.url=http://x/y,heartbeat.monitor.listeners.l.method=GE T|heartbeat.monitor.listeners.l.method|GE T|is not an HTTP method",
			"heartbeat.monitor.listeners.l.kind=http,heartbeat.monitor.listeners.l.url=http://x/y,heartbeat.monitor.listeners.l.headers.Host=evil|heartbeat.monitor.listeners.l.headers||are refused by the HTTP client",
			"heartbeat.monitor.listeners.application-event.kind=log|heartbeat.monitor.listeners.application-event||is reserved",
			"heartbeat.monitor.listeners.l.kind=log,heartbeat.monitor.listeners.l.queue-capacity=0|heartbeat.monitor.listeners.l.queue-capacity|0|must be between 1 and 100000",
			"heartbeat.monitor.listeners.l.kind=log,heartbeat.monitor.listeners.l.digest=0s|heartbeat.monitor.listeners.l.digest|0s|must be positive",
			"heartbeat.monitor.listeners.l.kind=log,heartbeat.monitor.listeners.l.digest=2h|heartbeat.monitor.listeners.l.digest|2h|must be at most 1h",
			"heartbeat.monitor.listeners.l.kind=kafka,heartbeat.monitor.listeners.l.topic=t,heartbeat.monitor.listeners.l.digest=1m|heartbeat.monitor.listeners.l.digest|1m|must not be set for a kafka listener",
			"heartbeat.monitor.listeners.l.kind=slack|heartbeat.monitor.listeners.l.url||must be set for a slack listener",
			"heartbeat.monitor.listeners.l.kind=teams|heartbeat.monitor.listeners.l.url||must be set for a teams listener",
			"heartbeat.monitor.listeners.l.kind=teams,heartbeat.monitor.listeners.l.url=ftp://x/y|heartbeat.monitor.listeners.l.url||must be an absolute http:// or https:// URL",
			"heartbeat.monitor.listeners.l.kind=pagerduty|heartbeat.monitor.listeners.l.routing-key||must be set for a pagerduty listener",
			"heartbeat.monitor.listeners.l.kind=pagerduty,heartbeat.monitor.listeners.l.routing-key=r,heartbeat.monitor.listeners.l.digest=1m|heartbeat.monitor.listeners.l.digest|1m|must not be set for a pagerduty listener: it keeps one incident per process or app",
			"heartbeat.monitor.listeners.l.kind=pagerduty,heartbeat.monitor.listeners.l.routing-key=r,heartbeat.monitor.listeners.l.url=ftp://x/y|heartbeat.monitor.listeners.l.url|ftp://x/y|must be an absolute http:// or https:// URL",
			"heartbeat.monitor.listeners.l.kind=pagerduty,heartbeat.monitor.listeners.l.routing-key=r,heartbeat.monitor.listeners.l.severity.dead=fatal|heartbeat.monitor.listeners.l.severity.dead|fatal|must be one of critical, error, info, warning",
			"heartbeat.monitor.listeners.l.kind=pagerduty,heartbeat.monitor.listeners.l.routing-key=r,heartbeat.monitor.listeners.l.severity.up=critical|heartbeat.monitor.listeners.l.severity.up|up|must be keyed by a state that opens an incident",
			"heartbeat.monitor.listeners.l.kind=opsgenie|heartbeat.monitor.listeners.l.api-key||must be set for an opsgenie listener",
			"heartbeat.monitor.listeners.l.kind=opsgenie,heartbeat.monitor.listeners.l.api-key=k,heartbeat.monitor.listeners.l.digest=1m|heartbeat.monitor.listeners.l.digest|1m|must not be set for an opsgenie listener",
			"heartbeat.monitor.listeners.l.kind=opsgenie,heartbeat.monitor.listeners.l.api-key=k,heartbeat.monitor.listeners.l.priority.late=P9|heartbeat.monitor.listeners.l.priority.late|P9|must be one of P1, P2, P3, P4, P5",
			"heartbeat.monitor.listeners.l.kind=mail|heartbeat.monitor.listeners.l.to|[]|must name at least one recipient",
			"heartbeat.monitor.listeners.l.kind=mail,heartbeat.monitor.listeners.l.to=nobody|heartbeat.monitor.listeners.l.to|nobody|must be mail addresses",
			"heartbeat.monitor.listeners.l.kind=mail,heartbeat.monitor.listeners.l.to=ops@example.com,heartbeat.monitor.listeners.l.from= |heartbeat.monitor.listeners.l.from||must be a mail address",
			"heartbeat.monitor.board.url=ftp://x/y|heartbeat.monitor.board.url|ftp://x/y|must be an absolute http:// or https:// URL",
			"heartbeat.monitor.schedules.s.cron=0 30 2 * * *|heartbeat.monitor.schedules.s.process||must be set, or process-regex",
			"heartbeat.monitor.schedules.s.process=a,heartbeat.monitor.schedules.s.process-regex=a.*,heartbeat.monitor.schedules.s.cron=0 30 2 * * *|heartbeat.monitor.schedules.s.process-regex|a.*|must not be set together with process (exact), which is 'a'",
			"heartbeat.monitor.schedules.s.process=not valid,heartbeat.monitor.schedules.s.cron=0 30 2 * * *|heartbeat.monitor.schedules.s.process|not valid|is not a process id: it contains whitespace at index 3",
			"heartbeat.monitor.schedules.s.process-regex=(unclosed,heartbeat.monitor.schedules.s.cron=0 30 2 * * *|heartbeat.monitor.schedules.s.process-regex|(unclosed|is not a regular expression: Unclosed group",
			"heartbeat.monitor.schedules.s.process=a|heartbeat.monitor.schedules.s.cron||must be set",
			"heartbeat.monitor.schedules.s.process=a,heartbeat.monitor.schedules.s.cron=0 30 2 * *|heartbeat.monitor.schedules.s.cron|0 30 2 * *|is not a cron expression",
			"heartbeat.monitor.schedules.s.process=a,heartbeat.monitor.schedules.s.cron=0 0 0 30 2 *|heartbeat.monitor.schedules.s.cron|0 0 0 30 2 *|never fires",
			"heartbeat.monitor.schedules.s.process=a,heartbeat.monitor.schedules.s.cron=0 30 2 * * *,heartbeat.monitor.schedules.s.zone=Mars/Olympus|heartbeat.monitor.schedules.s.zone|Mars/Olympus|is not a time zone ID",
			"heartbeat.monitor.schedules.s.process=a,heartbeat.monitor.schedules.s.cron=0 30 2 * * *,heartbeat.monitor.schedules.s.grace=-1m|heartbeat.monitor.schedules.s.grace|-1m|must be at least 1ms",
			"heartbeat.monitor.schedules.s.process=a,heartbeat.monitor.schedules.s.cron=0 30 2 * * *,heartbeat.monitor.schedules.s.grace=0s|heartbeat.monitor.schedules.s.grace|0s|must be at least 1ms" })
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
