package dev.heartbeat.boot.monitor.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import dev.heartbeat.core.beat.Beat;

/**
 * Configuration properties of the heartbeat monitor, under {@code heartbeat.monitor}. The topics
 * and the control secret are shared with the beating side and read from {@code heartbeat.kafka.topic},
 * {@code heartbeat.control.topic} and {@code heartbeat.control.secret}.
 */
@ConfigurationProperties(HeartbeatMonitorProperties.PREFIX)
public class HeartbeatMonitorProperties {

	/**
	 * The prefix of the monitor's properties.
	 */
	public static final String PREFIX = "heartbeat.monitor";

	static final double MAX_FACTOR = 1000;

	// the late factor when report-by-buffer leaves room for it
	private static final double DEFAULT_LATE_FACTOR = 1.5;

	private static final int MAX_RETRIES = 100;

	private static final Pattern HTTP_TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

	/**
	 * Whether this application monitors the beats of others.
	 */
	private boolean enabled = false;

	/**
	 * Kafka consumer group of the monitor; monitors of one group split the partitions of the
	 * heartbeat topic.
	 */
	private String groupId = "heartbeat-monitor";

	/**
	 * How many periods after its last beat a silent process is reported LATE; less than
	 * report-by-buffer. Defaults to 1.5, or halfway between 1 and report-by-buffer when that is
	 * less.
	 */
	private Double lateFactor;

	/**
	 * How many periods after its last beat a silent process is reported DEAD (after a start
	 * beat: how many warm-ups); more than 1.
	 */
	private double reportByBuffer = 3;

	/**
	 * How long a new state must last before its event fires, against flapping; 0 fires at once.
	 * DEAD and STOPPED always fire at once.
	 */
	private Duration holdTime = Duration.ZERO;

	/**
	 * How often a process that stays DEAD is reported again; 0 sends no reminders.
	 */
	private Duration reminderInterval = Duration.ZERO;

	/**
	 * The longest period or warm-up accepted; a beat announcing more is counted as invalid.
	 */
	private Duration maxDuration = Duration.ofHours(24);

	/**
	 * Topic that invalid heartbeat records are copied to (original key, value and headers plus a
	 * heartbeat-error header); none when not set.
	 */
	private String deadLetterTopic;

	/**
	 * Where state changes are sent: each listener has a kind (log, http, kafka), an optional
	 * match on the event name heartbeat.<process>.<state>, and kind-specific settings.
	 */
	private List<Listener> listeners = new ArrayList<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getGroupId() {
		return this.groupId;
	}

	public void setGroupId(String groupId) {
		this.groupId = groupId;
	}

	/**
	 * The late factor: the one configured, or the default derived from the report-by buffer.
	 * @return the late factor
	 */
	public double getLateFactor() {
		if (this.lateFactor != null) {
			return this.lateFactor;
		}
		return Math.min(DEFAULT_LATE_FACTOR, (1 + this.reportByBuffer) / 2);
	}

	public void setLateFactor(double lateFactor) {
		this.lateFactor = lateFactor;
	}

	public double getReportByBuffer() {
		return this.reportByBuffer;
	}

	public void setReportByBuffer(double reportByBuffer) {
		this.reportByBuffer = reportByBuffer;
	}

	public Duration getHoldTime() {
		return this.holdTime;
	}

	public void setHoldTime(Duration holdTime) {
		this.holdTime = holdTime;
	}

	public Duration getReminderInterval() {
		return this.reminderInterval;
	}

	public void setReminderInterval(Duration reminderInterval) {
		this.reminderInterval = reminderInterval;
	}

	public Duration getMaxDuration() {
		return this.maxDuration;
	}

	public void setMaxDuration(Duration maxDuration) {
		this.maxDuration = maxDuration;
	}

	public String getDeadLetterTopic() {
		return this.deadLetterTopic;
	}

	public void setDeadLetterTopic(String deadLetterTopic) {
		this.deadLetterTopic = deadLetterTopic;
	}

	public List<Listener> getListeners() {
		return this.listeners;
	}

	public void setListeners(List<Listener> listeners) {
		this.listeners = listeners;
	}

