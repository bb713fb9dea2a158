package dev.heartbeat.boot.monitor.kafka;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.monitor.MonitorListener;
import dev.heartbeat.core.monitor.ProcessForgotten;

/**
 * Writes a tombstone (key = the process id, no value) to the heartbeat topic for each process the
 * engine forgets by retention or on request, so that a later rebuild does not bring the process
 * back and compaction removes its records. A process forgotten because its tombstone was read,
 * or given to another monitor, gets none.
 * <p>
 * The partition's owner writes it: the engine's threads only queue the forgotten processes, and
 * the consumer's thread, which owns the partitions, picks between two polls the partition each
 * one's records are in, if it still owns it; a thread of the writer's own sends the tombstones, so
 * that the consumer never waits for the producer (its creation, the topic's metadata), and sends
 * none for a process that beat again meanwhile (its tombstone would then remove a live process
 * from the log). Sends are counted; a failed one is logged and not retried (the process is
 * forgotten here anyway; a rebuild would restore it and forget it again by retention).
 */
public final class TombstoneWriter implements MonitorListener, AutoCloseable {

	/**
	 * The most forgotten processes waiting for their tombstone (to be picked a partition, or
	 * sent); more are dropped and counted.
	 */
	static final int CAPACITY = 100_000;

	private static final Logger logger = LoggerFactory.getLogger(TombstoneWriter.class);

	private final String topic;

	private final LazyProducer<String, String> producer;

	private final DeadlineEngine engine;

	// written by the engine's threads, taken by the consumer's
	private final Queue<ProcessForgotten> waiting = new ConcurrentLinkedQueue<>();

	private final AtomicInteger size = new AtomicInteger();

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicLong skipped = new AtomicLong();

	// sends the tombstones, one at a time, off the consumer's thread
	private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
			new LinkedBlockingQueue<>(), (task) -> {
				Thread thread = new Thread(task, "heartbeat-monitor-tombstones");
				thread.setDaemon(true);
				return thread;
			});

	/**
	 * A writer.
	 * @param topic the heartbeat topic
	 * @param producer the producer, opened at the first tombstone and closed with this writer
	 * @param engine the engine, to check that a process was not seen again
	 */
	public TombstoneWriter(String topic, LazyProducer<String, String> producer, DeadlineEngine engine) {
		this.topic = Objects.requireNonNull(topic, "topic");
		this.producer = Objects.requireNonNull(producer, "producer");
		this.engine = Objects.requireNonNull(engine, "engine");
	}

	@Override
	public void onForgotten(ProcessForgotten forgotten) {
		if (forgotten.reason() == ProcessForgotten.Reason.TOMBSTONE) {
			return;
		}
		if (this.size.incrementAndGet() > CAPACITY) {
			this.size.decrementAndGet();
			this.skipped.incrementAndGet();
			return;
		}
		this.waiting.add(forgotten);
	}

	/**
	 * Have the tombstones waiting written; on the consumer's thread, which only picks their
	 * partitions.
	 * @param book which partitions this monitor owns
	 */
	void write(PartitionBook book) {
		ProcessForgotten waiting;
		while ((waiting = this.waiting.poll()) != null) {
			String process = waiting.process();
			int partition = waiting.partition();
			if (!book.owns(partition)) {
				this.size.decrementAndGet();
				this.skipped.incrementAndGet();
				continue;
			}
			String forgotten = process;
			try {
				this.sender.execute(() -> send(forgotten, partition));
			}
			catch (RejectedExecutionException ex) {
				// closed
				this.size.decrementAndGet();
				this.skipped.incrementAndGet();
			}
		}
	}

	private void send(String process, int partition) {
		this.size.decrementAndGet();
		if (this.engine.get(process).isPresent()) {
			this.skipped.incrementAndGet();
			return;
		}
		try {
			this.producer.get()
				.send(new ProducerRecord<>(this.topic, partition, process, null), (metadata, error) -> {
					if (error == null) {
						this.sent.incrementAndGet();
						logger.debug("Wrote the tombstone of {} to {}-{}", process, this.topic, partition);
					}
					else {
						onFailure(process, error);
					}
				});
		}
		catch (RuntimeException ex) {
			onFailure(process, ex);
		}
	}

	private void onFailure(String process, Exception error) {
		this.failed.incrementAndGet();
		logger.warn("Could not write the tombstone of {} to '{}': {}", process, this.topic, error.toString());
	}

	/**
	 * Tombstones the broker acknowledged.
	 * @return the count
	 */
	public long sent() {
		return this.sent.get();
	}

	/**
	 * Tombstones that could not be written.
	 * @return the count
	 */
	public long failed() {
		return this.failed.get();
	}

	/**
	 * Forgotten processes that got no tombstone: their partition is not this monitor's any more,
	 * they beat again, or too many waited.
	 * @return the count
	 */
	public long skipped() {
		return this.skipped.get();
	}

	@Override
	public void close() {
		this.sender.shutdown();
		try {
			this.sender.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.producer.close();
	}

	@Override
	public String toString() {
		return "TombstoneWriter[" + this.topic + "]";
	}

}
