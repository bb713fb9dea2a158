package dev.heartbeat.boot.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A plain HTTP client for tests that talk to several applications on their random ports.
 */
public final class Http {

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final ObjectMapper json = new ObjectMapper();

	private Http() {
	}

	/**
	 * {@code GET http://localhost:<port><path>}.
	 * @param port the port
	 * @param path the path
	 * @return the answer
	 */
	public static Answer get(int port, String path) {
		return send(HttpRequest.newBuilder(uri(port, path)).GET());
	}

	/**
	 * {@code POST} a JSON body to {@code http://localhost:<port><path>}.
	 * @param port the port
	 * @param path the path
	 * @param body the JSON body
	 * @return the answer
	 */
	public static Answer post(int port, String path, String body) {
		return send(HttpRequest.newBuilder(uri(port, path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/**
	 * {@code POST} a text body to {@code http://localhost:<port><path>} with request headers, as
	 * {@code curl -d} does.
	 * @param port the port
	 * @param path the path
	 * @param body the body
	 * @param headers header names and values, one after the other
	 * @return the answer
	 */
	public static Answer postText(int port, String path, String body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(port, path))
			.POST(HttpRequest.BodyPublishers.ofString(body));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return send(request);
	}

	/**
	 * {@code DELETE http://localhost:<port><path>}.
	 * @param port the port
	 * @param path the path
	 * @return the answer
	 */
	public static Answer delete(int port, String path) {
		return send(HttpRequest.newBuilder(uri(port, path)).DELETE());
	}

	private static URI uri(int port, String path) {
		return URI.create("http://localhost:" + port + path);
	}

	private static Answer send(HttpRequest.Builder request) {
		long started = System.nanoTime();
		try {
			HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body(), Duration.ofNanos(System.nanoTime() - started));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * What a server answered.
	 *
	 * @param status the status code
	 * @param body the body
	 * @param took how long the exchange took
	 */
	public record Answer(int status, String body, Duration took) {

		/**
		 * The body as JSON.
		 * @return the tree
		 */
		public JsonNode json() {
			return json.readTree(this.body);
		}

	}

}
