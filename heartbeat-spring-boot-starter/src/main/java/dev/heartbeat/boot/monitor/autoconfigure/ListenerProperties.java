package dev.heartbeat.boot.monitor.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One event listener, {@code heartbeat.monitor.listeners.<name>.*}: what it is (its kind and the
 * settings of that kind), which events it gets, and how they are delivered. An entry without a
 * kind configures the routing and delivery of the listener bean of that name.
 * <p>
 * The secrets, {@code url} of a slack or teams listener, {@code routing-key} and {@code api-key},
 * are never logged, never shown in a validation failure and masked in the actuator's
 * {@code env} and {@code configprops} endpoints.
 */
public class ListenerProperties {

	/**
	 * What the listener does: log, http, kafka, slack, teams, pagerduty, opsgenie or mail; not set
	 * for the settings of a listener bean.
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
	 * URL of an http listener, the incoming-webhook URL of a slack or teams listener (a secret),
	 * or where a pagerduty (default https://events.pagerduty.com/v2/enqueue) or opsgenie
	 * (default https://api.opsgenie.com) listener sends instead of the service's own endpoint.
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
	 * Body template of an http or mail listener, or message template of a log listener;
	 * placeholders {process}, {app}, {state}, {previous}, {at}, {lastBeatAt}, {period}, {instance},
	 * {event}. Defaults to a JSON document with all of them (http), or a message that tells what
	 * happened (log, mail).
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

	/**
	 * How many events may wait for delivery; when full, the oldest is dropped and counted.
	 */
	private int queueCapacity = 1000;

	/**
	 * Collect the events that arrive within this window, from the first on, and send them as one
	 * message when it closes; not set sends every event at once. Refused for pagerduty, opsgenie
	 * and kafka.
	 */
	private Duration digest;

	/**
	 * Integration (routing) key of a pagerduty listener's Events API v2 integration (a secret).
	 */
	private String routingKey;

	/**
	 * PagerDuty severity per state that triggers an incident (critical, error, warning, info);
	 * UP and STOPPED resolve it, other states change nothing.
	 */
	private Map<String, String> severity = new LinkedHashMap<>(Map.of("late", "warning", "dead", "critical"));

	/**
	 * API key of an opsgenie listener's API integration (a secret), sent as 'Authorization:
	 * GenieKey <key>'.
	 */
	private String apiKey;

	/**
	 * Opsgenie priority per state that opens an alert (P1 to P5); UP and STOPPED close it, other
	 * states change nothing.
	 */
	private Map<String, String> priority = new LinkedHashMap<>(Map.of("late", "P3", "dead", "P1"));

	/**
	 * Recipients of a mail listener.
	 */
	private List<String> to = new ArrayList<>();

	/**
	 * Sender of a mail listener.
	 */
	private String from = "heartbeat@localhost";

	/**
	 * Subject template of a mail listener, with the placeholders of body; defaults to a line that
	 * tells what happened.
	 */
	private String subject;

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

	public int getQueueCapacity() {
		return this.queueCapacity;
	}

	public void setQueueCapacity(int queueCapacity) {
		this.queueCapacity = queueCapacity;
	}

	public Duration getDigest() {
		return this.digest;
	}

	public void setDigest(Duration digest) {
		this.digest = digest;
	}

	public String getRoutingKey() {
		return this.routingKey;
	}

	public void setRoutingKey(String routingKey) {
		this.routingKey = routingKey;
	}

	public Map<String, String> getSeverity() {
		return this.severity;
	}

	public void setSeverity(Map<String, String> severity) {
		this.severity = severity;
	}

	public String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(String apiKey) {
		this.apiKey = apiKey;
	}

	public Map<String, String> getPriority() {
		return this.priority;
	}

	public void setPriority(Map<String, String> priority) {
		this.priority = priority;
	}

	public List<String> getTo() {
		return this.to;
	}

	public void setTo(List<String> to) {
		this.to = to;
	}

	public String getFrom() {
		return this.from;
	}

	public void setFrom(String from) {
		this.from = from;
	}

	public String getSubject() {
		return this.subject;
	}

	public void setSubject(String subject) {
		this.subject = subject;
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
		KAFKA,

		/**
		 * Post a message to a Slack incoming webhook.
		 */
		SLACK,

		/**
		 * Post an Adaptive Card to a Microsoft Teams workflow webhook.
		 */
		TEAMS,

		/**
		 * Trigger and resolve PagerDuty incidents through the Events API v2.
		 */
		PAGERDUTY,

		/**
		 * Open and close Opsgenie alerts through the Alert API.
		 */
		OPSGENIE,

		/**
		 * Send a mail through Spring's mail sender.
		 */
		MAIL

	}

}
