package dev.heartbeat.boot.monitor.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.heartbeat.boot.monitor.notify.NoticeText.Fact;
import dev.heartbeat.boot.monitor.notify.internal.JsonWriter;

/**
 * Posts every event to a Microsoft Teams workflow webhook ("When a Teams webhook request is
 * received") as an Adaptive Card in a message's attachments: the headline in the colour of the
 * state, a fact set, and a button to the board. A digest has one fact set per app. The webhook
 * URL is a secret: neither its description nor a failure shows more than its host.
 */
public final class TeamsEventSink extends WebhookEventSink {

	/**
	 * The content type of an Adaptive Card attachment.
	 */
	public static final String CARD = "application/vnd.microsoft.card.adaptive";

	/**
	 * A Teams sink.
	 * @param client the HTTP client
	 * @param webhook the workflow webhook URL
	 * @param text the wording
	 */
	public TeamsEventSink(HttpClient client, URI webhook, NoticeText text) {
		super("Teams", client, webhook, text);
	}

	@Override
	String message(Notice notice) {
		JsonWriter json = begin();
		heading(json, this.text.headline(notice), color(notice.state()));
		factSet(json, this.text.facts(notice));
		return end(json, this.text.link(notice));
	}

	@Override
	String message(DigestText digest) {
		JsonWriter json = begin();
		heading(json, digest.headline(), "Default");
		for (DigestText.Group group : digest.groups()) {
			json.beginObject().field("type", "TextBlock").field("text", group.title()).field("weight", "Bolder")
				.name("wrap").value(true).endObject();
			List<Fact> lines = group.lines().stream().map((line) -> new Fact("-", line)).toList();
			if (group.hidden() > 0) {
				lines = new ArrayList<>(lines);
				lines.add(new Fact("-", "and " + group.hidden() + " more"));
			}
			factSet(json, lines);
		}
		return end(json, digest.link());
	}

	private static JsonWriter begin() {
		JsonWriter json = new JsonWriter().beginObject().field("type", "message").name("attachments").beginArray();
		json.beginObject().field("contentType", CARD).name("contentUrl").value((String) null).name("content");
		json.beginObject()
			.field("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
			.field("type", "AdaptiveCard")
			.field("version", "1.4")
			.name("body")
			.beginArray();
		return json;
	}

	private static String end(JsonWriter json, Optional<String> link) {
		json.endArray();
		link.ifPresent((url) -> json.name("actions").beginArray().beginObject().field("type", "Action.OpenUrl")
			.field("title", "Status board").field("url", url).endObject().endArray());
		// card, attachment, attachments, message
		return json.endObject().endObject().endArray().endObject().toString();
	}

	private static void heading(JsonWriter json, String text, String color) {
		json.beginObject().field("type", "TextBlock").field("text", text).field("size", "Medium")
			.field("weight", "Bolder").field("color", color).name("wrap").value(true).endObject();
	}

	private static void factSet(JsonWriter json, List<Fact> facts) {
		json.beginObject().field("type", "FactSet").name("facts").beginArray();
		for (Fact fact : facts) {
			json.beginObject().field("title", fact.label()).field("value", fact.value()).endObject();
		}
		json.endArray().endObject();
	}

	private static String color(String state) {
		return switch (NoticeText.tone(state)) {
			case BAD -> "Attention";
			case WARNING -> "Warning";
			case GOOD -> "Good";
			case NEUTRAL -> "Default";
		};
	}

}
