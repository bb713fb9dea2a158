package dev.heartbeat.boot.monitor.ingest;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.heartbeat.boot.beat.kafka.BeatRecords;
import dev.heartbeat.boot.monitor.kafka.BeatRecordDecoder;
import dev.heartbeat.boot.monitor.kafka.InvalidRecordException;
import dev.heartbeat.boot.monitor.kafka.LazyProducer;
import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.beat.BeatCodec;
import dev.heartbeat.core.beat.ProcessIds;
import dev.heartbeat.core.monitor.BeatRecord;
import dev.heartbeat.core.publish.BeatMetadata;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.time.HeartbeatClock;
import dev.heartbeat.core.wire.WireContract;

/**
 * Takes one beat that came over HTTP and writes it to the heartbeat topic, as the app's Kafka
 * publisher would have ({@link BeatRecords}: key = process id, value = the payload, the
 * {@code heartbeat-*} headers, record time = now), so that the monitor of the group that owns the
 * partition tracks it. The record is first judged by the monitor's own {@link BeatRecordDecoder},
 * so that nothing the monitors would refuse is written.
 * <p>
 * The {@code Heartbeat-App}, {@code Heartbeat-Instance}, {@code Heartbeat-Seq},
 * {@code Heartbeat-Status} and {@code Heartbeat-Health} headers are optional: missing, they are
 * {@code ""}, {@code ""}, the record time, {@code RUNNING} and {@value BeatRecord#UNKNOWN_HEALTH}.
 * Blanks around the payload (the newline of {@code echo}) are ignored. Thread-safe.
 */
public final class BeatIngest {

	/** The longest value of a {@code Heartbeat-App}, {@code -Instance} or {@code -Health} header. */
	static final int MAX_HEADER_LENGTH = 200;

	private static final Logger logger = LoggerFactory.getLogger(BeatIngest.class);

	private final String topic;

	private final LazyProducer<String, String> producer;

	private final BeatRecordDecoder decoder;

	private final ControlView control;

	private final HeartbeatClock clock;

	private final Duration timeout;

	/**
	 * An ingest.
	 * @param topic the heartbeat topic
	 * @param producer the producer, opened on the first beat
	 * @param decoder the monitor's decoder, which judges each record before it is written
	 * @param control the run status wanted per process
	 * @param clock the record time
	 * @param timeout how long a beat may wait for the broker, blocking included
	 */
	public BeatIngest(String topic, LazyProducer<String, String> producer, BeatRecordDecoder decoder,
			ControlView control, HeartbeatClock clock, Duration timeout) {
		this.topic = Objects.requireNonNull(topic, "topic");
		this.producer = Objects.requireNonNull(producer, "producer");
		this.decoder = Objects.requireNonNull(decoder, "decoder");
		this.control = Objects.requireNonNull(control, "control");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.timeout = Objects.requireNonNull(timeout, "timeout");
	}

