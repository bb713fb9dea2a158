package dev.heartbeat.boot.monitor.listener;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.heartbeat.boot.monitor.listener.EventTemplate.Escaping;
import dev.heartbeat.core.monitor.MonitorEvent;

/**
 * Sends every event as an HTTP request with the JDK's {@link HttpClient}. The body is a template;
 * its values are JSON-escaped when the content type is JSON (the default). A digest is one request
 * with every event's body. Any status other than 2xx is a failure.
 */
public final class HttpEventSink implements EventSink {

	/**
	 * The content type when the headers set none.
	 */
	public static final String DEFAULT_CONTENT_TYPE = "application/json";

	private final HttpClient client;

	private final URI uri;

	private final String method;

	private final Map<String, String> headers;

	private final EventTemplate body;

	private final Escaping escaping;

	/**
	 * An HTTP sink.
	 * @param client the client
	 * @param uri where to send
	 * @param method the HTTP method
	 * @param headers request headers, sent as they are; Content-Type defaults to
	 * {@value #DEFAULT_CONTENT_TYPE}
	 * @param body the body template
	 * @throws IllegalArgumentException if a header is not allowed by the HTTP client
	 */
	public HttpEventSink(HttpClient client, URI uri, String method, Map<String, String> headers, EventTemplate body) {
		this.client = Objects.requireNonNull(client, "client");
		this.uri = Objects.requireNonNull(uri, "uri");
		this.method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
		this.body = Objects.requireNonNull(body, "body");
		this.headers = withContentType(headers);
		this.escaping = contentType(this.headers).toLowerCase(Locale.ROOT).contains("json") ? Escaping.JSON
				: Escaping.NONE;
		// fail at start-up, not at the first event, on headers the client refuses (Host, Connection, ...)
		request("", Duration.ofSeconds(1));
	}

	/**
	 * What the JDK's HTTP client refuses in a request with these settings, e.g. a restricted
	 * header such as {@code Host}.
	 * @param uri where to send
	 * @param method the HTTP method
	 * @param headers the request headers
	 * @return the client's objection, or {@code null} if it accepts them
	 */
	public static @Nullable String refusal(URI uri, String method, Map<String, String> headers) {
		try {
			request(uri, method.toUpperCase(Locale.ROOT), withContentType(headers), "", Duration.ofSeconds(1));
			return null;
		}
		catch (IllegalArgumentException ex) {
			return ex.getMessage();
		}
	}

	private static Map<String, String> withContentType(Map<String, String> headers) {
		Map<String, String> effective = new LinkedHashMap<>(headers);
		if (contentType(effective) == null) {
			effective.put("Content-Type", DEFAULT_CONTENT_TYPE);
		}
		return Map.copyOf(effective);
	}

	private static @Nullable String contentType(Map<String, String> headers) {
		for (Map.Entry<String, String> header : headers.entrySet()) {
			if (header.getKey().equalsIgnoreCase("Content-Type")) {
				return header.getValue();
			}
		}
		return null;
	}

	/**
	 * How substituted values are escaped in the body.
	 * @return JSON for a JSON content type, otherwise none
	 */
	public Escaping escaping() {
		return this.escaping;
	}

	@Override
	public void send(MonitorEvent event, EventValues values, Duration timeout) throws IOException, InterruptedException {
		exchange(this.body.render(values, this.escaping), timeout);
	}

	/**
	 * Send the events of a digest in one request: a JSON array of the rendered bodies when the
	 * content type is JSON, the bodies one a line otherwise.
	 */
	@Override
	public void send(Digest digest, Duration timeout) throws IOException, InterruptedException {
		boolean json = this.escaping == Escaping.JSON;
		StringBuilder text = new StringBuilder(json ? "[" : "");
		for (int i = 0; i < digest.size(); i++) {
			text.append((i == 0) ? "" : json ? "," : "\n");
			text.append(this.body.render(digest.entries().get(i).values(), this.escaping));
		}
		exchange(text.append(json ? "]" : "").toString(), timeout);
	}

	private void exchange(String text, Duration timeout) throws IOException, InterruptedException {
		HttpRequest request = request(text, timeout);
		HttpResponse<Void> response = this.client.send(request, BodyHandlers.discarding());
		int status = response.statusCode();
		if (status < 200 || status > 299) {
			throw new IOException(this.method + " " + this.uri + " answered HTTP " + status);
		}
	}

	private HttpRequest request(String text, Duration timeout) {
		return request(this.uri, this.method, this.headers, text, timeout);
	}

	private static HttpRequest request(URI uri, String method, Map<String, String> headers, String text,
			Duration timeout) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(timeout)
			.method(method, text.isEmpty() ? BodyPublishers.noBody() : BodyPublishers.ofString(text, StandardCharsets.UTF_8));
		headers.forEach(request::header);
		return request.build();
	}

	@Override
	public String toString() {
		return "http " + this.method + " " + this.uri;
	}

}
