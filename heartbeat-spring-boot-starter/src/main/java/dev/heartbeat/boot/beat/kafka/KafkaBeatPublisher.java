package dev.heartbeat.boot.beat.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jspecify.annotations.Nullable;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.heartbeat.core.publish.AsyncBeatPublisher;
import dev.heartbeat.core.publish.BeatMetadata;
import dev.heartbeat.core.wire.WireContract;

/**
 * Publishes beats to the heartbeat topic on a producer of its own: key = process id, value = the
 * payload, headers per {@link WireContract}, record timestamp = the send time.
 * <p>
 * The partition is chosen from the app, not the key ({@link #partitionOf}: Kafka's default
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

	// the partition of the app last published for, with the partition count it was computed for
	private volatile AppPartition lastPartition;

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
			partition = partition(producer, metadata.app());
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		ProducerRecord<String, String> record = new ProducerRecord<>(this.topic, partition,
				metadata.sentAt().toEpochMilli(), process, payload, headers(subject, metadata));
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

	/**
	 * The partition of an app's beats: {@code toPositive(murmur2(utf8(app))) % partitions}, what
	 * Kafka's default partitioner would pick for a record keyed by the app's name.
	 * @param app the app's name, not empty
	 * @param partitions the number of partitions of the topic
	 * @return the partition
	 */
	public static int partitionOf(String app, int partitions) {
		return Utils.toPositive(Utils.murmur2(app.getBytes(StandardCharsets.UTF_8))) % partitions;
	}

	// the app's partition, or null (the default partitioner's choice) for a beat without an app;
	// waits for the topic's metadata as a send would
	private Integer partition(Producer<String, String> producer, String app) {
		if (app.isEmpty()) {
			return null;
		}
		List<PartitionInfo> partitions = producer.partitionsFor(this.topic);
		int count = (partitions != null) ? partitions.size() : 0;
		if (count == 0) {
			return null;
		}
		AppPartition last = this.lastPartition;
		if (last == null || last.count() != count || !last.app().equals(app)) {
			last = new AppPartition(app, count, partitionOf(app, count));
			this.lastPartition = last;
		}
		return last.partition();
	}

	static List<Header> headers(String subject, BeatMetadata metadata) {
		return List.of(header(WireContract.HEADER_SUBJECT, subject), header(WireContract.HEADER_APP, metadata.app()),
				header(WireContract.HEADER_INSTANCE, metadata.instance()),
				header(WireContract.HEADER_SEQ, Long.toString(metadata.seq())),
				header(WireContract.HEADER_STATUS, metadata.status().name()),
				header(WireContract.HEADER_HEALTH, metadata.health()));
	}

	private static Header header(String name, String value) {
		return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
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

	private record AppPartition(String app, int count, int partition) {
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
