package dev.heartbeat.core.publish;

/**
 * Sends beats somewhere: a Kafka topic, an HTTP endpoint, a log. Implement
 * {@link SyncBeatPublisher} or {@link AsyncBeatPublisher}; everything that takes a publisher
 * accepts both, and the caller never needs to know which it got.
 * <p>
 * The algorithm lives in core; a publisher only does I/O.
 */
public sealed interface BeatPublisher permits SyncBeatPublisher, AsyncBeatPublisher {

	/**
	 * A short name for stats, meters and logs, e.g. {@code kafka}. Names should be unique among
	 * the publishers of one scheduler.
	 * @return the name
	 */
	default String name() {
		String simpleName = getClass().getSimpleName();
		if (simpleName.isEmpty() || simpleName.contains("$$Lambda")) {
			// anonymous classes and lambdas have no useful name of their own
			return "publisher@" + Integer.toHexString(System.identityHashCode(this));
		}
		return simpleName;
	}

}
