package dev.heartbeat.boot.beat.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

import dev.heartbeat.boot.beat.lifecycle.HeartbeatLifecycle;
import dev.heartbeat.boot.support.internal.Backoff;
import dev.heartbeat.boot.support.internal.Sleeper;
import dev.heartbeat.boot.support.internal.Worker;

/**
 * Creates the heartbeat topic (log-compacted, with the configured partitions) in the background.
 * <p>
 * Why not a {@code NewTopic} bean: spring-kafka's {@code KafkaAdmin} creates declared topics on
 * the start-up thread and, with the broker unreachable, waits its operation timeout (30 s by
 * default) before it gives up; the application must start in normal time without a broker. So
 * the topic is declared here ({@link #topic()}) and created on a thread of its own, each attempt
 * bounded by a short timeout and retried with back-off (at most the given maximum, 30 s by
 * default) until the broker answers. A topic that already exists is left alone (a warning if it
 * is not compacted). Where retrying cannot help (no permission to create topics, a policy that
 * refuses it) the creator gives up with a warning and counts the topic as there.
 * <p>
 * The Kafka publisher sends nothing before this creator is done ({@link #awaitDone}): a broker
 * that auto-creates topics would otherwise create the heartbeat topic on the first beat, not
 * compacted. So the creator stops only after the heartbeat has sent {@code stop} ({@link #PHASE}).
 */
public final class KafkaTopicCreator implements SmartLifecycle {

	/**
	 * The phase: stopped after {@link HeartbeatLifecycle} ({@link HeartbeatLifecycle#PHASE}), whose
	 * {@code stop} beat may still be waiting for the topic.
	 */
	public static final int PHASE = HeartbeatLifecycle.PHASE - 1;

	private static final Logger logger = LoggerFactory.getLogger(KafkaTopicCreator.class);

	private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	private final NewTopic topic;

	private final Supplier<? extends Admin> adminFactory;

	private final Duration attemptTimeout;

	private final CountDownLatch done = new CountDownLatch(1);

	private final Worker worker;

	/**
	 * Create a creator.
	 * @param topic the topic to create
	 * @param adminFactory creates the admin client, on the creator's thread
	 * @param attemptTimeout how long one attempt may take
	 */
	public KafkaTopicCreator(NewTopic topic, Supplier<? extends Admin> adminFactory, Duration attemptTimeout) {
		this(topic, adminFactory, attemptTimeout, MAX_BACKOFF);
	}

	/**
	 * Create a creator that waits at most the given time between two attempts.
	 * @param topic the topic to create
	 * @param adminFactory creates the admin client, on the creator's thread
	 * @param attemptTimeout how long one attempt may take
	 * @param maxBackoff the longest pause between two attempts (at most 30 s); beats wait for the
	 * topic, so a broker that comes back must not wait longer than this for the next attempt
	 */
	public KafkaTopicCreator(NewTopic topic, Supplier<? extends Admin> adminFactory, Duration attemptTimeout,
			Duration maxBackoff) {
		this.topic = Objects.requireNonNull(topic, "topic");
		this.adminFactory = Objects.requireNonNull(adminFactory, "adminFactory");
		this.attemptTimeout = Objects.requireNonNull(attemptTimeout, "attemptTimeout");
		Objects.requireNonNull(maxBackoff, "maxBackoff");
		this.worker = new Creation((maxBackoff.compareTo(MAX_BACKOFF) < 0) ? maxBackoff : MAX_BACKOFF);
	}

	/**
	 * The compacted heartbeat topic with the configured partitions.
	 * @param name the topic name
	 * @param partitions the partitions
	 * @param replicas the replication factor, or -1 for the broker's default
	 * @return the declaration
	 */
	public static NewTopic compactedTopic(String name, int partitions, short replicas) {
		NewTopic topic = new NewTopic(name, java.util.Optional.of(partitions),
				(replicas == -1) ? java.util.Optional.empty() : java.util.Optional.of(replicas));
		return topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
	}

	/**
	 * The topic this creator makes sure exists.
	 * @return the declaration
	 */
	public NewTopic topic() {
		return this.topic;
	}

