package dev.heartbeat.boot.monitor.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.heartbeat.boot.support.internal.Backoff;
import dev.heartbeat.boot.support.internal.Sleeper;
import dev.heartbeat.boot.support.internal.Worker;

/**
 * Copies invalid heartbeat records to a dead-letter topic: original key, value, timestamp and
 * headers, plus {@value #HEADER_ERROR} (the reason), {@value #HEADER_ERROR_DETAIL} and
 * {@value #HEADER_ERROR_ORIGIN} ({@code topic-partition@offset}).
 * <p>
 * Never blocks the consumer: records are handed to a sender thread
 * ({@code heartbeat-monitor-dead-letters}, started with the first record) through a bounded
 * queue; when it is full (the dead-letter topic is unreachable and the flood goes on), records
 * are dropped and counted. {@link #close()} lets the sender finish the queue for a few seconds;
 * what is left then is dropped.
 */
public final class DeadLetterPublisher implements AutoCloseable {

	/** Header: the reason, e.g. {@code payload-unknown-verb}. */
	public static final String HEADER_ERROR = "heartbeat-error";

	/** Header: what is wrong, in words. */
	public static final String HEADER_ERROR_DETAIL = "heartbeat-error-detail";

	/** Header: where the record was read, {@code topic-partition@offset}. */
	public static final String HEADER_ERROR_ORIGIN = "heartbeat-error-origin";

	/**
	 * Records waiting for the sender before new ones are dropped.
	 */
	public static final int DEFAULT_CAPACITY = 10_000;

	private static final Logger logger = LoggerFactory.getLogger(DeadLetterPublisher.class);

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

	// queued by close(): the sender ends when it takes this
	private static final ProducerRecord<byte[], byte[]> END = new ProducerRecord<>("end", new byte[0]);

	private final String topic;

	private final LazyProducer<byte[], byte[]> producer;

	private final int capacity;

	private final BlockingQueue<ProducerRecord<byte[], byte[]>> queue = new LinkedBlockingQueue<>();

	// records queued and not yet taken by the sender
	private final AtomicInteger waiting = new AtomicInteger();

	private final Worker sender = new Sender();

	// guarded by this
	private boolean started;

	private volatile boolean closed;

	private final AtomicLong published = new AtomicLong();

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicLong dropped = new AtomicLong();

	/**
	 * A publisher.
	 * @param topic the dead-letter topic
	 * @param producer the producer, created when the first record is sent; closed with this
	 * @param capacity how many records may wait
	 */
	public DeadLetterPublisher(String topic, LazyProducer<byte[], byte[]> producer, int capacity) {
		this.topic = Objects.requireNonNull(topic, "topic");
		this.producer = Objects.requireNonNull(producer, "producer");
		this.capacity = capacity;
	}

	/**
	 * The dead-letter topic.
	 * @return the topic
	 */
	public String topic() {
		return this.topic;
	}

	/**
	 * Records handed to {@link #publish}.
	 * @return the count
	 */
	public long published() {
		return this.published.get();
	}

	/**
	 * Records the broker acknowledged.
	 * @return the count
	 */
	public long sent() {
		return this.sent.get();
	}

	/**
	 * Records the broker did not take.
	 * @return the count
	 */
	public long failed() {
		return this.failed.get();
	}

	/**
	 * Records dropped because the queue was full or the publisher closed.
	 * @return the count
	 */
	public long dropped() {
		return this.dropped.get();
	}

	/**
	 * Queue a copy of an invalid record; never blocks.
	 * @param record the record as read
	 * @param reason why it is invalid
	 * @param detail what is wrong
	 */
	public void publish(ConsumerRecord<byte[], byte[]> record, InvalidReason reason, String detail) {
		this.published.incrementAndGet();
		RecordHeaders headers = new RecordHeaders();
		for (Header header : record.headers()) {
			headers.add(header);
		}
		headers.add(HEADER_ERROR, reason.tag().getBytes(StandardCharsets.UTF_8));
		headers.add(HEADER_ERROR_DETAIL, detail.getBytes(StandardCharsets.UTF_8));
		headers.add(HEADER_ERROR_ORIGIN, (record.topic() + "-" + record.partition() + "@" + record.offset())
			.getBytes(StandardCharsets.UTF_8));
		Long timestamp = (record.timestamp() >= 0) ? record.timestamp() : null;
		ProducerRecord<byte[], byte[]> copy = new ProducerRecord<>(this.topic, null, timestamp, record.key(),
				record.value(), headers);
		if (!enqueue(copy)) {
			this.dropped.incrementAndGet();
		}
	}

	private boolean enqueue(ProducerRecord<byte[], byte[]> copy) {
		if (this.closed) {
			return false;
		}
		if (this.waiting.incrementAndGet() > this.capacity) {
			this.waiting.decrementAndGet();
			return false;
		}
		this.queue.add(copy);
		if (this.closed) {
			// close() may have counted what was left before this was added; who removes it counts it
			return !this.queue.remove(copy);
		}
		startSender();
		return true;
	}

	private synchronized void startSender() {
		if (!this.started && !this.closed) {
			this.started = true;
			this.sender.start();
		}
	}

	private void send(ProducerRecord<byte[], byte[]> copy) {
		try {
			this.producer.get().send(copy, (metadata, exception) -> {
				if (exception == null) {
					this.sent.incrementAndGet();
				}
				else {
					onFailure(exception);
				}
			});
		}
		catch (RuntimeException ex) {
			onFailure(ex);
		}
	}

	private void onFailure(Exception ex) {
		if (this.failed.incrementAndGet() == 1) {
			logger.warn("Could not send an invalid heartbeat record to the dead-letter topic '{}' "
					+ "(further failures are counted and logged at DEBUG): {}", this.topic, ex.toString());
		}
		else {
			logger.debug("Could not send an invalid heartbeat record to the dead-letter topic '{}': {}", this.topic,
					ex.toString());
		}
	}

	@Override
	public void close() {
		synchronized (this) {
			this.closed = true;
		}
		this.queue.add(END);
		try {
			this.sender.awaitEnd(CLOSE_TIMEOUT);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.sender.stop(Duration.ZERO);
		for (ProducerRecord<byte[], byte[]> left = this.queue.poll(); left != null; left = this.queue.poll()) {
			if (left != END) {
				this.dropped.incrementAndGet();
			}
		}
		this.producer.close();
	}

	@Override
	public String toString() {
		return "DeadLetterPublisher[" + this.topic + "]";
	}

	/**
	 * The sender thread: one record a round, until it takes the end that {@link #close()} queued.
	 */
	private final class Sender extends Worker {

		Sender() {
			super("heartbeat-monitor-dead-letters", Backoff.fixed(Duration.ofMillis(100)), Sleeper.SYSTEM);
		}

		@Override
		protected boolean round() throws InterruptedException {
			ProducerRecord<byte[], byte[]> copy = DeadLetterPublisher.this.queue.take();
			if (copy == END) {
				return false;
			}
			DeadLetterPublisher.this.waiting.decrementAndGet();
			send(copy);
			return true;
		}

	}

}
