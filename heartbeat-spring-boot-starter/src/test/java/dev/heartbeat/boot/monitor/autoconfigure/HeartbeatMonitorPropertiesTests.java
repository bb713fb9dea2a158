package dev.heartbeat.boot.monitor.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.heartbeat.boot.monitor.autoconfigure.HeartbeatMonitorProperties.Kind;
import dev.heartbeat.boot.monitor.autoconfigure.HeartbeatMonitorProperties.Listener;
import dev.heartbeat.boot.test.FailureMessages;
import dev.heartbeat.core.monitor.DeadlineEngineConfig;

import static org.assertj.core.api.Assertions.assertThat;

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
		assertThat(properties.getBlindAfter()).isEqualTo(defaults.blindAfter());
		assertThat(properties.isEnabled()).isFalse();
		assertThat(properties.getGroupId()).isEqualTo("heartbeat-monitor");
		assertThat(FailureMessages.validationErrors(properties)).isEmpty();
		assertThat(FailureMessages.validationErrors(new StatusBoardProperties())).isEmpty();
	}

	@Test
	void listenerDefaultsShouldMatchTheDocumentation() {
		Listener listener = new Listener();
		assertThat(listener.getMethod()).isEqualTo("POST");
		assertThat(listener.getTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(listener.getRetries()).isEqualTo(3);
		assertThat(listener.getBackoff()).isEqualTo(Duration.ofMillis(500));
		listener.setKind(Kind.HTTP);
		assertThat(listener.nameOrDefault(2)).isEqualTo("http-2");
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
	void headersWithControlCharactersShouldBeRejected() {
		HeartbeatMonitorProperties properties = new HeartbeatMonitorProperties();
		Listener listener = http("http://localhost/x");
		listener.setHeaders(Map.of("X-Evil", "a\r\nInjected: yes"));
		properties.getListeners().add(listener);
		assertInvalid(properties, "heartbeat.monitor.listeners[0].headers.X-Evil",
				"must be set and contain no control characters");
		assertThat(FailureMessages.validationErrors(properties).get(0)).doesNotContain("Injected");
	}

	@Test
	void duplicateListenerNamesShouldBeRejected() {
		HeartbeatMonitorProperties properties = new HeartbeatMonitorProperties();
		Listener first = http("http://localhost/a");
		first.setName("ops");
		Listener second = http("http://localhost/b");
		second.setName("ops");
		properties.getListeners().add(first);
		properties.getListeners().add(second);
		assertInvalid(properties, "heartbeat.monitor.listeners[1].name",
				"must differ from the name of every other listener, was 'ops'");
	}

	@Test
	void nonHttpUrlShouldBeRejected() {
		HeartbeatMonitorProperties properties = new HeartbeatMonitorProperties();
		properties.getListeners().add(http("file:///etc/passwd"));
		assertInvalid(properties, "heartbeat.monitor.listeners[0].url",
				"must be an absolute http:// or https:// URL, was 'file:///etc/passwd'");
	}

	private static Listener http(String url) {
		Listener listener = new Listener();
		listener.setKind(Kind.HTTP);
		listener.setUrl(url);
		return listener;
	}

	private static void assertInvalid(HeartbeatMonitorProperties properties, String name, String reason) {
		assertThat(FailureMessages.validationError(properties, name)).isEqualTo(name + " " + reason);
	}

}
