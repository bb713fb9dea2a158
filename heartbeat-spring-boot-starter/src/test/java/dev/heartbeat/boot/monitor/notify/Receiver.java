package dev.heartbeat.boot.monitor.notify;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server on loopback that records every request and answers each path as told: a
 * status (202 by default), or never, until closed.
 */
final class Receiver implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final ExecutorService handlers = Executors.newCachedThreadPool();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final Map<String, Integer> statuses = new ConcurrentHashMap<>();

	private final Map<String, String> answers = new ConcurrentHashMap<>();

	private final CountDownLatch release = new CountDownLatch(1);

	Receiver() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.handlers);
		this.server.start();
	}

	/**
	 * The base URL, {@code http://127.0.0.1:<port>}.
	 */
	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * Answer a path with a status and a body.
	 */
	Receiver answer(String path, int status, String body) {
		this.statuses.put(path, status);
		this.answers.put(path, body);
		return this;
	}

	/**
	 * Never answer a path (until closed).
	 */
	Receiver hang(String path) {
		this.statuses.put(path, -1);
		return this;
	}

	List<Request> requests() {
		return this.requests;
	}

	List<Request> requests(String path) {
		return this.requests.stream().filter((request) -> request.path().equals(path)).toList();
	}

	/**
	 * Wait until a path got a number of requests.
	 */
	List<Request> await(String path, int count, Duration within) {
		org.awaitility.Awaitility.await().atMost(within).until(() -> requests(path).size() >= count);
		return requests(path);
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		try (InputStream body = exchange.getRequestBody()) {
			this.requests.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
					exchange.getRequestHeaders(), new String(body.readAllBytes(), StandardCharsets.UTF_8)));
		}
		int status = this.statuses.getOrDefault(path, 202);
		if (status < 0) {
			try {
				this.release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			status = 503;
		}
		byte[] answer = this.answers.getOrDefault(path, "").getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, (answer.length == 0) ? -1 : answer.length);
		if (answer.length > 0) {
			exchange.getResponseBody().write(answer);
		}
		exchange.close();
	}

	@Override
	public void close() {
		this.release.countDown();
		this.server.stop(0);
		this.handlers.shutdownNow();
	}

	/**
	 * One request as it arrived.
	 */
	record Request(String method, String path, String query, Headers headers, String body) {

		String header(String name) {
			return this.headers.getFirst(name);
		}

		JsonNode json() {
			return JSON.readTree(this.body);
		}

	}

}