	/**
	 * Wait until the topic exists (created here or found).
	 * @param timeout how long to wait
	 * @return whether it exists
	 * @throws InterruptedException if interrupted
	 */
	public boolean awaitDone(Duration timeout) throws InterruptedException {
		return this.done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	@Override
	public void start() {
		if (this.done.getCount() != 0) {
			this.worker.start();
		}
	}

	@Override
	public void stop() {
		this.worker.stop(this.attemptTimeout.plusSeconds(1));
	}

	@Override
	public boolean isRunning() {
		return this.worker.isRunning();
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Whether retrying cannot help: not allowed to create topics, or the broker refuses this
	 * topic's settings.
	 */
	private static boolean isFinal(@Nullable Throwable error) {
		return error instanceof AuthorizationException || error instanceof PolicyViolationException
				|| error instanceof InvalidReplicationFactorException || error instanceof InvalidPartitionsException
				|| error instanceof InvalidConfigurationException || error instanceof InvalidTopicException;
	}

	private void ensureTopic(Admin admin) throws Exception {
		long timeout = this.attemptTimeout.toMillis();
		TopicDescription description;
		try {
			description = admin.describeTopics(List.of(this.topic.name()))
				.allTopicNames()
				.get(timeout, TimeUnit.MILLISECONDS)
				.get(this.topic.name());
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
				throw ex;
			}
			create(admin, timeout);
			return;
		}
		checkExisting(admin, description, timeout);
	}

	private void create(Admin admin, long timeout) throws Exception {
		try {
			admin.createTopics(List.of(this.topic)).all().get(timeout, TimeUnit.MILLISECONDS);
			logger.info("Created the heartbeat topic '{}' ({} partitions, compacted)", this.topic.name(),
					this.topic.numPartitions());
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw ex;
			}
		}
	}

	private void checkExisting(Admin admin, @Nullable TopicDescription description, long timeout) throws Exception {
		ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, this.topic.name());
		Config config = admin.describeConfigs(List.of(resource)).all().get(timeout, TimeUnit.MILLISECONDS).get(resource);
		ConfigEntry cleanup = (config != null) ? config.get(TopicConfig.CLEANUP_POLICY_CONFIG) : null;
		if (cleanup == null || !cleanup.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
			logger.warn("The heartbeat topic '{}' exists but is not log-compacted (cleanup.policy={}); "
					+ "monitors then replay every old beat on restart", this.topic.name(),
					(cleanup != null) ? cleanup.value() : "?");
		}
		if (description != null && description.partitions().size() != this.topic.numPartitions()) {
			logger.info("The heartbeat topic '{}' exists with {} partitions ({} configured); left as it is",
					this.topic.name(), description.partitions().size(), this.topic.numPartitions());
		}
	}

	/**
	 * The creator's thread: one attempt a round, until the topic exists or retrying cannot help.
	 */
	private final class Creation extends Worker {

		// the creator's thread only
		private @Nullable Admin admin;

		// the creator's thread only
		private boolean warned;

		Creation(Duration maxBackoff) {
			super("heartbeat-topic-creator", new Backoff(FIRST_BACKOFF, maxBackoff), Sleeper.SYSTEM);
		}

		@Override
		protected boolean round() throws Exception {
			if (this.admin == null) {
				try {
					this.admin = KafkaTopicCreator.this.adminFactory.get();
				}
				catch (RuntimeException ex) {
					logger.warn("The heartbeat topic creator failed: {}", ex.toString());
					return false;
				}
			}
			try {
				ensureTopic(this.admin);
			}
			catch (ExecutionException ex) {
				if (!isFinal(ex.getCause())) {
					throw ex;
				}
				logger.warn("Cannot create the heartbeat topic '{}' ({}); beats go to it as it is: create it "
						+ "(compacted) by other means", KafkaTopicCreator.this.topic.name(), ex.getCause().toString());
			}
			KafkaTopicCreator.this.done.countDown();
			return false;
		}

		@Override
		protected void onFailure(Throwable failure, Duration retryIn) {
			String problem = (failure instanceof ExecutionException) ? String.valueOf(failure.getCause())
					: failure.toString();
			if (!this.warned) {
				this.warned = true;
				logger.warn("Could not create the heartbeat topic '{}' yet ({}); retrying in the background",
						KafkaTopicCreator.this.topic.name(), problem);
			}
			else {
				logger.debug("Heartbeat topic '{}' not created yet: {}", KafkaTopicCreator.this.topic.name(), problem);
			}
		}

		@Override
		protected void wakeUp(Thread worker) {
			worker.interrupt();
		}

		@Override
		protected void onExit() {
			this.warned = false;
			if (this.admin != null) {
				// pending calls are abandoned: never wait for a broker that does not answer
				this.admin.close(Duration.ofMillis(200));
				this.admin = null;
			}
		}

	}

}