	/**
	 * Check every value, so that a mistake fails the start-up with a message naming the property
	 * and the value rather than surfacing later as a silent monitor.
	 * @throws InvalidConfigurationPropertyValueException for the first invalid value
	 */
	public void validate() {
		if (this.groupId == null || this.groupId.isBlank()) {
			throw invalid("group-id", this.groupId, "a Kafka consumer group id must not be blank");
		}
		requireFactor("report-by-buffer", this.reportByBuffer);
		if (this.reportByBuffer == 1) {
			throw invalid("report-by-buffer", this.reportByBuffer, "must be more than 1, so that LATE comes before DEAD");
		}
		double late = getLateFactor();
		requireFactor("late-factor", late);
		if (!(late < this.reportByBuffer)) {
			throw invalid("late-factor", late,
					"must be less than heartbeat.monitor.report-by-buffer (" + this.reportByBuffer + ")");
		}
		requireNotNegative("hold-time", this.holdTime);
		requireNotNegative("reminder-interval", this.reminderInterval);
		if (this.maxDuration == null || this.maxDuration.isNegative() || this.maxDuration.isZero()
				|| this.maxDuration.compareTo(Beat.MAX_DURATION) > 0) {
			throw invalid("max-duration", this.maxDuration,
					"must be positive and at most " + Beat.MAX_DURATION.toDays() + " days");
		}
		if (this.deadLetterTopic != null && !this.deadLetterTopic.isEmpty() && this.deadLetterTopic.isBlank()) {
			throw invalid("dead-letter-topic", this.deadLetterTopic, "a topic name must not be blank");
		}
		Set<String> names = new HashSet<>();
		for (int i = 0; i < this.listeners.size(); i++) {
			Listener listener = this.listeners.get(i);
			listener.validate("listeners[" + i + "].");
			String name = listener.nameOrDefault(i);
			if (!names.add(name)) {
				throw invalid("listeners[" + i + "].name", name, "another listener has the same name");
			}
		}
	}

	private static void requireFactor(String property, double value) {
		if (Double.isNaN(value) || value < 1 || value > MAX_FACTOR) {
			throw invalid(property, value, "must be at least 1 and at most " + (long) MAX_FACTOR);
		}
	}

	private static void requireNotNegative(String property, Duration value) {
		if (value == null || value.isNegative()) {
			throw invalid(property, value, "must be zero (off) or positive");
		}
		requireAtMostTheLongestBeat(property, value);
	}

	// every duration has the beats' upper bound, so that no setting overflows where it is used
	private static void requireAtMostTheLongestBeat(String property, Duration value) {
		if (value.compareTo(Beat.MAX_DURATION) > 0) {
			throw invalid(property, value, "must be at most " + Beat.MAX_DURATION.toDays() + " days");
		}
	}

	static InvalidConfigurationPropertyValueException invalid(String property, Object value, String reason) {
		return new InvalidConfigurationPropertyValueException(PREFIX + "." + property, value, reason);
	}

	/**
	 * The kind of a listener.
	 */
	public enum Kind {

		/**
		 * Log every matching event at INFO.
		 */
		LOG,

		/**
		 * Send every matching event as an HTTP request.
		 */
		HTTP,

		/**
		 * Send every matching event as a Kafka record.
		 */
		KAFKA

	}

	/**
	 * One event listener.
	 */
	public static class Listener {

		/**
		 * Name of the listener, used in logs and as the 'listener' tag of its meters; defaults to
		 * <kind>-<index>.
		 */
		private String name;

		/**
		 * What the listener does: log, http or kafka.
		 */
		private Kind kind;

		/**
		 * Exact event name to match, e.g. heartbeat.billing.dead; with neither event nor
		 * event-regex every event matches.
		 */
		private String event;

		/**
		 * Regular expression the whole event name must match, e.g. heartbeat\..*\.(dead|late).
		 */
		private String eventRegex;

		/**
		 * URL of an http listener.
		 */
		private String url;

		/**
		 * HTTP method of an http listener.
		 */
		private String method = "POST";

		/**
		 * Request headers of an http listener, sent as they are; Content-Type defaults to
		 * application/json.
		 */
		private Map<String, String> headers = new LinkedHashMap<>();

		/**
		 * How long one delivery attempt may take before it counts as failed.
		 */
		private Duration timeout = Duration.ofSeconds(5);

		/**
		 * Body template of an http listener, or message template of a log listener; placeholders
		 * {process}, {app}, {state}, {previous}, {at}, {lastBeatAt}, {period}, {instance}, {event}.
		 * Defaults to a JSON document with all of them.
		 */
		private String body;

		/**
		 * Topic of a kafka listener.
		 */
		private String topic;

		/**
		 * Record key template of a kafka listener; defaults to {process}.
		 */
		private String key;

		/**
		 * Record value template of a kafka listener; defaults to the JSON document of the http
		 * body.
		 */
		private String value;

		/**
		 * How many times a failed or timed-out delivery is retried before it is given up.
		 */
		private int retries = 3;

		/**
		 * Wait before the first retry; it doubles for every further retry.
		 */
		private Duration backoff = Duration.ofMillis(500);

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public Kind getKind() {
			return this.kind;
		}

