package dev.heartbeat.boot.monitor.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.springframework.validation.Errors;

import dev.heartbeat.boot.monitor.autoconfigure.HeartbeatMonitorProperties.Kind;
import dev.heartbeat.boot.monitor.autoconfigure.HeartbeatMonitorProperties.Listener;
import dev.heartbeat.boot.monitor.listener.HttpEventSink;
import dev.heartbeat.boot.support.PropertyErrors;
import dev.heartbeat.core.config.ConfigChecks;
import dev.heartbeat.core.monitor.DeadlineEngineConfig;

/**
 * Checks {@link HeartbeatMonitorProperties} when they are bound, so that a mistake fails the
 * start-up with a message naming the property and the value rather than surfacing later as a
 * silent monitor. The engine's settings go through core's {@link DeadlineEngineConfig} builder;
 * the listeners are the monitor's own.
 */
final class HeartbeatMonitorPropertiesValidator {

	private static final int MAX_RETRIES = 100;

	private static final Duration MIN_SESSION_TIMEOUT = Duration.ofSeconds(1);

	// the default group.max.session.timeout.ms of a broker
	private static final Duration MAX_SESSION_TIMEOUT = Duration.ofMinutes(30);

	private static final Pattern HTTP_TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

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
		listeners(properties.getListeners(), errors);
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
		DeadlineEngineConfig.Builder engine = DeadlineEngineConfig.custom();
		boolean valid = errors.core(() -> engine.lateFactor(properties.getLateFactor()));
		valid &= errors.core(() -> engine.reportByBuffer(properties.getReportByBuffer()));
		valid &= errors.core(() -> engine.holdTime(properties.getHoldTime()));
		valid &= errors.core(() -> engine.reminderInterval(properties.getReminderInterval()));
		valid &= errors.core(() -> engine.maxDuration(properties.getMaxDuration()));
		valid &= errors.core(() -> engine.blindAfter(properties.getBlindAfter()));
		if (valid) {
			// what is checked across fields, once each field is valid on its own
			errors.core(engine::build);
		}
	}

	private static void listeners(List<Listener> listeners, PropertyErrors errors) {
		Set<String> names = new HashSet<>();
		for (int i = 0; i < listeners.size(); i++) {
			Listener listener = listeners.get(i);
			String path = "listeners[" + i + "].";
			listener(listener, path, errors);
			String name = listener.nameOrDefault(i);
			if (ApplicationEventSink.NAME.equals(name)) {
				errors.reject(path + "name", name, "is reserved for the application events");
			}
			else if (!names.add(name)) {
				errors.reject(path + "name", name, "must differ from the name of every other listener");
			}
		}
	}

	private static void listener(Listener listener, String path, PropertyErrors errors) {
		if (listener.getKind() == null) {
			errors.reject(path + "kind", null, "must be set: every listener needs a kind, log, http or kafka");
		}
		if (listener.getEvent() != null && listener.getEventRegex() != null) {
			errors.reject(path + "eventRegex", listener.getEventRegex(),
					"must not be set together with event (exact), which is '" + listener.getEvent() + "'");
		}
		else if (listener.getEventRegex() != null) {
			try {
				Pattern.compile(listener.getEventRegex());
			}
			catch (PatternSyntaxException ex) {
				errors.reject(path + "eventRegex", listener.getEventRegex(),
						"is not a regular expression: " + ex.getDescription() + " near index " + ex.getIndex());
			}
		}
		errors.core(() -> ConfigChecks.positive(path + "timeout", listener.getTimeout()));
		if (listener.getRetries() < 0 || listener.getRetries() > MAX_RETRIES) {
			errors.reject(path + "retries", listener.getRetries(), "must be between 0 and " + MAX_RETRIES);
		}
		errors.core(() -> ConfigChecks.notNegative(path + "backoff", listener.getBackoff()));
		if (listener.getKind() == Kind.HTTP) {
			http(listener, path, errors);
		}
		if (listener.getKind() == Kind.KAFKA && (listener.getTopic() == null || listener.getTopic().isBlank())) {
			errors.reject(path + "topic", listener.getTopic(), "must be set for a kafka listener");
		}
	}

	private static void http(Listener listener, String path, PropertyErrors errors) {
		if (listener.getUrl() == null || listener.getUrl().isBlank()) {
			errors.reject(path + "url", listener.getUrl(), "must be set for an http listener");
			return;
		}
		boolean valid = errors.httpUrl(path + "url", listener.getUrl());
		if (listener.getMethod() == null || !HTTP_TOKEN.matcher(listener.getMethod()).matches()) {
			errors.reject(path + "method", listener.getMethod(), "is not an HTTP method");
			valid = false;
		}
		for (Map.Entry<String, String> header : listener.getHeaders().entrySet()) {
			// global errors: the failure report must not show the other headers' values (tokens)
			if (!HTTP_TOKEN.matcher(header.getKey()).matches()) {
				errors.rejectGlobal(path + "headers", header.getKey(), "has a name that is not a valid header name");
				valid = false;
			}
			else if (header.getValue() == null
					|| header.getValue().chars().anyMatch((c) -> c < 0x20 && c != '\t' || c == 0x7f)) {
				errors.rejectGlobal(path + "headers." + header.getKey(), null,
						"must be set and contain no control characters");
				valid = false;
			}
		}
		String refusal = valid ? HttpEventSink.refusal(URI.create(listener.getUrl().strip()), listener.getMethod(),
				listener.getHeaders()) : null;
		if (refusal != null) {
			errors.rejectGlobal(path + "headers", null, "are refused by the HTTP client: " + refusal);
		}
	}

}
