package dev.heartbeat.boot.monitor.kafka;

import org.apache.kafka.common.TopicPartition;

/**
 * Where the owner of a partition notes up to when it has seen the partition, for the monitor
 * that owns it next: that one then knows since when the partition went unwatched, and looks at
 * what the log shows since for a silence ({@link SightProbe}). Called on the consumer's thread.
 */
interface SightCheckpoints {

	/**
	 * Keeps nothing.
	 */
	SightCheckpoints NONE = new SightCheckpoints() {

		@Override
		public Checkpoint lastSeen(TopicPartition partition) {
			return null;
		}

		@Override
		public void seen(TopicPartition partition, long upTo, long endOffset) {
		}

	};

	/**
	 * Up to when the partition's last owner saw it.
	 * @param partition the partition, newly assigned
	 * @return the checkpoint, or {@code null} if none is known
	 */
	Checkpoint lastSeen(TopicPartition partition);

	/**
	 * Note that this monitor saw a partition it owns up to a time.
	 * @param partition the partition
	 * @param upTo epoch milliseconds
	 * @param endOffset every record below this offset was read by then
	 */
	void seen(TopicPartition partition, long upTo, long endOffset);

	/**
	 * Up to when a partition was seen.
	 *
	 * @param seenUpTo epoch milliseconds
	 * @param endOffset every record below this offset was read by then
	 */
	record Checkpoint(long seenUpTo, long endOffset) {
	}

}
