package dev.heartbeat.boot.monitor.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;

import dev.heartbeat.boot.monitor.notify.NoticeText.Fact;
import dev.heartbeat.boot.monitor.notify.internal.JsonWriter;

/**
 * Posts every event to a Slack incoming webhook: {@code text} (the summary, for notifications
 * and clients without blocks) and {@code blocks}, a section with the headline, one with the facts
 * and a context line with the board link. A digest lists its groups in sections of at most 3000
 * characters, as Slack allows. The webhook URL is a secret: neither {@link #toString()} nor a
 * failure shows more than its host.
 */
public final class SlackEventSink extends WebhookEventSink {

	// Slack's limits: 3000 characters of text per section, 10 fields, 50 blocks
	private static final int SECTION_TEXT = 3000;

	private static final int FIELDS = 10;

	private static final int BLOCKS = 50;

	/**
	 * A Slack sink.
	 * @param client the HTTP client
	 * @param webhook the incoming-webhook URL
	 * @param text the wording
	 */
	public SlackEventSink(HttpClient client, URI webhook, NoticeText text) {
		super("Slack", client, webhook, text);
	}

	@Override
	String message(Notice notice) {
		JsonWriter json = new JsonWriter().beginObject().field("text", this.text.summary(notice));
		json.name("blocks").beginArray();
		section(json, mark(notice.state()) + " *" + escape(this.text.headline(notice)) + "*");
		json.beginObject().field("type", "section").name("fields").beginArray();
		List<Fact> facts = this.text.facts(notice);
		for (Fact fact : facts.subList(0, Math.min(FIELDS, facts.size()))) {
			mrkdwn(json, "*" + escape(fact.label()) + "*\n" + escape(fact.value()));
		}
		json.endArray().endObject();
		this.text.link(notice).ifPresent((link) -> context(json, "<" + link + "|Status board>"));
		return json.endArray().endObject().toString();
	}

	@Override
	String message(DigestText digest) {
		JsonWriter json = new JsonWriter().beginObject().field("text", digest.headline());
		json.name("blocks").beginArray();
		section(json, "*" + escape(digest.headline()) + "*");
		int blocks = 1;
		for (DigestText.Group group : digest.groups()) {
			StringBuilder section = new StringBuilder("*" + escape(group.title()) + "*");
			for (String line : group.lines()) {
				String item = "\n• " + escape(line);
				if (section.length() + item.length() > SECTION_TEXT && blocks < BLOCKS - 2) {
					section(json, section.toString());
					blocks++;
					section.setLength(0);
				}
				section.append(item);
			}
			if (group.hidden() > 0) {
				section.append("\n• and ").append(group.hidden()).append(" more");
			}
			if (blocks < BLOCKS - 1) {
				section(json, section.substring(0, Math.min(SECTION_TEXT, section.length())));
				blocks++;
			}
		}
		digest.link().ifPresent((link) -> context(json, "<" + link + "|Status board>"));
		return json.endArray().endObject().toString();
	}

	private static void section(JsonWriter json, String mrkdwn) {
		json.beginObject().field("type", "section").name("text");
		mrkdwn(json, mrkdwn);
		json.endObject();
	}

	private static void context(JsonWriter json, String mrkdwn) {
		json.beginObject().field("type", "context").name("elements").beginArray();
		mrkdwn(json, mrkdwn);
		json.endArray().endObject();
	}

	private static void mrkdwn(JsonWriter json, String text) {
		json.beginObject().field("type", "mrkdwn").field("text", text).endObject();
	}

	private static String mark(String state) {
		return switch (NoticeText.tone(state)) {
			case BAD -> ":red_circle:";
			case WARNING -> ":large_orange_circle:";
			case GOOD -> ":large_green_circle:";
			case NEUTRAL -> ":white_circle:";
		};
	}

	// the three characters Slack's mrkdwn wants escaped
	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

}