		public void setKind(Kind kind) {
			this.kind = kind;
		}

		public String getEvent() {
			return this.event;
		}

		public void setEvent(String event) {
			this.event = event;
		}

		public String getEventRegex() {
			return this.eventRegex;
		}

		public void setEventRegex(String eventRegex) {
			this.eventRegex = eventRegex;
		}

		public String getUrl() {
			return this.url;
		}

		public void setUrl(String url) {
			this.url = url;
		}

		public String getMethod() {
			return this.method;
		}

		public void setMethod(String method) {
			this.method = method;
		}

		public Map<String, String> getHeaders() {
			return this.headers;
		}

		public void setHeaders(Map<String, String> headers) {
			this.headers = headers;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public String getBody() {
			return this.body;
		}

		public void setBody(String body) {
			this.body = body;
		}

		public String getTopic() {
			return this.topic;
		}

		public void setTopic(String topic) {
			this.topic = topic;
		}

		public String getKey() {
			return this.key;
		}

		public void setKey(String key) {
			this.key = key;
		}

		public String getValue() {
			return this.value;
		}

		public void setValue(String value) {
			this.value = value;
		}

		public int getRetries() {
			return this.retries;
		}

		public void setRetries(int retries) {
			this.retries = retries;
		}

		public Duration getBackoff() {
			return this.backoff;
		}

		public void setBackoff(Duration backoff) {
			this.backoff = backoff;
		}

		/**
		 * The name, or {@code <kind>-<index>} when none is set.
		 * @param index the position of the listener in the list
		 * @return the name
		 */
		public String nameOrDefault(int index) {
			if (this.name != null && !this.name.isBlank()) {
				return this.name;
			}
			String kindName = (this.kind != null) ? this.kind.name().toLowerCase(Locale.ROOT) : "listener";
			return kindName + "-" + index;
		}

		void validate(String prefix) {
			if (this.kind == null) {
				throw invalid(prefix + "kind", null, "every listener needs a kind: log, http or kafka");
			}
			if (this.event != null && this.eventRegex != null) {
				throw invalid(prefix + "event-regex", this.eventRegex,
						"set either event (exact) or event-regex, not both (event is '" + this.event + "')");
			}
			if (this.eventRegex != null) {
				try {
					Pattern.compile(this.eventRegex);
				}
				catch (PatternSyntaxException ex) {
					throw invalid(prefix + "event-regex", this.eventRegex,
							"not a regular expression: " + ex.getDescription() + " near index " + ex.getIndex());
				}
			}
			if (this.timeout == null || this.timeout.isNegative() || this.timeout.isZero()) {
				throw invalid(prefix + "timeout", this.timeout, "must be positive");
			}
			requireAtMostTheLongestBeat(prefix + "timeout", this.timeout);
			if (this.retries < 0 || this.retries > MAX_RETRIES) {
				throw invalid(prefix + "retries", this.retries, "must be between 0 and " + MAX_RETRIES);
			}
			if (this.backoff == null || this.backoff.isNegative()) {
				throw invalid(prefix + "backoff", this.backoff, "must be zero or positive");
			}
			requireAtMostTheLongestBeat(prefix + "backoff", this.backoff);
			if (this.kind == Kind.HTTP) {
				validateHttp(prefix);
			}
			if (this.kind == Kind.KAFKA && (this.topic == null || this.topic.isBlank())) {
				throw invalid(prefix + "topic", this.topic, "a kafka listener needs a topic");
			}
		}

		private void validateHttp(String prefix) {
			if (this.url == null || this.url.isBlank()) {
				throw invalid(prefix + "url", this.url, "an http listener needs a url");
			}
			URI uri;
			try {
				uri = URI.create(this.url);
			}
			catch (IllegalArgumentException ex) {
				throw invalid(prefix + "url", this.url, "not a URI: " + ex.getMessage());
			}
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
				throw invalid(prefix + "url", this.url, "must be an absolute http or https URL");
			}
			if (this.method == null || !HTTP_TOKEN.matcher(this.method).matches()) {
				throw invalid(prefix + "method", this.method, "not an HTTP method");
			}
			for (Map.Entry<String, String> header : this.headers.entrySet()) {
				if (!HTTP_TOKEN.matcher(header.getKey()).matches()) {
					throw invalid(prefix + "headers", header.getKey(), "not a valid header name");
				}
				String value = header.getValue();
				if (value == null || value.chars().anyMatch((c) -> c < 0x20 && c != '\t' || c == 0x7f)) {
					throw invalid(prefix + "headers." + header.getKey(), value,
							"a header value must be set and contain no control characters");
				}
			}
		}

	}

}
