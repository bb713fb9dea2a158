package dev.heartbeat.core.publish;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.heartbeat.core.publish.contract.AbstractBeatPublisherContractTests;
import dev.heartbeat.core.publish.contract.SimulatedTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Tests for {@link LogPublisher}, and the publisher contract for it behind a simulated transport
 * (it has none of its own).
 */
class LogPublisherTests extends AbstractBeatPublisherContractTests<LogPublisher> {

	private final SimulatedTransport transport = new SimulatedTransport();

	@Override
	protected LogPublisher createPublisher() {
		return new LogPublisher();
	}

	@Override
	protected BeatPublisher underTest(LogPublisher publisher) {
		return this.transport.around(publisher);
	}

	@Override
	protected Transport transport(LogPublisher publisher) {
		return this.transport;
	}

	@Test
	void nameShouldBeLog() {
		assertThat(new LogPublisher().name()).isEqualTo("log");
	}

	@Test
	void publishShouldNotThrow() {
		assertThatCode(() -> new LogPublisher().publish("heartbeat.orders", "orders", "beat/5", METADATA))
			.doesNotThrowAnyException();
	}

	@Test
	void publishShouldLogSubjectPayloadAndMetadataOnTheBeatsLogger() {
		// slf4j-simple (the test binding) writes to whatever System.err is at the time
		PrintStream original = System.err;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
		try {
			new LogPublisher().publish("heartbeat.orders", "orders", "beat/5", METADATA);
		}
		finally {
			System.setErr(original);
		}
		assertThat(captured.toString(StandardCharsets.UTF_8)).contains("INFO dev.heartbeat.beats")
			.contains("heartbeat.orders beat/5 (app=shop, instance=0123456789ab, seq=7, status=RUNNING, health=UP)");
	}

}
