package dev.heartbeat.boot.beat.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.springframework.validation.Errors;

import dev.heartbeat.boot.beat.autoconfigure.HeartbeatProperties.HealthAction;
import dev.heartbeat.boot.support.PropertyErrors;
import dev.heartbeat.core.config.ConfigChecks;
import dev.heartbeat.core.heart.HeartConfig;
import dev.heartbeat.core.monitor.DeadlineEngineConfig;
import dev.heartbeat.core.schedule.SchedulerConfig;
import dev.heartbeat.core.wire.ControlSignature;

/**
 * Checks {@link HeartbeatProperties} when they are bound. Every message starts with the full
 * property name and quotes the value, so that the start-up failure says what to fix. Core's rules
 * are core's: the bound values go through core's builders.
 * <p>
 * The topics and the control secret are read by the monitor too, so they are checked even when
 * this application does not beat; everything else only when it does.
 */
final class HeartbeatPropertiesValidator {

	private HeartbeatPropertiesValidator() {
	}

	static void validate(HeartbeatProperties properties, Errors springErrors) {
		PropertyErrors errors = new PropertyErrors(springErrors, "heartbeat.").path("secret", "control.secret");
		shared(properties, errors);
		if (properties.isEnabled()) {
			beating(properties, errors);
		}
	}

	private static void shared(HeartbeatProperties properties, PropertyErrors errors) {
		HeartbeatProperties.Control control = properties.getControl();
		topic(errors, "kafka.topic", properties.getKafka().getTopic());
		topic(errors, "control.topic", control.getTopic());
		if (control.getTopic() != null && control.getTopic().equals(properties.getKafka().getTopic())) {
			errors.reject("control.topic", control.getTopic(), "must differ from heartbeat.kafka.topic");
		}
		if (control.getSecret() != null) {
			errors.core(() -> new ControlSignature(control.getSecret()));
		}
	}

	private static void beating(HeartbeatProperties properties, PropertyErrors errors) {
		SchedulerConfig.Builder scheduler = SchedulerConfig.custom();
		errors.core(() -> scheduler.period(properties.getPeriod()));
		errors.core(() -> scheduler.warmup(properties.getWarmup()));
		errors.core(() -> scheduler.publisherTimeout(properties.getPublisherTimeout()));
		errors.core(() -> scheduler.shutdownGrace(properties.getShutdownGrace()));
		HeartConfig.Builder heart = HeartConfig.custom();
		errors.core(() -> heart.minInterval(properties.getMinInterval()));
		if (properties.getProcess() != null) {
			errors.core(() -> heart.process(properties.getProcess()));
		}
		if (properties.getInstance() != null) {
			errors.core(() -> heart.instance(properties.getInstance()));
		}
		// the same buffer as the monitor's: how many periods until a silent process is dead
		errors.core(() -> DeadlineEngineConfig.custom().reportByBuffer(properties.getReportByBuffer()));
		health(properties, errors);
		kafka(properties.getKafka(), errors);
		http(properties.getHttp(), errors);
		errors.core(() -> ConfigChecks.atLeastOneMilli("control.maxAge", properties.getControl().getMaxAge()));
	}

	private static void health(HeartbeatProperties properties, PropertyErrors errors) {
		HeartbeatProperties.Health health = properties.getHealth();
		Duration period = properties.getPeriod();
		// unset, it is derived from the period (HeartbeatPropertiesMapper.healthTimeout)
		if (health.getTimeout() != null
				&& errors.core(() -> ConfigChecks.atLeastOneMilli("health.timeout", health.getTimeout()))
				&& period != null
				&& !period.isNegative() && !period.isZero() && health.getTimeout().compareTo(period) >= 0) {
			errors.reject("health.timeout", health.getTimeout(),
					"must be shorter than heartbeat.period (" + PropertyErrors.show(period)
							+ "), or a hanging health check would skip beats instead of sending degraded");
		}
		if (health.getDown() == null || health.getDown() == HealthAction.BEAT) {
			errors.reject("health.down", health.getDown(), "must be degraded or silent");
		}
		if (health.getGroup() != null && health.getGroup().isBlank()) {
			errors.reject("health.group", health.getGroup(), "must not be blank when set");
		}
		for (Map.Entry<String, HealthAction> entry : health.getMapping().entrySet()) {
			if (entry.getKey().isBlank() || entry.getValue() == null) {
				errors.rejectGlobal("health.mapping." + entry.getKey(), String.valueOf(entry.getValue()),
						"needs a status code and one of beat, degraded, silent");
			}
		}
	}

	private static void kafka(HeartbeatProperties.Kafka kafka, PropertyErrors errors) {
		if (kafka.getPartitions() < 1) {
			errors.reject("kafka.partitions", kafka.getPartitions(), "must be at least 1");
		}
		if (kafka.getReplicas() != -1 && kafka.getReplicas() < 1) {
			errors.reject("kafka.replicas", kafka.getReplicas(), "must be at least 1, or -1 for the broker's default");
		}
	}

	private static void http(HeartbeatHttpProperties http, PropertyErrors errors) {
		errors.core(() -> ConfigChecks.atLeastOneMilli("http.timeout", http.getTimeout()));
		HeartbeatHttpValidator.validate(http, errors);
	}

	private static void topic(PropertyErrors errors, String path, String topic) {
		errors.kafkaName(path, topic, "topic name");
	}

}
