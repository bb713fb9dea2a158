package dev.heartbeat.boot.monitor.notify.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * POSTs JSON documents to one service with the JDK's {@link HttpClient}. An answer other than 2xx
 * fails with a message that names the service and the status and quotes the start of the
 * answer, but never the URL (a webhook's secret is in its path) nor a secret the answer may echo.
 */
public final class JsonPost {

	private static final int QUOTED = 200;

	private static final String MASK = "******";

	private final HttpClient client;

	private final String service;

	private final Map<String, String> headers;

	private final List<String> secrets;

	/**
	 * A poster.
	 * @param client the client
	 * @param service how failures name the service, e.g. {@code Slack}
	 * @param headers headers of every request besides {@code Content-Type: application/json}
	 * @param secrets texts never to quote from an answer
	 */
	public JsonPost(HttpClient client, String service, Map<String, String> headers, List<String> secrets) {
		this.client = Objects.requireNonNull(client, "client");
		this.service = Objects.requireNonNull(service, "service");
		this.headers = Map.copyOf(headers);
		this.secrets = secrets.stream().filter((secret) -> secret != null && !secret.isEmpty()).toList();
	}

	/**
	 * POST a document.
	 * @param uri where to
	 * @param json the document
	 * @param timeout how long the request may take
	 * @throws IOException if it failed or the answer was not 2xx
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void post(URI uri, String json, Duration timeout) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(timeout)
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(json, StandardCharsets.UTF_8));
		this.headers.forEach(request::header);
		HttpResponse<String> response = this.client.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
		int status = response.statusCode();
		if (status < 200 || status > 299) {
			throw new IOException(this.service + " answered HTTP " + status + quote(response.body()));
		}
	}

	private String quote(String body) {
		if (body == null || body.isBlank()) {
			return "";
		}
		String quoted = body.strip();
		for (String secret : this.secrets) {
			quoted = quoted.replace(secret, MASK);
		}
		quoted = quoted.replaceAll("[\\p{Cntrl}]+", " ");
		return ": " + ((quoted.length() > QUOTED) ? quoted.substring(0, QUOTED) + "…" : quoted);
	}

}
