package dev.heartbeat.boot.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.heartbeat.boot.beat.health.HeartbeatHealthIndicator;
import dev.heartbeat.boot.monitor.support.LocalApp;
import dev.heartbeat.boot.monitor.support.SharedKafka;
import dev.heartbeat.core.schedule.PublisherStats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An HTTP receiver that accepts the connection and never answers: the HTTP publisher's calls
 * hang, and the Kafka publisher must not notice. The HTTP client would wait 10 s; the publisher
 * timeout, two periods, is what cuts each call short.
 */
@ExtendWith(SharedKafka.class)
class HangingPublisherTests {

	private static final Duration PERIOD = Duration.ofMillis(300);

	/**
	 * Longer than the period: a hung HTTP call spans two ticks, so a publisher that made the
	 * others wait would make them skip beats.
	 */
	private static final Duration PUBLISHER_TIMEOUT = PERIOD.multipliedBy(2);

	private final HangingServer server = new HangingServer();

	private LocalApp app;

	@AfterEach
	void close() throws IOException {
		if (this.app != null) {
			this.app.close();
		}
		this.server.close();
	}

	@Test
	void aHangingHttpReceiverShouldNotDelayKafkaBeatsAndItsCallsShouldBeTimedOutAndCounted() {
		String process = SharedKafka.unique("hung");
		String topic = SharedKafka.createCompactedTopic(SharedKafka.unique("heartbeats"), 1);
		this.app = LocalApp.start(WebApplicationType.NONE, SharedKafka.bootstrapServers(), topic, process, PERIOD,
				"heartbeat.http.url=http://127.0.0.1:" + this.server.port() + "/beats", "heartbeat.http.timeout=10s",
				"heartbeat.publisher-timeout=" + PUBLISHER_TIMEOUT.toMillis() + "ms",
				"heartbeat.control.enabled=false");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.server.accepted() > 0 && stats("kafka").sent() > 1);
		long kafkaBefore = stats("kafka").sent();
		long kafkaUndeliveredBefore = undelivered(stats("kafka"));
		long ticksBefore = this.app.scheduler().stats().ticks();

		await().pollDelay(PERIOD.multipliedBy(15)).atMost(PERIOD.multipliedBy(16)).until(() -> true);
		long ticks = this.app.scheduler().stats().ticks() - ticksBefore;
		PublisherStats http = stats("http");
		PublisherStats kafka = stats("kafka");
		assertThat(ticks).isGreaterThanOrEqualTo(12);
		assertThat(kafka.sent() - kafkaBefore).as("kafka beats while HTTP hung").isGreaterThanOrEqualTo(ticks - 1);
		assertThat(undelivered(kafka)).as("kafka beats not delivered while HTTP hung")
			.isEqualTo(kafkaUndeliveredBefore);
		assertThat(http.sent()).isZero();
		assertThat(http.failed()).isZero();
		// one call at a time, each cut off after two periods; of the beats meanwhile the newest waits
		assertThat(http.timedOut()).as("HTTP calls timed out").isGreaterThanOrEqualTo(ticks / 2 - 2);
		assertThat(http.dropped()).as("HTTP beats replaced by newer ones").isGreaterThanOrEqualTo(ticks / 2 - 2);
		assertThat(http.timedOut() + http.dropped()).as("HTTP beats counted").isGreaterThanOrEqualTo(ticks - 2);
		assertThat(http.lastError()).isEqualTo("timed out after " + PUBLISHER_TIMEOUT.toMillis() + " ms");
		// (a call may time out between two readings)
		double timeoutsMeter = this.app.context()
			.getBean(MeterRegistry.class)
			.get("heartbeat.beats.failed")
			.tags("publisher", "http", "reason", "timeout")
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
		assertThat(timeoutsMeter).isBetween((double) http.timedOut(), (double) stats("http").timedOut());
		// a timed-out call is abandoned, not left waiting on its connection
		assertThat((long) this.server.accepted()).as("connections the receiver accepted")
			.isGreaterThanOrEqualTo(http.timedOut());
		assertThat(this.server.open()).as("connections still open at the receiver").isLessThanOrEqualTo(2);
		Health health = this.app.context().getBean(HeartbeatHealthIndicator.class).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);

		List<ConsumerRecord<String, String>> records = SharedKafka.records(topic, process);
		List<ConsumerRecord<String, String>> beats = records.subList(records.size() - 12, records.size());
		for (int i = 1; i < beats.size(); i++) {
			long gap = beats.get(i).timestamp() - beats.get(i - 1).timestamp();
			// what a monitor would take for a late beat: period x 1.5
			assertThat(gap).as("gap between Kafka beats %d and %d", i - 1, i).isLessThan(PERIOD.toMillis() * 3 / 2);
		}
	}

	private static long undelivered(PublisherStats stats) {
		return stats.failed() + stats.timedOut() + stats.dropped();
	}

	private PublisherStats stats(String publisher) {
		return this.app.scheduler()
			.stats()
			.publishers()
			.stream()
			.filter((stats) -> stats.name().equals(publisher))
			.findFirst()
			.orElseThrow();
	}

	/**
	 * Accepts connections and never reads from or writes to them; counts those still open.
	 */
	private static final class HangingServer implements AutoCloseable {

		private final ServerSocket socket;

		private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

		private final AtomicInteger accepted = new AtomicInteger();

		HangingServer() {
			try {
				this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			Thread acceptor = new Thread(this::accept, "hanging-server");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		int port() {
			return ((InetSocketAddress) this.socket.getLocalSocketAddress()).getPort();
		}

		int accepted() {
			return this.accepted.get();
		}

		/**
		 * Connections the client has not closed: a closed one reads as the end of the stream.
		 */
		long open() {
			return this.connections.stream().filter(HangingServer::isOpen).count();
		}

		private static boolean isOpen(Socket connection) {
			try {
				connection.setSoTimeout(1);
				InputStream in = connection.getInputStream();
				while (in.available() > 0) {
					in.skip(in.available());
				}
				return in.read() != -1;
			}
			catch (java.net.SocketTimeoutException ex) {
				return true;
			}
			catch (IOException ex) {
				return false;
			}
		}

		private void accept() {
			while (!this.socket.isClosed()) {
				try {
					this.connections.add(this.socket.accept());
					this.accepted.incrementAndGet();
				}
				catch (IOException ex) {
					return;
				}
			}
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
			for (Socket connection : this.connections) {
				connection.close();
			}
		}

	}

}
