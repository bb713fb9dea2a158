package dev.heartbeat.boot.monitor.kafka;

import java.util.Collection;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * Told, on the consumer's thread, what happens to the partitions the monitor's consumer owns:
 * what watches their sight ({@link SightProbe}) and what keeps what their listeners were told
 * ({@link ReportedStateStore}).
 */
interface PartitionListener {

	/**
	 * Does nothing.
	 */
	PartitionListener NONE = new PartitionListener() {
	};

	/**
	 * The number of partitions of the heartbeat topic is known, before their rebuilds start.
	 * @param count the number of partitions
	 */
	default void partitions(int count) {
	}

	/**
	 * Partitions' end offsets are known and their history is about to be read.
	 * @param ends the partitions and the end offset each one's history is read to
	 * @param asOf when the end offsets were read (epoch milliseconds)
	 */
	default void rebuilding(Map<TopicPartition, Long> ends, long asOf) {
	}

	/**
	 * A partition's history was read and its processes restored, not yet judged: next the
	 * engine reports what passed meanwhile.
	 * @param partition the partition
	 * @param asOf when its end offset was read (epoch milliseconds): it is seen up to then
	 * @param endOffset the end offset its history was read to
	 */
	default void rebuilt(TopicPartition partition, long asOf, long endOffset) {
	}

	/**
	 * Partitions are about to go to another monitor: what is owed to them must be done now.
	 * @param partitions the partitions
	 */
	default void revoking(Collection<TopicPartition> partitions) {
	}

	/**
	 * Partitions are no longer owned, their processes forgotten.
	 * @param partitions the partitions
	 */
	default void gone(Collection<TopicPartition> partitions) {
	}

	/**
	 * Both listeners: the first prepares what the second uses. Told in order of assignment
	 * ({@code partitions}, {@code rebuilding}, {@code rebuilt}) first then second, of departure
	 * ({@code revoking}, {@code gone}) second then first.
	 * @param first the first
	 * @param second the second
	 * @return the pair
	 */
	static PartitionListener both(PartitionListener first, PartitionListener second) {
		return new PartitionListener() {

			@Override
			public void partitions(int count) {
				first.partitions(count);
				second.partitions(count);
			}

			@Override
			public void rebuilding(Map<TopicPartition, Long> ends, long asOf) {
				first.rebuilding(ends, asOf);
				second.rebuilding(ends, asOf);
			}

			@Override
			public void rebuilt(TopicPartition partition, long asOf, long endOffset) {
				first.rebuilt(partition, asOf, endOffset);
				second.rebuilt(partition, asOf, endOffset);
			}

			@Override
			public void revoking(Collection<TopicPartition> partitions) {
				second.revoking(partitions);
				first.revoking(partitions);
			}

			@Override
			public void gone(Collection<TopicPartition> partitions) {
				second.gone(partitions);
				first.gone(partitions);
			}

		};
	}

}
