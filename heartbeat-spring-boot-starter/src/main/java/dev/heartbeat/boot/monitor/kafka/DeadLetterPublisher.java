package dev.heartbeat.boot.monitor.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies invalid heartbeat records to a dead-letter topic: original key, value, timestamp and
 * headers, plus {@value #HEADER_ERROR} (the reason), {@value #HEADER_ERROR_DETAIL} and
 * {@value #HEADER_ERROR_ORIGIN} ({@code topic-partition@offset}).
 * <p>
 * Never blocks the consumer: records are handed to a sender thread through a bounded queue;
 * when it is full (the dead-letter topic is unreachable and the flood goes on), records are
 * dropped and counted.
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

	private final String topic;

	private final LazyProducer<byte[], byte[]> producer;

	private final ThreadPoolExecutor sender;

	private final AtomicLong published = new AtomicLong();

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicLong dropped = new AtomicLong();

	/**
	 * A publisher.
	 * @param topic the dead-letter topic
	 * @param producer the producer, created when the first record is sent; closed with this
	 * @param threadFactory where the sender thread comes from
	 * @param capacity how many records may wait
	 */
	public DeadLetterPublisher(String topic, LazyProducer<byte[], byte[]> producer, ThreadFactory threadFactory,
			int capacity) {
		this.topic = Objects.requireNonNull(topic, "topic");
		this.producer = Objects.requireNonNull(producer, "producer");
		this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity),
				threadFactory, (task, executor) -> this.dropped.incrementAndGet());
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
		try {
			this.sender.execute(() -> send(copy));
		}
		catch (RejectedExecutionException ex) {
			this.dropped.incrementAndGet();
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
		this.sender.shutdown();
		try {
			if (!this.sender.awaitTermination(5, TimeUnit.SECONDS)) {
				this.dropped.addAndGet(this.sender.shutdownNow().size());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.dropped.addAndGet(this.sender.shutdownNow().size());
		}
		this.producer.close();
	}

	@Override
	public String toString() {
		return "DeadLetterPublisher[" + this.topic + "]";
	}

}
