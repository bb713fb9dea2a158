package dev.heartbeat.boot.monitor.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import dev.heartbeat.boot.monitor.autoconfigure.ListenerProperties.Kind;
import dev.heartbeat.boot.monitor.listener.HttpEventSink;
import dev.heartbeat.boot.monitor.notify.IncidentEventSink;
import dev.heartbeat.boot.support.PropertyErrors;
import dev.heartbeat.core.config.ConfigChecks;
import dev.heartbeat.core.config.InvalidConfigException;
import dev.heartbeat.core.monitor.ProcessState;

/**
 * Checks the listeners of {@link HeartbeatMonitorProperties} when they are bound, each under its
 * own name: {@code heartbeat.monitor.listeners.<name>.<property>}. Secrets (a webhook URL,
 * {@code routing-key}, {@code api-key}) are reported as global errors, so that no message and no
 * failure report shows them. Whether an entry without a kind names a listener bean is checked
 * when the listeners are created, where the beans are known.
 */
final class ListenerPropertiesValidator {

	static final int MAX_RETRIES = 100;

	static final int MAX_QUEUE_CAPACITY = 100_000;

	static final Duration MAX_DIGEST = Duration.ofHours(1);

	static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

	static final Set<String> PRIORITIES = Set.of("P1", "P2", "P3", "P4", "P5");

	private static final Set<Kind> NO_DIGEST = EnumSet.of(Kind.PAGERDUTY, Kind.OPSGENIE, Kind.KAFKA);

	private static final Pattern HTTP_TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

	// a mail address as a person writes it: no blanks, one @ with text on both sides
	private static final Pattern MAIL_ADDRESS = Pattern.compile("[^\\s@<>,;]+@[^\\s@<>,;]+");

	private final PropertyErrors errors;

	private final String name;

	private final ListenerProperties listener;

	private ListenerPropertiesValidator(PropertyErrors errors, String name, ListenerProperties listener) {
		this.errors = errors;
		this.name = name;
		this.listener = listener;
	}

	static void validate(Map<String, ListenerProperties> listeners, PropertyErrors errors) {
		listeners.forEach((name, listener) -> {
			if (ApplicationEventSink.NAME.equals(name)) {
				errors.rejectGlobal("listeners." + name, null, "is reserved for the application events");
			}
			else if (listener != null) {
				new ListenerPropertiesValidator(errors, name, listener).validate();
			}
		});
	}

	private void validate() {
		routing();
		delivery();
		Kind kind = this.listener.getKind();
		if (kind == null) {
			return;
		}
		switch (kind) {
			case LOG -> {
			}
			case HTTP -> http();
			case KAFKA -> required("topic", this.listener.getTopic());
			case SLACK, TEAMS -> webhook();
			case PAGERDUTY -> incidents("routingKey", this.listener.getRoutingKey(), "severity",
					this.listener.getSeverity(), SEVERITIES);
			case OPSGENIE -> incidents("apiKey", this.listener.getApiKey(), "priority", this.listener.getPriority(),
					PRIORITIES);
			case MAIL -> mail();
		}
		if (this.listener.getDigest() != null && NO_DIGEST.contains(kind)) {
			reject("digest", this.listener.getDigest(), "must not be set for " + aListener() + ": "
					+ ((kind == Kind.KAFKA) ? "it sends one record per event, keyed by process"
							: "it keeps one incident per process or app, which the service de-duplicates"));
		}
	}

	private void routing() {
		String event = this.listener.getEvent();
		String regex = this.listener.getEventRegex();
		if (event != null && regex != null) {
			reject("eventRegex", regex, "must not be set together with event (exact), which is '" + event + "'");
		}
		else if (regex != null) {
			String problem = PropertyErrors.regexProblem(regex);
			if (problem != null) {
				reject("eventRegex", regex, problem);
			}
		}
	}

	private void delivery() {
		core(() -> ConfigChecks.positive("timeout", this.listener.getTimeout()));
		if (this.listener.getRetries() < 0 || this.listener.getRetries() > MAX_RETRIES) {
			reject("retries", this.listener.getRetries(), "must be between 0 and " + MAX_RETRIES);
		}
		core(() -> ConfigChecks.notNegative("backoff", this.listener.getBackoff()));
		if (this.listener.getQueueCapacity() < 1 || this.listener.getQueueCapacity() > MAX_QUEUE_CAPACITY) {
			reject("queueCapacity", this.listener.getQueueCapacity(), "must be between 1 and " + MAX_QUEUE_CAPACITY);
		}
		Duration digest = this.listener.getDigest();
		if (digest != null && core(() -> ConfigChecks.positive("digest", digest)) && digest.compareTo(MAX_DIGEST) > 0) {
			reject("digest", digest, "must be at most " + PropertyErrors.show(MAX_DIGEST));
		}
	}

