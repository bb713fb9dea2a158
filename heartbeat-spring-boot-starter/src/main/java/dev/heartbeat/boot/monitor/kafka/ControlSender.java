package dev.heartbeat.boot.monitor.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;

import dev.heartbeat.core.beat.ProcessIds;
import dev.heartbeat.core.time.HeartbeatClock;
import dev.heartbeat.core.wire.ControlCommand;
import dev.heartbeat.core.wire.ControlSignature;
import dev.heartbeat.core.wire.WireContract;

/**
 * Publishes {@code pause} and {@code resume} on the control topic: key = process id or
 * {@value WireContract#CONTROL_EVERY_PROCESS}, value = the command, record timestamp set
 * explicitly from the clock and, when a secret is configured, header
 * {@value WireContract#HEADER_SIGNATURE} = HMAC over key, value and that very timestamp.
 */
public final class ControlSender implements AutoCloseable {

	private final LazyProducer<String, String> producer;

	private final String topic;

	private final @Nullable ControlSignature signature;

	private final HeartbeatClock clock;

	private final Duration timeout;

	/**
	 * A sender.
	 * @param producer the producer, opened at the first command and closed with this sender
	 * @param topic the control topic
	 * @param signature the signer, or {@code null} to send unsigned records (no secret configured)
	 * @param clock where the record timestamp comes from
	 * @param timeout how long to wait for the broker's acknowledgement
	 */
	public ControlSender(LazyProducer<String, String> producer, String topic,
			@Nullable ControlSignature signature, HeartbeatClock clock, Duration timeout) {
		this.producer = Objects.requireNonNull(producer, "producer");
		this.topic = Objects.requireNonNull(topic, "topic");
		this.signature = signature;
		this.clock = Objects.requireNonNull(clock, "clock");
		this.timeout = Objects.requireNonNull(timeout, "timeout");
	}

	/**
	 * Whether records are signed.
	 * @return whether a secret is configured
	 */
	public boolean isSigned() {
		return this.signature != null;
	}

	/**
	 * The control topic.
	 * @return the topic
	 */
	public String topic() {
		return this.topic;
	}

	/**
	 * Send a command and wait for the broker to acknowledge it.
	 * @param target a process id, or {@code *} for every process
	 * @param command the command
	 * @return what was sent
	 * @throws IllegalArgumentException if the target is neither a valid process id nor {@code *}
	 * @throws ControlSendException if the broker did not acknowledge in time
	 */
	public Sent send(String target, ControlCommand command) {
		Objects.requireNonNull(command, "command");
		if (!WireContract.CONTROL_EVERY_PROCESS.equals(target)) {
			ProcessIds.requireValid(target);
		}
		long timestamp = this.clock.wallTime();
		String value = command.value();
		RecordHeaders headers = new RecordHeaders();
		if (this.signature != null) {
			headers.add(WireContract.HEADER_SIGNATURE,
					this.signature.sign(target, value, timestamp).getBytes(StandardCharsets.US_ASCII));
		}
		ProducerRecord<String, String> record = new ProducerRecord<>(this.topic, null, timestamp, target, value,
				headers);
		try {
			RecordMetadata metadata = this.producer.get()
				.send(record)
				.get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
			return new Sent(target, command, Instant.ofEpochMilli(timestamp), this.signature != null,
					metadata.partition(), metadata.offset());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ControlSendException("Interrupted while sending " + value + " for " + target, ex);
		}
		catch (ExecutionException ex) {
			throw new ControlSendException("Could not send " + value + " for " + target + " to '" + this.topic + "': "
					+ ex.getCause(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new ControlSendException("The broker did not acknowledge " + value + " for " + target + " within "
					+ this.timeout, ex);
		}
	}

	@Override
	public void close() {
		this.producer.close();
	}

	/**
	 * A control record that was sent.
	 *
	 * @param target the key
	 * @param command the command
	 * @param timestamp the record timestamp (the signed one)
	 * @param signed whether it carries a signature
	 * @param partition where it was written
	 * @param offset where it was written
	 */
	public record Sent(String target, ControlCommand command, Instant timestamp, boolean signed, int partition,
			long offset) {
	}

	/**
	 * A command that could not be sent.
	 */
	public static final class ControlSendException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		ControlSendException(String message, @Nullable Throwable cause) {
			super(message, cause);
		}

	}

}
