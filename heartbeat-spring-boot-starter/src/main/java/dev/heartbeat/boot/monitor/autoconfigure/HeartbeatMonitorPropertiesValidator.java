package dev.heartbeat.boot.monitor.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.springframework.validation.Errors;

import dev.heartbeat.boot.support.PropertyErrors;
import dev.heartbeat.core.monitor.DeadlineEngineConfig;

/**
 * Checks {@link HeartbeatMonitorProperties} when they are bound, so that a mistake fails the
 * start-up with a message naming the property and the value rather than surfacing later as a
 * silent monitor. The engine's settings go through core's {@link DeadlineEngineConfig} builder;
 * the listeners are checked by {@link ListenerPropertiesValidator}, the scheduled jobs by
 * {@link SchedulePropertiesValidator}.
 */
final class HeartbeatMonitorPropertiesValidator {

	private static final Duration MIN_SESSION_TIMEOUT = Duration.ofSeconds(1);

	// the default group.max.session.timeout.ms of a broker
	private static final Duration MAX_SESSION_TIMEOUT = Duration.ofMinutes(30);

	private HeartbeatMonitorPropertiesValidator() {
	}

	static void validate(HeartbeatMonitorProperties properties, Errors springErrors) {
		PropertyErrors errors = new PropertyErrors(springErrors, HeartbeatMonitorProperties.PREFIX + ".")
			.path("minInstances", "appsDefault.minInstances");
		if (properties.getGroupId() == null || properties.getGroupId().isBlank()) {
			errors.reject("groupId", properties.getGroupId(), "must not be blank (a Kafka consumer group id)");
		}
		engine(properties, errors);
		String deadLetterTopic = properties.getDeadLetterTopic();
		if (deadLetterTopic != null && !deadLetterTopic.isEmpty() && deadLetterTopic.isBlank()) {
			errors.reject("deadLetterTopic", deadLetterTopic, "must not be blank (a topic name)");
		}
		ListenerPropertiesValidator.validate(properties.getListeners(), errors);
		SchedulePropertiesValidator.validate(properties.getSchedules(), errors);
		membership(properties.getMembership(), errors);
		if (properties.getState().isEnabled()) {
			errors.kafkaName("state.topic", properties.getState().getTopic(), "topic name");
		}
	}

	private static void membership(MembershipProperties membership, PropertyErrors errors) {
		Duration session = membership.getSessionTimeout();
		if (session == null || session.compareTo(MIN_SESSION_TIMEOUT) < 0 || session.compareTo(MAX_SESSION_TIMEOUT) > 0) {
			errors.reject("membership.sessionTimeout", session,
					"must be at least 1s and at most 30m (and within the broker's group.min/max.session.timeout.ms)");
		}
		if (membership.getInstanceId() != null) {
			errors.kafkaName("membership.instanceId", membership.getInstanceId(), "group instance id");
		}
	}

	private static void engine(HeartbeatMonitorProperties properties, PropertyErrors errors) {
		if (properties.getReportByBuffer() == 1) {
			// the late factor's default is derived from it: name what the user set, not the default
			errors.reject("reportByBuffer", properties.getReportByBuffer(),
					"must be more than 1, so that LATE comes before DEAD");
			return;
		}
		DeadlineEngineConfig.Builder engine = DeadlineEngineConfig.custom();
		boolean valid = errors.core(() -> engine.lateFactor(properties.getLateFactor()));
		valid &= errors.core(() -> engine.reportByBuffer(properties.getReportByBuffer()));
		valid &= errors.core(() -> engine.holdTime(properties.getHoldTime()));
		valid &= errors.core(() -> engine.reminderInterval(properties.getReminderInterval()));
		valid &= errors.core(() -> engine.maxDuration(properties.getMaxDuration()));
		valid &= errors.core(() -> engine.minInstances(properties.getAppsDefault().getMinInstances()));
		valid &= errors.core(() -> engine.forgetStoppedAfter(properties.getForgetStoppedAfter()));
		valid &= errors.core(() -> engine.forgetDeadAfter(properties.getForgetDeadAfter()));
		for (Map.Entry<String, MonitorAppProperties> app : properties.getApps().entrySet()) {
			Integer minInstances = app.getValue().getMinInstances();
			if (minInstances != null) {
				valid &= errors.core("apps" + mapKey(app.getKey()) + ".min-instances",
						() -> engine.minInstances(app.getKey(), minInstances));
			}
		}
		valid &= errors.core(() -> engine.blindAfter(properties.getBlindAfter()));
		if (valid) {
			// what is checked across fields, once each field is valid on its own
			errors.core(engine::build);
		}
	}

	// a map key as it is written in a property name: in brackets unless it is lower-case kebab
	private static String mapKey(String key) {
		return key.matches("[a-z0-9-]+") ? "." + key : "[" + key + "]";
	}

}
