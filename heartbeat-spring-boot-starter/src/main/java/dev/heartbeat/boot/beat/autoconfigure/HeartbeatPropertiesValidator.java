package dev.heartbeat.boot.beat.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.springframework.validation.Errors;

import dev.heartbeat.boot.beat.autoconfigure.HeartbeatProperties.HealthAction;
import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.beat.ProcessIds;
import dev.heartbeat.core.wire.ControlSignature;

/**
 * Checks {@link HeartbeatProperties} when they are bound. Every message starts with the full
 * property name and quotes the value, so that the start-up failure says what to fix.
 */
final class HeartbeatPropertiesValidator {

	private static final String PREFIX = "heartbeat.";

	private static final int MAX_TOPIC_LENGTH = 249;

	private HeartbeatPropertiesValidator() {
	}

	static void validate(HeartbeatProperties properties, Errors errors) {
		if (!properties.isEnabled()) {
			return;
		}
		positive(errors, "period", "period", properties.getPeriod());
		positive(errors, "warmup", "warmup", properties.getWarmup());
		double buffer = properties.getReportByBuffer();
		if (Double.isNaN(buffer) || Double.isInfinite(buffer) || buffer < 1) {
			reject(errors, "reportByBuffer", "report-by-buffer", buffer, "must be at least 1");
		}
		notNegative(errors, "minInterval", "min-interval", properties.getMinInterval());
		positive(errors, "publisherTimeout", "publisher-timeout", properties.getPublisherTimeout());
		notNegative(errors, "shutdownGrace", "shutdown-grace", properties.getShutdownGrace());
		processId(errors, "process", "process", properties.getProcess());
		processId(errors, "instance", "instance", properties.getInstance());
		health(properties, errors);
		kafka(properties, errors);
		http(properties.getHttp(), errors);
		control(properties, errors);
	}

	private static void health(HeartbeatProperties properties, Errors errors) {
		HeartbeatProperties.Health health = properties.getHealth();
		Duration period = properties.getPeriod();
		// unset, it is derived from the period (HeartbeatPropertiesMapper.healthTimeout)
		if (health.getTimeout() != null && positive(errors, "health.timeout", "health.timeout", health.getTimeout())
				&& period != null
				&& !period.isNegative() && !period.isZero() && health.getTimeout().compareTo(period) >= 0) {
			reject(errors, "health.timeout", "health.timeout", health.getTimeout(),
					"must be shorter than heartbeat.period (" + print(period)
							+ "), or a hanging health check would skip beats instead of sending degraded");
		}
		if (health.getDown() == null || health.getDown() == HealthAction.BEAT) {
			reject(errors, "health.down", "health.down", health.getDown(), "must be degraded or silent");
		}
		if (health.getGroup() != null && health.getGroup().isBlank()) {
			reject(errors, "health.group", "health.group", health.getGroup(), "must not be blank when set");
		}
		for (Map.Entry<String, HealthAction> entry : health.getMapping().entrySet()) {
			if (entry.getKey().isBlank() || entry.getValue() == null) {
				reject(errors, "health.mapping", "health.mapping." + entry.getKey(), entry.getValue(),
						"needs a status code and one of beat, degraded, silent");
			}
		}
	}

	private static void kafka(HeartbeatProperties properties, Errors errors) {
		HeartbeatProperties.Kafka kafka = properties.getKafka();
		topic(errors, "kafka.topic", kafka.getTopic());
		if (kafka.getPartitions() < 1) {
			reject(errors, "kafka.partitions", "kafka.partitions", kafka.getPartitions(), "must be at least 1");
		}
		if (kafka.getReplicas() != -1 && kafka.getReplicas() < 1) {
			reject(errors, "kafka.replicas", "kafka.replicas", kafka.getReplicas(),
					"must be at least 1, or -1 for the broker's default");
		}
	}

	private static void http(HeartbeatProperties.Http http, Errors errors) {
		positive(errors, "http.timeout", "http.timeout", http.getTimeout());
		String url = http.getUrl();
		if (url == null) {
			return;
		}
		String problem = urlProblem(url);
		if (problem != null) {
			reject(errors, "http.url", "http.url", url, problem);
		}
	}

	private static String urlProblem(String url) {
		URI uri;
		try {
			uri = new URI(url.strip());
		}
		catch (URISyntaxException ex) {
			return "is not a valid URL: " + ex.getReason();
		}
		String scheme = uri.getScheme();
		if (scheme == null
				|| !("http".equals(scheme.toLowerCase(Locale.ROOT)) || "https".equals(scheme.toLowerCase(Locale.ROOT)))) {
			return "must be an absolute http:// or https:// URL";
		}
		if (uri.getHost() == null || uri.getHost().isEmpty()) {
			return "must name a host";
		}
		return null;
	}

