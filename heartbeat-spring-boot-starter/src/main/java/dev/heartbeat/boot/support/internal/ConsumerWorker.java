package dev.heartbeat.boot.support.internal;

import java.time.Duration;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Worker} that polls a Kafka consumer of its own: {@link #stop} wakes the consumer up,
 * the consumer is closed when the loop ends (and made afresh if started again), and the
 * {@link WakeupException} or {@link InterruptException} of a stop is no failure.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public abstract class ConsumerWorker<K, V> extends Worker {

	private static final Logger logger = LoggerFactory.getLogger(ConsumerWorker.class);

	private final String name;

	// written on the worker's thread, read by stop() to wake it up
	private volatile @Nullable Consumer<K, V> consumer;

	/**
	 * A worker.
	 * @param name the name of its thread
	 * @param backoff the pauses after failed rounds
	 * @param sleeper what times the pauses
	 */
	protected ConsumerWorker(String name, Backoff backoff, Sleeper sleeper) {
		super(name, backoff, sleeper);
		this.name = name;
	}

	/**
	 * The consumer of this run.
	 * @return the consumer, {@code null} until {@link #use(Consumer)}
	 */
	protected final @Nullable Consumer<K, V> consumer() {
		return this.consumer;
	}

	/**
	 * Take the consumer made on the worker's thread, to wake up on stop and close on exit.
	 * @param created the consumer
	 * @return the consumer
	 */
	protected final Consumer<K, V> use(Consumer<K, V> created) {
		this.consumer = created;
		return created;
	}

	@Override
	protected final void onFailure(Throwable failure, Duration retryIn) {
		if (!(failure instanceof WakeupException || failure instanceof InterruptException)) {
			onRoundFailed(failure);
		}
	}

	/**
	 * A round failed for another reason than a stop; the loop goes on after a pause.
	 * @param failure what the round threw
	 */
	protected abstract void onRoundFailed(Throwable failure);

	@Override
	protected final void wakeUp(Thread worker) {
		Consumer<K, V> current = this.consumer;
		if (current != null) {
			current.wakeup();
		}
	}

	@Override
	protected final void onExit() {
		Consumer<K, V> current = this.consumer;
		this.consumer = null;
		onConsumerClosed();
		if (current != null) {
			try {
				current.close(Duration.ofSeconds(1));
			}
			catch (RuntimeException ex) {
				logger.debug("Closing the consumer of {} failed", this.name, ex);
			}
		}
	}

	/**
	 * The loop ended and the consumer goes: forget what belongs to it. Does nothing by default.
	 */
	protected void onConsumerClosed() {
	}

}
