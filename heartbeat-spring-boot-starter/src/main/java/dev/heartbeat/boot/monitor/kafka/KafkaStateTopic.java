package dev.heartbeat.boot.monitor.kafka;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.heartbeat.boot.beat.kafka.KafkaTopicCreator;

/**
 * Finds the state topic with an admin client and, when asked to, creates it when it is missing:
 * compacted, with as many partitions as the heartbeat topic. Called on the consumer's thread,
 * each attempt bounded; one that fails is tried again with the next partition assigned.
 */
public final class KafkaStateTopic implements ReportedStateStore.StateTopic {

	// logs under the consumer's name, where users look for what it does
	private static final Logger logger = LoggerFactory.getLogger(HeartbeatConsumer.class);

	private final Supplier<? extends Admin> adminFactory;

	private final boolean create;

	private final short replicas;

	private final Duration timeout;

	/**
	 * A finder.
	 * @param adminFactory makes an admin client for one attempt
	 * @param create whether to create the topic when it is missing
	 * @param replicas the replication factor of a topic it creates, -1 for the broker's default
	 * @param timeout how long one attempt may take
	 */
	public KafkaStateTopic(Supplier<? extends Admin> adminFactory, boolean create, short replicas, Duration timeout) {
		this.adminFactory = adminFactory;
		this.create = create;
		this.replicas = replicas;
		this.timeout = timeout;
	}

	@Override
	public int partitions(String topic, int heartbeatPartitions) {
		try (Admin admin = this.adminFactory.get()) {
			try {
				return describe(admin, topic).partitions().size();
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
					throw ex;
				}
			}
			if (!this.create) {
				logger.warn("The state topic '{}' does not exist: create it compacted, with {} partitions; until then a "
						+ "monitor that takes over a partition reports again what was reported", topic, heartbeatPartitions);
				return 0;
			}
			try {
				admin.createTopics(List.of(KafkaTopicCreator.compactedTopic(topic, heartbeatPartitions, this.replicas)))
					.all()
					.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
				logger.info("Created the state topic '{}' ({} partitions, compacted)", topic, heartbeatPartitions);
				return heartbeatPartitions;
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof TopicExistsException)) {
					throw ex;
				}
				return describe(admin, topic).partitions().size();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 0;
		}
		catch (Exception ex) {
			Throwable cause = (ex instanceof ExecutionException && ex.getCause() != null) ? ex.getCause() : ex;
			String hint = (cause instanceof AuthorizationException) ? " (grant the monitor Describe, Read and Write on it, "
					+ "and Create to let it create the topic)" : "";
			logger.warn("Could not find the state topic '{}'{}, will try again: {}", topic, hint, cause.toString());
			return 0;
		}
	}

	private TopicDescription describe(Admin admin, String topic) throws Exception {
		return admin.describeTopics(List.of(topic))
			.allTopicNames()
			.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS)
			.get(topic);
	}

}