	private void http() {
		String url = this.listener.getUrl();
		if (!required("url", url)) {
			return;
		}
		boolean valid = url(url);
		String method = this.listener.getMethod();
		if (method == null || !HTTP_TOKEN.matcher(method).matches()) {
			reject("method", method, "is not an HTTP method");
			valid = false;
		}
		for (Map.Entry<String, String> header : this.listener.getHeaders().entrySet()) {
			// global errors: the failure report must not show the other headers' values (tokens)
			if (!HTTP_TOKEN.matcher(header.getKey()).matches()) {
				this.errors.rejectGlobal(property("headers"), header.getKey(),
						"has a name that is not a valid header name");
				valid = false;
			}
			else if (header.getValue() == null
					|| header.getValue().chars().anyMatch((c) -> c < 0x20 && c != '\t' || c == 0x7f)) {
				this.errors.rejectGlobal(property("headers") + "." + header.getKey(), null,
						"must be set and contain no control characters");
				valid = false;
			}
		}
		String refusal = valid ? HttpEventSink.refusal(URI.create(url.strip()), method, this.listener.getHeaders())
				: null;
		if (refusal != null) {
			this.errors.rejectGlobal(property("headers"), null, "are refused by the HTTP client: " + refusal);
		}
	}

	private void webhook() {
		String url = this.listener.getUrl();
		if (url == null || url.isBlank()) {
			this.errors.rejectGlobal(property("url"), null,
					"must be set for " + aListener() + " (its incoming-webhook URL)");
		}
		else {
			this.errors.secretHttpUrl(property("url"), url);
		}
	}

	private void incidents(String secret, String secretValue, String levels, Map<String, String> levelByState,
			Set<String> allowed) {
		if (secretValue == null || secretValue.isBlank()) {
			this.errors.rejectGlobal(property(secret), null, "must be set for " + aListener());
		}
		else if (secretValue.chars().anyMatch((c) -> c <= 0x20 || c == 0x7f)) {
			this.errors.rejectGlobal(property(secret), null, "must contain no blanks or control characters");
		}
		if (this.listener.getUrl() != null) {
			url(this.listener.getUrl());
		}
		levelByState.forEach((state, level) -> {
			ProcessState parsed = state(state);
			if (parsed == null || parsed == ProcessState.UNKNOWN || IncidentEventSink.RESOLVING.contains(parsed.name())) {
				this.errors.rejectGlobal(property(levels) + "." + state, state,
						"must be keyed by a state that opens an incident: starting, degraded, paused, late or dead "
								+ "(up and stopped close it)");
			}
			else if (level == null || !allowed.contains(level)) {
				reject(levels + "[" + state + "]", property(levels) + "." + state, level,
						"must be one of " + String.join(", ", allowed.stream().sorted().toList()));
			}
		});
	}

	private void mail() {
		List<String> to = this.listener.getTo();
		if (to == null || to.isEmpty()) {
			reject("to", to, "must name at least one recipient for a mail listener");
		}
		else {
			for (String address : to) {
				if (address == null || !MAIL_ADDRESS.matcher(address.strip()).matches()) {
					reject("to", address, "must be mail addresses such as ops@example.com");
				}
			}
		}
		String from = this.listener.getFrom();
		if (from == null || from.isBlank() || from.chars().anyMatch((c) -> c < 0x20 || c == 0x7f)) {
			reject("from", from, "must be a mail address without control characters");
		}
	}

	private static ProcessState state(String name) {
		try {
			return ProcessState.valueOf(name.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private boolean required(String field, String value) {
		if (value == null || value.isBlank()) {
			reject(field, value, "must be set for " + aListener());
			return false;
		}
		return true;
	}

	private boolean url(String url) {
		String problem = PropertyErrors.httpUrlProblem(url);
		if (problem != null) {
			reject("url", url, problem);
		}
		return problem == null;
	}

	private boolean core(Supplier<?> check) {
		try {
			check.get();
			return true;
		}
		catch (InvalidConfigException ex) {
			reject(ex.field(), ex.value(), ex.reason());
			return false;
		}
	}

	private void reject(String field, Object value, String reason) {
		reject(field, property(field), value, reason);
	}

	private void reject(String path, String property, Object value, String reason) {
		this.errors.reject("listeners[" + this.name + "]." + path, property, value, reason);
	}

	private String property(String field) {
		return "listeners." + this.name + "." + PropertyErrors.toKebab(field);
	}

	private String kindName() {
		return this.listener.getKind().name().toLowerCase(Locale.ROOT);
	}

	// "a kafka listener", "an http listener"
	private String aListener() {
		Kind kind = this.listener.getKind();
		return ((kind == Kind.HTTP || kind == Kind.OPSGENIE) ? "an " : "a ") + kindName() + " listener";
	}

}
