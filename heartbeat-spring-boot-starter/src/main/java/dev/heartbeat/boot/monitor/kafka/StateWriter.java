package dev.heartbeat.boot.monitor.kafka;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.IntPredicate;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.heartbeat.boot.support.internal.Backoff;
import dev.heartbeat.boot.support.internal.Sleeper;
import dev.heartbeat.boot.support.internal.Worker;
import dev.heartbeat.core.time.HeartbeatClock;

/**
 * Writes the records of the state topic on a thread of its own ({@code heartbeat-monitor-state}),
 * so that neither a listener's thread nor the consumer's waits for the broker: a record is queued
 * and never blocks its writer; it goes to the state partition of its heartbeat partition if this
 * monitor still owns that one when it is sent, and is otherwise handed back to whoever wrote it
 * ({@link Refused}). When the queue is full the oldest record waiting is dropped (its event may
 * then be sent again by a next owner).
 */
final class StateWriter implements AutoCloseable {

	// logs under the consumer's name, where users look for what it does
	private static final Logger logger = LoggerFactory.getLogger(HeartbeatConsumer.class);

	private static final int CAPACITY = 100_000;

	private static final long FLUSH_STEP_MILLIS = 20;

	private final String topic;

	private final Supplier<? extends Producer<String, String>> producer;

	private final IntPredicate owned;

	private final IntSupplier statePartitions;

	private final HeartbeatClock clock;

	private final Refused refused;

	private final BlockingQueue<Write> queue = new ArrayBlockingQueue<>(CAPACITY);

	// guarded by this: records taken from the queue and not yet handed to the producer
	private int sending;

	private final Worker worker = new Writing();

	/**
	 * A writer.
	 * @param topic the state topic
	 * @param producer the producer
	 * @param owned whether this monitor owns a heartbeat partition (and may write about it)
	 * @param statePartitions the state topic's partitions
	 * @param clock stamps the records
	 * @param refused takes the records not sent because their partition was not owned then
	 */
	StateWriter(String topic, Supplier<? extends Producer<String, String>> producer, IntPredicate owned,
			IntSupplier statePartitions, HeartbeatClock clock, Refused refused) {
		this.topic = topic;
		this.producer = producer;
		this.owned = owned;
		this.statePartitions = statePartitions;
		this.clock = clock;
		this.refused = refused;
	}

	/**
	 * Queue a record about a heartbeat partition; never blocks.
	 * @param partition the heartbeat partition
	 * @param key the key
	 * @param value the value, {@code null} for a tombstone
	 */
	void write(int partition, String key, String value) {
		this.worker.start();
		Write write = new Write(partition, key, value);
		while (!this.queue.offer(write)) {
			Write dropped = this.queue.poll();
			if (dropped != null) {
				logger.warn("Too many records for the state topic waiting: dropped the one of {}", dropped.key());
			}
		}
	}

	/**
	 * Wait (a bounded time) until what was queued is sent, then until the broker has it.
	 * @param within how long to wait for the queue
	 */
	void flush(Duration within) {
		long steps = Math.max(1, within.toMillis() / FLUSH_STEP_MILLIS);
		synchronized (this) {
			for (long step = 0; step < steps && (!this.queue.isEmpty() || this.sending > 0); step++) {
				try {
					wait(FLUSH_STEP_MILLIS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
		this.producer.get().flush();
	}

	@Override
	public void close() {
		this.worker.stop(Duration.ofSeconds(2));
	}

	private void send(Write write) {
		int count = this.statePartitions.getAsInt();
		if (count == 0) {
			return;
		}
		if (!this.owned.test(write.partition())) {
			this.refused.refused(write.partition(), write.key(), write.value());
			return;
		}
		try {
			this.producer.get()
				.send(new ProducerRecord<>(this.topic, write.partition() % count, this.clock.wallTime(), write.key(),
						write.value()), (metadata, error) -> {
							if (error != null) {
								logger.warn("Could not keep what the listeners of {} were told: {}", write.key(),
										error.toString());
							}
						});
		}
		catch (RuntimeException ex) {
			logger.warn("Could not keep what the listeners of {} were told: {}", write.key(), ex.toString());
		}
	}

	/**
	 * Takes a record that was not sent because this monitor did not own its heartbeat partition
	 * when its turn came.
	 */
	@FunctionalInterface
	interface Refused {

		/**
		 * A record not sent.
		 * @param partition the heartbeat partition
		 * @param key the key
		 * @param value the value, {@code null} for a tombstone
		 */
		void refused(int partition, String key, String value);

	}

	private record Write(int partition, String key, String value) {
	}

	/**
	 * The writer's thread: one record a round.
	 */
	private final class Writing extends Worker {

		Writing() {
			super("heartbeat-monitor-state", Backoff.fixed(Duration.ofMillis(100)), Sleeper.SYSTEM);
		}

		@Override
		protected boolean round() {
			Write write;
			try {
				write = StateWriter.this.queue.take();
			}
			catch (InterruptedException ex) {
				// stop() interrupts the wait; the loop ends if it was that
				return true;
			}
			synchronized (StateWriter.this) {
				StateWriter.this.sending++;
			}
			try {
				send(write);
			}
			finally {
				synchronized (StateWriter.this) {
					StateWriter.this.sending--;
					StateWriter.this.notifyAll();
				}
			}
			return true;
		}

		@Override
		protected void wakeUp(Thread worker) {
			worker.interrupt();
		}

	}

}
