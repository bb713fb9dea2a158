package dev.heartbeat.boot.monitor.notify;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.heartbeat.boot.monitor.notify.NoticeText.Fact;
import dev.heartbeat.boot.monitor.notify.internal.JsonPost;
import dev.heartbeat.boot.monitor.notify.internal.JsonWriter;

/**
 * Opens and closes Opsgenie alerts through the Alert API: {@code POST /v2/alerts} for every state
 * with a priority (LATE and DEAD by default), {@code POST /v2/alerts/{alias}/close?identifierType=alias}
 * when the process or app is UP or STOPPED again, with {@code alias} = {@link Notice#key()}, so
 * that Opsgenie keeps one open alert per process or app. Requests carry
 * {@code Authorization: GenieKey <api key>}; the key is a secret that neither
 * {@link #toString()} nor a failure shows.
 */
public final class OpsgenieEventSink extends IncidentEventSink {

	/**
	 * The API's base URL; EU accounts use {@code https://api.eu.opsgenie.com}.
	 */
	public static final URI ENDPOINT = URI.create("https://api.opsgenie.com");

	// the limits of the Alert API
	private static final int MESSAGE = 130;

	private static final int ALIAS = 512;

	private static final int DESCRIPTION = 15_000;

	private static final String SOURCE = "heartbeat monitor";

	private final JsonPost post;

	private final String base;

	private final NoticeText text;

	/**
	 * An Opsgenie sink.
	 * @param client the HTTP client
	 * @param base the API's base URL, usually {@link #ENDPOINT}
	 * @param apiKey the API integration's key
	 * @param priority the priority per lower-case state that opens an alert
	 * @param text the wording
	 */
	public OpsgenieEventSink(HttpClient client, URI base, String apiKey, Map<String, String> priority,
			NoticeText text) {
		super(priority);
		String url = base.toString();
		this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
		this.text = text;
		this.post = new JsonPost(client, "Opsgenie", Map.of("Authorization", "GenieKey " + apiKey), List.of(apiKey));
	}

	@Override
	void trigger(Notice notice, String priority, Duration timeout) throws IOException, InterruptedException {
		this.post.post(URI.create(this.base + "/v2/alerts"), create(notice, priority), timeout);
	}

	@Override
	void resolve(Notice notice, Duration timeout) throws IOException, InterruptedException {
		String alias = URLEncoder.encode(alias(notice), StandardCharsets.UTF_8).replace("+", "%20");
		String close = new JsonWriter().beginObject().field("source", SOURCE)
			.field("note", this.text.headline(notice)).endObject().toString();
		this.post.post(URI.create(this.base + "/v2/alerts/" + alias + "/close?identifierType=alias"), close, timeout);
	}

	String create(Notice notice, String priority) {
		JsonWriter json = new JsonWriter().beginObject()
			.field("message", cut(this.text.summary(notice), MESSAGE))
			.field("alias", alias(notice))
			.field("description", cut(this.text.plain(notice), DESCRIPTION))
			.field("priority", priority)
			.field("source", SOURCE)
			.field("entity", notice.name());
		json.name("tags").beginArray().value("heartbeat").value(notice.state().toLowerCase(Locale.ROOT));
		if (!notice.app().isEmpty()) {
			json.value(notice.app());
		}
		json.endArray().name("details").beginObject();
		for (Fact fact : this.text.facts(notice)) {
			json.field(fact.label(), fact.value());
		}
		this.text.link(notice).ifPresent((link) -> json.field("Status board", link));
		return json.endObject().endObject().toString();
	}

	private static String alias(Notice notice) {
		return cut(notice.key(), ALIAS);
	}

	@Override
	public String toString() {
		return "opsgenie " + URI.create(this.base).getHost();
	}

}
