package dev.heartbeat.boot.beat.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.heartbeat.core.publish.BeatMetadata;
import dev.heartbeat.core.publish.RecordingPublisher;
import dev.heartbeat.core.publish.SyncBeatPublisher;
import dev.heartbeat.core.publish.contract.AbstractBeatPublisherContractTests;
import dev.heartbeat.core.publish.contract.SimulatedTransport;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.wire.WireContract;

/**
 * The publisher contract for {@link HttpBeatPublisher} against a real HTTP server on loopback,
 * one for the class, each publisher posting to a path of its own. The server answers 503 while
 * the transport fails, holds every request unanswered while it hangs, and answers 200 otherwise
 * (held requests too, once it works again); what it answered 200 to is what arrived. The
 * server's answers follow a {@link SimulatedTransport}: the network is real, the receiver's
 * moods are simulated.
 */
class HttpBeatPublisherContractTests extends AbstractBeatPublisherContractTests<HttpBeatPublisher> {

	/**
	 * The client's timeout: longer than any test, so a hung request is ended by the test (by the
	 * scheduler's timeout or an interrupt), never by the client giving up.
	 */
	private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

	private static final AtomicInteger paths = new AtomicInteger();

	private static Receiver receiver;

	@BeforeAll
	static void startReceiver() {
		receiver = new Receiver();
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@Override
	protected HttpBeatPublisher createPublisher() {
		return new HttpBeatPublisher(receiver.url("/beats/" + paths.incrementAndGet()), CLIENT_TIMEOUT,
				(status) -> {
				});
	}

	@Override
	protected Transport transport(HttpBeatPublisher publisher) {
		return receiver.transport();
	}

	@Override
	protected Optional<List<Arrival>> arrivals(HttpBeatPublisher publisher) {
		return Optional.of(receiver.arrivals(publisher.url().getPath()));
	}

	/**
	 * The loopback server, each request handled on a thread of its own so that held requests
	 * block no other. A request goes through a {@link SimulatedTransport} to a recording publisher
	 * for its path: answered 200 once recorded, 503 if the transport failed it, and held while
	 * it hangs.
	 */
	private static final class Receiver implements AutoCloseable {

		private final ExecutorService handlers = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "contract-receiver");
			thread.setDaemon(true);
			return thread;
		});

		private final SimulatedTransport transport = new SimulatedTransport();

		private final Map<String, RecordingPublisher> recorders = new ConcurrentHashMap<>();

		private final HttpServer server;

		Receiver() {
			try {
				this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.server.setExecutor(this.handlers);
			this.server.createContext("/beats", this::handle);
			this.server.start();
		}

		URI url(String path) {
			return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + path);
		}

		Transport transport() {
			return this.transport;
		}

		List<Arrival> arrivals(String path) {
			return recorder(path).recorded()
				.stream()
				.map((beat) -> new Arrival(beat.subject(), beat.process(), beat.payload(), beat.metadata()))
				.toList();
		}

		@Override
		public void close() {
			this.transport.restore();
			this.server.stop(0);
			this.handlers.shutdownNow();
		}

		private RecordingPublisher recorder(String path) {
			return this.recorders.computeIfAbsent(path, (key) -> new RecordingPublisher());
		}

		private void handle(HttpExchange exchange) throws IOException {
			try {
				String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				Arrival arrival = arrival(exchange.getRequestHeaders(), body);
				SyncBeatPublisher far = (SyncBeatPublisher) this.transport
					.around(recorder(exchange.getRequestURI().getPath()));
				int code;
				try {
					far.publish(arrival.subject(), arrival.process(), arrival.payload(), arrival.metadata());
					code = 200;
				}
				catch (Exception ex) {
					code = 503;
				}
				exchange.sendResponseHeaders(code, -1);
			}
			finally {
				exchange.close();
			}
		}

		private static Arrival arrival(Headers headers, String body) {
			BeatMetadata metadata = new BeatMetadata(headers.getFirst(WireContract.HTTP_APP),
					headers.getFirst(WireContract.HTTP_INSTANCE), Long.parseLong(headers.getFirst(WireContract.HTTP_SEQ)),
					RunStatus.valueOf(headers.getFirst(WireContract.HTTP_STATUS)),
					headers.getFirst(WireContract.HTTP_HEALTH),
					Instant.parse(headers.getFirst(WireContract.HTTP_SENT_AT)));
			return new Arrival(headers.getFirst(WireContract.HTTP_SUBJECT), headers.getFirst(WireContract.HTTP_PROCESS),
					body, metadata);
		}

	}

}