	/**
	 * Take one beat.
	 * @param process the process id, from the path
	 * @param body the request body, the payload
	 * @param headers the request headers by name ({@code null} when missing)
	 * @return the answer
	 */
	public IngestAnswer ingest(String process, byte[] body, UnaryOperator<@Nullable String> headers) {
		long start = this.clock.monotonicTime();
		long now = this.clock.wallTime();
		String payload = new String(body, StandardCharsets.UTF_8).strip();
		BeatMetadata metadata;
		try {
			metadata = new BeatMetadata(text(headers, WireContract.HTTP_APP, ""),
					text(headers, WireContract.HTTP_INSTANCE, ""), seq(headers, now), status(headers),
					text(headers, WireContract.HTTP_HEALTH, BeatRecord.UNKNOWN_HEALTH), Instant.ofEpochMilli(now));
		}
		catch (BadHeader ex) {
			return IngestAnswer.badRequest(ex.reason, ex.header, ex.value, ex.getMessage());
		}
		// checked without its partition, which send() picks from the app as the Kafka publisher does
		ProducerRecord<String, String> record = BeatRecords.record(this.topic, null, ProcessIds.SUBJECT_PREFIX + process,
				process, payload, metadata);
		try {
			this.decoder.decode(process.getBytes(StandardCharsets.UTF_8), strip(body),
					new RecordHeaders(record.headers().toArray()), now);
		}
		catch (InvalidRecordException ex) {
			boolean aboutProcess = ex.reason().tag().startsWith("key-");
			return IngestAnswer.badRequest(ex.reason().tag(), aboutProcess ? "process" : "payload",
					printable(aboutProcess ? process : payload), ex.getMessage());
		}
		RecordMetadata written;
		try {
			written = send(record, start);
		}
		catch (TimeoutException | ExecutionException | RuntimeException ex) {
			Throwable cause = (ex instanceof ExecutionException && ex.getCause() != null) ? ex.getCause() : ex;
			logger.debug("Heartbeat ingest could not write the beat of '{}'", process, cause);
			return IngestAnswer.unavailable("broker", "The beat could not be written to the heartbeat topic '"
					+ this.topic + "' within " + this.timeout.toMillis() + "ms: " + cause.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return IngestAnswer.unavailable("interrupted", "The beat was not written: the request was interrupted");
		}
		Beat beat = BeatCodec.parse(payload);
		Map<String, @Nullable Object> answer = new LinkedHashMap<>();
		answer.put("status", this.control.wanted(process).name());
		answer.put("process", process);
		answer.put("kind", beat.kind().verb().toLowerCase(Locale.ROOT));
		answer.put("period", (beat.duration() != null) ? new BigDecimal(BeatCodec.formatSeconds(beat.duration())) : null);
		answer.put("accepted", true);
		answer.put("partition", written.partition());
		answer.put("offset", written.offset());
		return IngestAnswer.ok(answer);
	}

	private RecordMetadata send(ProducerRecord<String, String> record, long start)
			throws InterruptedException, ExecutionException, TimeoutException {
		Producer<String, String> kafka = this.producer.get();
		// partitionsFor() and send() block at most max.block.ms (the timeout) for the topic's metadata
		String app = new String(record.headers().lastHeader(WireContract.HEADER_APP).value(), StandardCharsets.UTF_8);
		Future<RecordMetadata> sent = kafka.send(new ProducerRecord<>(record.topic(),
				BeatRecords.partition(kafka, this.topic, app), record.timestamp(), record.key(), record.value(),
				record.headers()));
		long left = this.timeout.toNanos() - (this.clock.monotonicTime() - start);
		if (left <= 0 && !sent.isDone()) {
			throw new TimeoutException("no time left");
		}
		return sent.get(Math.max(0, left), TimeUnit.NANOSECONDS);
	}

	private static byte[] strip(byte[] body) {
		return new String(body, StandardCharsets.ISO_8859_1).strip().getBytes(StandardCharsets.ISO_8859_1);
	}

	private static String text(UnaryOperator<@Nullable String> headers, String name, String missing) {
		String value = headers.apply(name);
		if (value == null) {
			return missing;
		}
		if (value.length() > MAX_HEADER_LENGTH) {
			throw new BadHeader("header-too-long", name, value.substring(0, 32) + "...",
					"The " + name + " header is longer than " + MAX_HEADER_LENGTH + " characters");
		}
		for (int i = 0; i < value.length(); i++) {
			if (Character.isISOControl(value.charAt(i))) {
				throw new BadHeader("header-invalid", name, BeatCodec.escape(value),
						"The " + name + " header holds a control character");
			}
		}
		return value;
	}

	private static long seq(UnaryOperator<@Nullable String> headers, long now) {
		String value = headers.apply(WireContract.HTTP_SEQ);
		if (value == null) {
			return now;
		}
		try {
			return Long.parseLong(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new BadHeader("seq-invalid", WireContract.HTTP_SEQ, printable(value),
					"The " + WireContract.HTTP_SEQ + " header must be a decimal number (a long)");
		}
	}

	private static RunStatus status(UnaryOperator<@Nullable String> headers) {
		String value = headers.apply(WireContract.HTTP_STATUS);
		if (value == null) {
			return RunStatus.RUNNING;
		}
		try {
			return RunStatus.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new BadHeader("status-invalid", WireContract.HTTP_STATUS, printable(value),
					"The " + WireContract.HTTP_STATUS + " header must be RUNNING or PAUSED");
		}
	}

	private static String printable(String value) {
		return BeatCodec.escape((value.length() > 64) ? value.substring(0, 64) + "..." : value);
	}

	/**
	 * A request header refused.
	 */
	private static final class BadHeader extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final String reason;

		private final String header;

		private final String value;

		BadHeader(String reason, String header, String value, String message) {
			super(message, null, false, false);
			this.reason = reason;
			this.header = header;
			this.value = value;
		}

	}

}
