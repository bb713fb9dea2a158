package dev.heartbeat.boot.monitor.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import dev.heartbeat.core.time.ManualClock;
import dev.heartbeat.core.wire.ControlCommand;
import dev.heartbeat.core.wire.ControlSignature;
import dev.heartbeat.core.wire.WireContract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ControlSenderTests {

	private static final String SECRET = "0123456789abcdef0123456789abcdef";

	private final ManualClock clock = new ManualClock();

	private final MockProducer<String, String> producer = new MockProducer<>(true, null, new StringSerializer(),
			new StringSerializer());

	@Test
	void signedRecordShouldCarryTheClockTimestampAndAVerifiableSignature() {
		ControlSender sender = sender(new ControlSignature(SECRET));
		ControlSender.Sent sent = sender.send("billing", ControlCommand.PAUSE);
		ProducerRecord<String, String> record = this.producer.history().get(0);
		assertThat(record.topic()).isEqualTo("heartbeat-control");
		assertThat(record.key()).isEqualTo("billing");
		assertThat(record.value()).isEqualTo("pause");
		assertThat(record.timestamp()).isEqualTo(this.clock.wallTime());
		assertThat(sent.timestamp().toEpochMilli()).isEqualTo(this.clock.wallTime());
		assertThat(sent.signed()).isTrue();
		Header signature = record.headers().lastHeader(WireContract.HEADER_SIGNATURE);
		assertThat(new ControlSignature(SECRET).verify("billing", "pause", record.timestamp(),
				new String(signature.value(), StandardCharsets.US_ASCII)))
			.isTrue();
	}

	@Test
	void withoutSecretRecordShouldBeUnsigned() {
		ControlSender sender = sender(null);
		assertThat(sender.send("*", ControlCommand.RESUME).signed()).isFalse();
		ProducerRecord<String, String> record = this.producer.history().get(0);
		assertThat(record.key()).isEqualTo("*");
		assertThat(record.value()).isEqualTo("resume");
		assertThat(record.headers().lastHeader(WireContract.HEADER_SIGNATURE)).isNull();
	}

	@Test
	void invalidTargetShouldBeRefusedBeforeSending() {
		ControlSender sender = sender(null);
		assertThatIllegalArgumentException().isThrownBy(() -> sender.send("two words", ControlCommand.PAUSE));
		assertThat(this.producer.history()).isEmpty();
	}

	private ControlSender sender(ControlSignature signature) {
		return new ControlSender(new LazyProducer<>(() -> this.producer), "heartbeat-control", signature, this.clock,
				Duration.ofSeconds(1));
	}

}
