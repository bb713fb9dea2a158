package dev.heartbeat.boot.monitor.autoconfigure;

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

	private HeartbeatMonitorPropertiesValidator() {
	}

	static void validate(HeartbeatMonitorProperties properties, Errors springErrors) {
		PropertyErrors errors = new PropertyErrors(springErrors, HeartbeatMonitorProperties.PREFIX + ".");
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
		if (valid) {
			// what is checked across fields, once each field is valid on its own
			errors.core(engine::build);
		}
	}

}