	private static void control(HeartbeatProperties properties, Errors errors) {
		HeartbeatProperties.Control control = properties.getControl();
		topic(errors, "control.topic", control.getTopic());
		if (control.getTopic() != null && control.getTopic().equals(properties.getKafka().getTopic())) {
			reject(errors, "control.topic", "control.topic", control.getTopic(),
					"must differ from heartbeat.kafka.topic");
		}
		positive(errors, "control.maxAge", "control.max-age", control.getMaxAge());
		String secret = control.getSecret();
		if (secret != null) {
			int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
			if (bytes < ControlSignature.MIN_SECRET_BYTES) {
				// a global error, not a field error: the failure report must not print the secret
				errors.reject("heartbeat.control.secret.tooShort",
						PREFIX + "control.secret must have at least " + ControlSignature.MIN_SECRET_BYTES
								+ " bytes (UTF-8), the configured value has " + bytes);
			}
		}
	}

	private static void topic(Errors errors, String field, String topic) {
		String property = toKebab(field);
		if (topic == null || topic.isEmpty()) {
			reject(errors, field, property, topic, "must not be empty");
			return;
		}
		if (topic.length() > MAX_TOPIC_LENGTH || ".".equals(topic) || "..".equals(topic)) {
			reject(errors, field, property, topic, "is not a legal Kafka topic name");
			return;
		}
		for (int i = 0; i < topic.length(); i++) {
			char c = topic.charAt(i);
			boolean legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
					|| c == '_' || c == '-';
			if (!legal) {
				reject(errors, field, property, topic,
						"is not a legal Kafka topic name (only letters, digits, '.', '_' and '-')");
				return;
			}
		}
	}

	private static void processId(Errors errors, String field, String property, String id) {
		if (id == null) {
			return;
		}
		String problem = ProcessIds.problem(id);
		if (problem != null) {
			reject(errors, field, property, id, "is invalid: " + problem.replace("process id", property + " id"));
		}
	}

	// every duration has the beats' upper bound, so that no setting overflows where it is used
	private static boolean positive(Errors errors, String field, String property, Duration value) {
		if (value == null || value.compareTo(Duration.ofMillis(1)) < 0) {
			reject(errors, field, property, value, "must be at least 1ms");
			return false;
		}
		return atMostTheLongestBeat(errors, field, property, value);
	}

	private static void notNegative(Errors errors, String field, String property, Duration value) {
		if (value == null || value.isNegative()) {
			reject(errors, field, property, value, "must be zero or more");
			return;
		}
		atMostTheLongestBeat(errors, field, property, value);
	}

	private static boolean atMostTheLongestBeat(Errors errors, String field, String property, Duration value) {
		if (value.compareTo(Beat.MAX_DURATION) > 0) {
			reject(errors, field, property, value, "must be at most " + Beat.MAX_DURATION.toDays() + " days");
			return false;
		}
		return true;
	}

	private static void reject(Errors errors, String field, String property, Object value, String problem) {
		String shown = (value instanceof Duration duration) ? print(duration) : String.valueOf(value);
		errors.rejectValue(field, "heartbeat.invalid", PREFIX + property + " " + problem + ", was '" + shown + "'");
	}

	/**
	 * A duration the way a user writes it: {@code 5s}, {@code -1s}, {@code 250ms}, {@code 2m}.
	 * @param duration the duration
	 * @return the text
	 */
	static String print(Duration duration) {
		long millis = duration.toMillis();
		if (duration.isZero()) {
			return "0s";
		}
		if (millis == 0) {
			return duration.toNanos() + "ns";
		}
		long[] sizes = { 86_400_000L, 3_600_000L, 60_000L, 1000L };
		String[] units = { "d", "h", "m", "s" };
		for (int i = 0; i < sizes.length; i++) {
			if (millis != 0 && millis % sizes[i] == 0) {
				return (millis / sizes[i]) + units[i];
			}
		}
		return millis + "ms";
	}

	private static String toKebab(String field) {
		StringBuilder kebab = new StringBuilder();
		for (char c : field.toCharArray()) {
			if (Character.isUpperCase(c)) {
				kebab.append('-').append(Character.toLowerCase(c));
			}
			else {
				kebab.append(c);
			}
		}
		return kebab.toString();
	}

}
