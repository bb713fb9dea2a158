package dev.heartbeat.boot.monitor.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.heartbeat.boot.monitor.listener.Digest;
import dev.heartbeat.boot.monitor.listener.EventSink;
import dev.heartbeat.boot.monitor.listener.EventValues;
import dev.heartbeat.boot.monitor.notify.internal.JsonPost;
import dev.heartbeat.core.monitor.MonitorEvent;

/**
 * A chat webhook: one JSON message per event or digest, POSTed to a URL that is itself the
 * secret, so that neither {@link #toString()} nor a failure shows more than its host.
 */
abstract class WebhookEventSink implements EventSink {

	private final JsonPost post;

	private final URI webhook;

	private final String service;

	protected final NoticeText text;

	WebhookEventSink(String service, HttpClient client, URI webhook, NoticeText text) {
		this.service = service;
		this.webhook = webhook;
		this.text = text;
		// the path alone is secret too; a server may quote it
		String path = (webhook.getRawPath() != null && webhook.getRawPath().length() > 1) ? webhook.getRawPath() : "";
		this.post = new JsonPost(client, service, Map.of(), List.of(webhook.toString(), path));
	}

	@Override
	public void send(MonitorEvent event, EventValues values, Duration timeout) throws IOException, InterruptedException {
		this.post.post(this.webhook, message(Notice.of(event)), timeout);
	}

	@Override
	public void send(Digest digest, Duration timeout) throws IOException, InterruptedException {
		this.post.post(this.webhook, message(DigestText.of(digest, this.text)), timeout);
	}

	/**
	 * The message of one event.
	 * @param notice the event
	 * @return the JSON document
	 */
	abstract String message(Notice notice);

	/**
	 * The message of a digest.
	 * @param digest the digest
	 * @return the JSON document
	 */
	abstract String message(DigestText digest);

	@Override
	public String toString() {
		return this.service.toLowerCase(Locale.ROOT) + " " + this.webhook.getHost();
	}

}
