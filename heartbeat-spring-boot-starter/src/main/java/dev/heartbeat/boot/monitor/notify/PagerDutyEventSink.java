package dev.heartbeat.boot.monitor.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.heartbeat.boot.monitor.notify.NoticeText.Fact;
import dev.heartbeat.boot.monitor.notify.internal.JsonPost;
import dev.heartbeat.boot.monitor.notify.internal.JsonWriter;

/**
 * Triggers and resolves PagerDuty incidents through the Events API v2: a {@code trigger} for
 * every state with a severity (LATE and DEAD by default), a {@code resolve} when the process or
 * app is UP or STOPPED again, both with {@code dedup_key} = {@link Notice#key()}, so that
 * PagerDuty keeps one incident per process or app and closes it by itself. The routing key is a
 * secret: neither {@link #toString()} nor a failure shows it.
 */
public final class PagerDutyEventSink extends IncidentEventSink {

	/**
	 * The Events API v2 endpoint.
	 */
	public static final URI ENDPOINT = URI.create("https://events.pagerduty.com/v2/enqueue");

	// the limits of the Events API v2
	private static final int SUMMARY = 1024;

	private static final int DEDUP_KEY = 255;

	private final JsonPost post;

	private final URI endpoint;

	private final String routingKey;

	private final NoticeText text;

	/**
	 * A PagerDuty sink.
	 * @param client the HTTP client
	 * @param endpoint where to send, usually {@link #ENDPOINT}
	 * @param routingKey the integration key
	 * @param severity the severity per lower-case state that triggers
	 * @param text the wording
	 */
	public PagerDutyEventSink(HttpClient client, URI endpoint, String routingKey, Map<String, String> severity,
			NoticeText text) {
		super(severity);
		this.endpoint = endpoint;
		this.routingKey = routingKey;
		this.text = text;
		this.post = new JsonPost(client, "PagerDuty", Map.of(), List.of(routingKey));
	}

	@Override
	void trigger(Notice notice, String severity, Duration timeout) throws IOException, InterruptedException {
		this.post.post(this.endpoint, trigger(notice, severity), timeout);
	}

	@Override
	void resolve(Notice notice, Duration timeout) throws IOException, InterruptedException {
		this.post.post(this.endpoint, begin("resolve", notice).endObject().toString(), timeout);
	}

	String trigger(Notice notice, String severity) {
		JsonWriter json = begin("trigger", notice);
		json.name("payload").beginObject()
			.field("summary", cut(this.text.summary(notice), SUMMARY))
			.field("source", notice.name())
			.field("severity", severity)
			.field("timestamp", notice.at().toString());
		if (!notice.app().isEmpty()) {
			json.field("group", notice.app());
		}
		json.field("class", "heartbeat " + notice.state().toLowerCase(Locale.ROOT));
		json.name("custom_details").beginObject();
		for (Fact fact : this.text.facts(notice)) {
			json.field(fact.label(), fact.value());
		}
		json.endObject().endObject();
		json.field("client", "heartbeat monitor");
		this.text.link(notice).ifPresent((link) -> json.field("client_url", link).name("links").beginArray()
			.beginObject().field("href", link).field("text", "Status board").endObject().endArray());
		return json.endObject().toString();
	}

	private JsonWriter begin(String action, Notice notice) {
		return new JsonWriter().beginObject()
			.field("routing_key", this.routingKey)
			.field("event_action", action)
			.field("dedup_key", cut(notice.key(), DEDUP_KEY));
	}

	@Override
	public String toString() {
		return "pagerduty " + this.endpoint.getHost();
	}

}
