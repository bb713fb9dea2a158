package dev.heartbeat.boot.monitor.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of the heartbeat monitor, under {@code heartbeat.monitor}. The topics
 * and the control secret are shared with the beating side and read from {@code heartbeat.kafka.topic},
 * {@code heartbeat.control.topic} and {@code heartbeat.control.secret}.
 * <p>
 * The properties validate themselves when they are bound ({@link HeartbeatMonitorPropertiesValidator}),
 * so a bad value fails start-up with a message that names the property and the value.
 */
@ConfigurationProperties(HeartbeatMonitorProperties.PREFIX)
public class HeartbeatMonitorProperties implements Validator {

	/**
	 * The prefix of the monitor's properties.
	 */
	public static final String PREFIX = "heartbeat.monitor";

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
	 * How many periods after its last beat a silent process is reported LATE.
	 */
	private double lateFactor = 1.5;

	/**
	 * How many periods after its last beat a silent process is reported DEAD (after a start
	 * beat: how many warm-ups).
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

	/**
	 * How long a partition may go unseen (the broker unreachable, fetches failing, the consumer
	 * behind) before the monitor counts itself blind for it: it tells monitor.blind and its
	 * heartbeatMonitor health goes DOWN. A verdict waits for its partition to be seen up to its
	 * time either way.
	 */
	private Duration blindAfter = Duration.ofSeconds(3);

	@NestedConfigurationProperty
	private final MembershipProperties membership = new MembershipProperties();

	@NestedConfigurationProperty
	private final ReportedStateProperties state = new ReportedStateProperties();

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

	public double getLateFactor() {
		return this.lateFactor;
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

	public Duration getBlindAfter() {
		return this.blindAfter;
	}

	public void setBlindAfter(Duration blindAfter) {
		this.blindAfter = blindAfter;
	}

	public MembershipProperties getMembership() {
		return this.membership;
	}

	public ReportedStateProperties getState() {
		return this.state;
	}

	@Override
	public boolean supports(Class<?> type) {
		return HeartbeatMonitorProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		HeartbeatMonitorPropertiesValidator.validate((HeartbeatMonitorProperties) target, errors);
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

	}

}
