package dev.heartbeat.boot.monitor.autoconfigure;

import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.DurationStyle;

import dev.heartbeat.boot.monitor.autoconfigure.ListenerProperties.Kind;
import dev.heartbeat.boot.monitor.listener.ListenerChannel;
import dev.heartbeat.boot.test.FailureMessages;
import dev.heartbeat.core.monitor.DeadlineEngineConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class HeartbeatMonitorPropertiesTests {

	@Test
	void defaultsShouldEqualTheEngineDefaults() {
		HeartbeatMonitorProperties properties = new HeartbeatMonitorProperties();
		DeadlineEngineConfig defaults = DeadlineEngineConfig.ofDefaults();
		assertThat(properties.getLateFactor()).isEqualTo(defaults.lateFactor());
		assertThat(properties.getReportByBuffer()).isEqualTo(defaults.reportByBuffer());
		assertThat(properties.getHoldTime()).isEqualTo(defaults.holdTime());
		assertThat(properties.getReminderInterval()).isEqualTo(defaults.reminderInterval());
		assertThat(properties.getMaxDuration()).isEqualTo(defaults.maxDuration());
		assertThat(properties.getAppsDefault().getMinInstances()).isEqualTo(defaults.minInstances());
		assertThat(properties.getApps()).isEmpty();
		assertThat(properties.getForgetStoppedAfter()).isEqualTo(defaults.forgetStoppedAfter());
		assertThat(properties.getForgetDeadAfter()).isEqualTo(defaults.forgetDeadAfter());
		assertThat(properties.getBlindAfter()).isEqualTo(defaults.blindAfter());
		assertThat(properties.isEnabled()).isFalse();
		assertThat(properties.getGroupId()).isEqualTo("heartbeat-monitor");
		assertThat(FailureMessages.validationErrors(properties)).isEmpty();
		assertThat(FailureMessages.validationErrors(new StatusBoardProperties())).isEmpty();
	}

	@Test
	void theMetadataShouldShowTheAppAndRetentionSettingsWithTheirDefaults() throws Exception {
		Map<String, JsonNode> metadata = new HashMap<>();
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			for (JsonNode property : JsonMapper.builder().build().readTree(in).get("properties")) {
				metadata.put(property.get("name").asString(), property);
			}
		}
		HeartbeatMonitorProperties properties = new HeartbeatMonitorProperties();
		assertThat(metadata.get("heartbeat.monitor.apps-default.min-instances").get("defaultValue").asInt())
			.isEqualTo(properties.getAppsDefault().getMinInstances());
		assertThat(DurationStyle.detectAndParse(
				metadata.get("heartbeat.monitor.forget-stopped-after").get("defaultValue").asString()))
			.isEqualTo(properties.getForgetStoppedAfter());
		assertThat(DurationStyle.detectAndParse(
				metadata.get("heartbeat.monitor.forget-dead-after").get("defaultValue").asString()))
			.isEqualTo(properties.getForgetDeadAfter());
		assertThat(metadata.get("heartbeat.monitor.apps").get("description").asString()).contains("min-instances");
		assertThat(metadata.get("heartbeat.monitor.apps-default.min-instances").get("description").asString())
			.isNotBlank();
	}

	@Test
	void listenerDefaultsShouldMatchTheDocumentation() {
		ListenerProperties listener = new ListenerProperties();
		assertThat(listener.getMethod()).isEqualTo("POST");
		assertThat(listener.getTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(listener.getRetries()).isEqualTo(3);
		assertThat(listener.getBackoff()).isEqualTo(Duration.ofMillis(500));
		assertThat(listener.getQueueCapacity()).isEqualTo(ListenerChannel.DEFAULT_CAPACITY);
		assertThat(listener.getDigest()).isNull();
		assertThat(listener.getSeverity()).containsOnly(entry("late", "warning"), entry("dead", "critical"));
		assertThat(listener.getPriority()).containsOnly(entry("late", "P3"), entry("dead", "P1"));
		assertThat(listener.getFrom()).isEqualTo("heartbeat@localhost");
	}

	@Test
	void metadataShouldGiveTheIdeTheListenersValueTypeToDescendInto() throws Exception {
		Map<String, JsonNode> metadata = new HashMap<>();
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			for (JsonNode property : JsonMapper.builder().build().readTree(in).get("properties")) {
				metadata.put(property.get("name").asString(), property);
			}
		}
		// the processor does not descend into map values; IDEs do, from the value type and its field javadoc
		assertThat(metadata.get("heartbeat.monitor.listeners").get("type").asString())
			.isEqualTo("java.util.Map<java.lang.String,dev.heartbeat.boot.monitor.autoconfigure.ListenerProperties>");
		assertThat(metadata.get("heartbeat.monitor.listeners").get("description").asString())
			.startsWith("Where state changes are sent, by listener name");
		assertThat(metadata.get("heartbeat.monitor.board.url").get("description").asString())
			.startsWith("Public URL of the status board");
	}

	@Test
	void aSeverityOrPriorityOfOneStateShouldKeepTheDefaultsOfTheOthers() {
		HeartbeatMonitorProperties properties = new Binder(new MapConfigurationPropertySource(
				Map.of("heartbeat.monitor.listeners.pager.severity.degraded", "info",
						"heartbeat.monitor.listeners.genie.priority.dead", "P2")))
			.bind(HeartbeatMonitorProperties.PREFIX, HeartbeatMonitorProperties.class)
			.get();
		assertThat(properties.getListeners().get("pager").getSeverity()).containsOnly(entry("late", "warning"),
				entry("dead", "critical"), entry("degraded", "info"));
		assertThat(properties.getListeners().get("genie").getPriority()).containsOnly(entry("late", "P3"),
				entry("dead", "P2"));
	}

	@Test
	void lateFactorNotBelowReportByBufferShouldBeRejected() {
		HeartbeatMonitorProperties properties = new HeartbeatMonitorProperties();
		properties.setLateFactor(3);
		assertInvalid(properties, "heartbeat.monitor.late-factor",
				"must be less than heartbeat.monitor.report-by-buffer (3.0), was '3.0'");
	}

	@Test
	void engineSettingsShouldBeRefusedByTheEngineConfigsRules() {
		HeartbeatMonitorProperties properties = new HeartbeatMonitorProperties();
		properties.setLateFactor(0.5);
		properties.setReportByBuffer(1001);
		properties.setHoldTime(Duration.ofSeconds(-1));
		properties.setReminderInterval(Duration.ofDays(366));
		properties.setMaxDuration(Duration.ZERO);
		assertInvalid(properties, "heartbeat.monitor.late-factor", "must be at least 1 and at most 1000, was '0.5'");
		assertInvalid(properties, "heartbeat.monitor.report-by-buffer",
				"must be at least 1 and at most 1000, was '1001.0'");
		assertInvalid(properties, "heartbeat.monitor.hold-time", "must be zero or more, was '-1s'");
		assertInvalid(properties, "heartbeat.monitor.reminder-interval", "must be at most 365 days, was '366d'");
		assertInvalid(properties, "heartbeat.monitor.max-duration", "must be positive, was '0s'");
		// the check across fields waits until each field is valid on its own
		assertThat(FailureMessages.validationErrors(properties)).hasSize(5);
	}

	@Test
	void lateFactorShouldDefaultToHalfwayToAShortReportByBuffer() {
		HeartbeatMonitorProperties properties = new HeartbeatMonitorProperties();
		properties.setReportByBuffer(1.5);
		assertThat(properties.getLateFactor()).isEqualTo(1.25);
		assertThat(FailureMessages.validationErrors(properties)).isEmpty();
		properties.setReportByBuffer(1000);
		assertThat(properties.getLateFactor()).isEqualTo(1.5);
		properties.setLateFactor(2);
		assertThat(properties.getLateFactor()).isEqualTo(2);
	}

	@Test
	void reportByBufferOfOneShouldBeRejectedForLeavingNoRoomForLate() {
		HeartbeatMonitorProperties properties = new HeartbeatMonitorProperties();
		properties.setReportByBuffer(1);
		assertInvalid(properties, "heartbeat.monitor.report-by-buffer",
				"must be more than 1, so that LATE comes before DEAD, was '1.0'");
	}

	@Test
	void durationsLongerThanTheLongestBeatShouldBeRejected() {
		HeartbeatMonitorProperties holdTime = new HeartbeatMonitorProperties();
		holdTime.setHoldTime(Duration.ofDays(366));
		assertInvalid(holdTime, "heartbeat.monitor.hold-time", "must be at most 365 days, was '366d'");
		HeartbeatMonitorProperties reminders = new HeartbeatMonitorProperties();
		reminders.setReminderInterval(Duration.ofDays(366));
		assertInvalid(reminders, "heartbeat.monitor.reminder-interval", "must be at most 365 days, was '366d'");
		HeartbeatMonitorProperties listener = new HeartbeatMonitorProperties();
		ListenerProperties log = new ListenerProperties();
		log.setKind(Kind.LOG);
		log.setBackoff(Duration.ofDays(366));
		listener.getListeners().put("audit", log);
		assertInvalid(listener, "heartbeat.monitor.listeners.audit.backoff", "must be at most 365 days, was '366d'");
	}

	@Test
	void appSettingsShouldBeRefusedByTheEngineConfigsRulesNamingTheirProperty() {
		HeartbeatMonitorProperties properties = new HeartbeatMonitorProperties();
		properties.getAppsDefault().setMinInstances(0);
		MonitorAppProperties orders = new MonitorAppProperties();
		orders.setMinInstances(-1);
		properties.getApps().put("orders", orders);
		properties.getApps().put("billing", new MonitorAppProperties());
		properties.setForgetStoppedAfter(Duration.ofSeconds(-1));
		properties.setForgetDeadAfter(Duration.ofDays(366));
		assertInvalid(properties, "heartbeat.monitor.apps-default.min-instances",
				"must be at least 1 and at most 1000000, was '0'");
		assertInvalid(properties, "heartbeat.monitor.apps.orders.min-instances",
				"must be at least 1 and at most 1000000, was '-1'");
		assertInvalid(properties, "heartbeat.monitor.forget-stopped-after", "must be zero or more, was '-1s'");
		assertInvalid(properties, "heartbeat.monitor.forget-dead-after", "must be at most 365 days, was '366d'");
		// an app that sets nothing takes the default
		assertThat(FailureMessages.validationErrors(properties)).hasSize(4);
	}

	@Test
	void headersWithControlCharactersShouldBeRejected() {
		HeartbeatMonitorProperties properties = new HeartbeatMonitorProperties();
		ListenerProperties listener = http("http://localhost/x");
		listener.setHeaders(Map.of("X-Evil", "a\r\nInjected: yes"));
		properties.getListeners().put("ops", listener);
		assertInvalid(properties, "heartbeat.monitor.listeners.ops.headers.X-Evil",
				"must be set and contain no control characters");
		assertThat(FailureMessages.validationErrors(properties).get(0)).doesNotContain("Injected");
	}

	@Test
	void listenerNamesShouldBeTheKeysWrittenAsTheyAre() {
		HeartbeatMonitorProperties properties = new HeartbeatMonitorProperties();
		ListenerProperties listener = http("http://localhost/a");
		listener.setTimeout(Duration.ZERO);
		properties.getListeners().put("opsWebhook", listener);
		assertInvalid(properties, "heartbeat.monitor.listeners.opsWebhook.timeout", "must be positive, was '0s'");
	}

	@Test
	void secretsShouldNeverBeShownWhenTheyAreRefused() {
		HeartbeatMonitorProperties properties = new HeartbeatMonitorProperties();
		ListenerProperties slack = new ListenerProperties();
		slack.setKind(Kind.SLACK);
		slack.setUrl("hooks.slack.com/services/T000/B000/leaky-token");
		properties.getListeners().put("chat", slack);
		ListenerProperties pagerduty = new ListenerProperties();
		pagerduty.setKind(Kind.PAGERDUTY);
		pagerduty.setRoutingKey("leaky key");
		properties.getListeners().put("pager", pagerduty);
		assertInvalid(properties, "heartbeat.monitor.listeners.chat.url", "must be an absolute http:// or https:// URL");
		assertInvalid(properties, "heartbeat.monitor.listeners.pager.routing-key",
				"must contain no blanks or control characters");
		assertThat(FailureMessages.validationErrors(properties)).noneMatch((message) -> message.contains("leaky"));
	}

	@Test
	void nonHttpUrlShouldBeRejected() {
		HeartbeatMonitorProperties properties = new HeartbeatMonitorProperties();
		properties.getListeners().put("files", http("file:///etc/passwd"));
		assertInvalid(properties, "heartbeat.monitor.listeners.files.url",
				"must be an absolute http:// or https:// URL, was 'file:///etc/passwd'");
	}

	private static ListenerProperties http(String url) {
		ListenerProperties listener = new ListenerProperties();
		listener.setKind(Kind.HTTP);
		listener.setUrl(url);
		return listener;
	}

	private static void assertInvalid(HeartbeatMonitorProperties properties, String name, String reason) {
		assertThat(FailureMessages.validationError(properties, name)).isEqualTo(name + " " + reason);
	}

}
