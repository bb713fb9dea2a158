package dev.heartbeat.boot.beat.kafka;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.heartbeat.core.publish.AsyncBeatPublisher;
import dev.heartbeat.core.publish.BeatMetadata;

/**
 * Publishes beats to the heartbeat topic on a producer of its own: key = process id, value = the
 * payload, headers per {@code WireContract} ({@link BeatRecords}), record timestamp = the send time.
 * <p>
 * The partition is chosen from the app, not the key ({@link BeatRecords#partitionOf}: Kafka's default
 * partitioner applied to the app's name), so that every instance of an app lands in one
 * partition and is judged by one monitor of a group; a beat without an app goes where the
 * default partitioner puts its key. Compaction stays per process: the key is the process id.
 * <p>
 * The producer is created on the first beat, on the publisher's thread, so neither creating this
 * bean nor starting the application ever touches the broker. {@link #close()} closes it; call it
 * only after the scheduler stopped, so that the {@code stop} beat is flushed.
 * <p>
 * When the starter creates the topic, no beat is sent before the topic exists: a broker that
 * auto-creates topics would otherwise create it on the first beat, not compacted. A beat waits
 * for the topic at most the given time and fails if it is still missing.
 */
public final class KafkaBeatPublisher implements AsyncBeatPublisher, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(KafkaBeatPublisher.class);

	private final String topic;

	private final Supplier<? extends Producer<String, String>> producerFactory;

	private final Duration closeTimeout;

	private final TopicReadiness topicReadiness;

	private final Duration topicWait;

	private final Object lock = new Object();

	// guarded by lock; created on first use
	private @Nullable Producer<String, String> producer;

	// guarded by lock
	private boolean closed;

	/**
	 * Create a publisher.
	 * @param topic the heartbeat topic
	 * @param producerFactory creates the producer, on first use
	 * @param closeTimeout how long {@link #close()} waits for records still buffered
	 */
	public KafkaBeatPublisher(String topic, Supplier<? extends Producer<String, String>> producerFactory,
			Duration closeTimeout) {
		this(topic, producerFactory, closeTimeout, TopicReadiness.READY, Duration.ZERO);
	}

	/**
	 * Create a publisher that sends nothing before the topic exists.
	 * @param topic the heartbeat topic
	 * @param producerFactory creates the producer, on first use
	 * @param closeTimeout how long {@link #close()} waits for records still buffered
	 * @param topicReadiness tells whether the topic exists, waiting at most a given time
	 * @param topicWait how long one beat waits for the topic
	 */
	public KafkaBeatPublisher(String topic, Supplier<? extends Producer<String, String>> producerFactory,
			Duration closeTimeout, TopicReadiness topicReadiness, Duration topicWait) {
		this.topic = Objects.requireNonNull(topic, "topic");
		this.producerFactory = Objects.requireNonNull(producerFactory, "producerFactory");
		this.closeTimeout = Objects.requireNonNull(closeTimeout, "closeTimeout");
		this.topicReadiness = Objects.requireNonNull(topicReadiness, "topicReadiness");
		this.topicWait = Objects.requireNonNull(topicWait, "topicWait");
	}

	@Override
	public CompletionStage<?> publishAsync(String subject, String process, String payload, BeatMetadata metadata) {
		try {
			if (!this.topicReadiness.await(this.topicWait)) {
				return CompletableFuture.failedFuture(
						new IllegalStateException("The heartbeat topic '" + this.topic + "' is not created yet"));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return CompletableFuture.failedFuture(ex);
		}
		Producer<String, String> producer = producer();
		Integer partition;
		try {
			partition = BeatRecords.partition(producer, this.topic, metadata.app());
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		ProducerRecord<String, String> record = BeatRecords.record(this.topic, partition, subject, process, payload,
				metadata);
		CompletableFuture<Object> sent = new CompletableFuture<>();
		producer.send(record, (recordMetadata, error) -> {
			if (error != null) {
				sent.completeExceptionally(error);
			}
			else {
				sent.complete(recordMetadata);
			}
		});
		return sent;
	}

	private Producer<String, String> producer() {
		synchronized (this.lock) {
			if (this.closed) {
				throw new IllegalStateException("The heartbeat Kafka publisher is closed");
			}
			if (this.producer == null) {
				this.producer = this.producerFactory.get();
			}
			return this.producer;
		}
	}

	/**
	 * Tells whether the heartbeat topic exists.
	 */
	@FunctionalInterface
	public interface TopicReadiness {

		/**
		 * A topic that is always there (created elsewhere).
		 */
		TopicReadiness READY = (timeout) -> true;

		/**
		 * Wait for the topic.
		 * @param timeout how long to wait at most
		 * @return whether it exists
		 * @throws InterruptedException if interrupted
		 */
		boolean await(Duration timeout) throws InterruptedException;

	}

	/**
	 * The topic beats go to.
	 * @return the topic
	 */
	public String topic() {
		return this.topic;
	}

	@Override
	public String name() {
		return "kafka";
	}

	/**
	 * Flush and close the producer, waiting at most the close timeout.
	 */
	@Override
	public void close() {
		Producer<String, String> closing;
		synchronized (this.lock) {
			this.closed = true;
			closing = this.producer;
			this.producer = null;
		}
		if (closing != null) {
			try {
				closing.close(this.closeTimeout);
			}
			catch (RuntimeException ex) {
				logger.warn("Closing the heartbeat Kafka producer failed: {}", ex.toString());
			}
		}
	}

}
