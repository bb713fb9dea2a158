package dev.heartbeat.boot.monitor.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import dev.heartbeat.boot.test.TcpProxy;

/**
 * One embedded KRaft broker for every monitor test class in the run (a broker costs ~2 s to
 * start); each class uses its own topics and consumer groups. Started by the first class that
 * extends with it, stopped when the whole run ends.
 * <p>
 * For fault tests the broker has a second client listener, {@code PROXIED}, that it advertises
 * at the address of a loopback {@link TcpProxy}: a client bootstrapped at
 * {@link #proxiedBootstrapServers()} learns from the metadata that the broker lives at the
 * proxy, so every one of its connections goes through it, and {@link TcpProxy#down()} is a
 * broker outage for exactly those clients. (A proxy in front of the bootstrap address alone would
 * not do: clients connect to the advertised address after the first metadata answer.) Clients
 * bootstrapped at {@link #bootstrapServers()}, such as the tests' own readers, are not affected.
 */
public final class SharedKafka implements BeforeAllCallback {

	private static final AtomicInteger names = new AtomicInteger();

	private static final String PROXIED = "PROXIED";

	private static volatile EmbeddedKafkaKraftBroker broker;

	private static volatile TcpProxy proxy;

	@Override
	public void beforeAll(ExtensionContext context) {
		broker();
		context.getRoot()
			.getStore(ExtensionContext.Namespace.GLOBAL)
			.getOrComputeIfAbsent(SharedKafka.class, (key) -> (ExtensionContext.Store.CloseableResource) () -> {
				EmbeddedKafkaKraftBroker running = broker;
				broker = null;
				if (running != null) {
					running.destroy();
				}
				TcpProxy front = proxy;
				proxy = null;
				if (front != null) {
					front.close();
				}
			}, ExtensionContext.Store.CloseableResource.class);
	}

	/**
	 * The broker, started on first use.
	 * @return the broker
	 */
	public static synchronized EmbeddedKafkaKraftBroker broker() {
		if (broker == null) {
			TcpProxy front = TcpProxy.start();
			EmbeddedKafkaKraftBroker started = new EmbeddedKafkaKraftBroker(1, 1);
			started.brokerProperty("group.initial.rebalance.delay.ms", "0");
			started.brokerProperty("offsets.topic.num.partitions", "1");
			// lets a test give a monitor a short session, so that a killed one is noticed quickly
			started.brokerProperty("group.min.session.timeout.ms", "500");
			// the test kit's listeners (EXTERNAL for clients, CONTROLLER) plus one behind the proxy
			started.brokerProperty("listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0," + PROXIED
					+ "://127.0.0.1:0");
			started.brokerProperty("listener.security.protocol.map",
					"EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT," + PROXIED + ":PLAINTEXT");
			started.brokerProperty("advertised.listeners",
					"EXTERNAL://localhost:0," + PROXIED + "://" + front.address());
			started.afterPropertiesSet();
			BrokerServer server = started.getCluster().brokers().values().iterator().next();
			front.forwardTo(server.boundPort(ListenerName.normalised(PROXIED)));
			proxy = front;
			broker = started;
		}
		return broker;
	}

	/**
	 * The bootstrap servers.
	 * @return host:port
	 */
	public static String bootstrapServers() {
		return broker().getBrokersAsString();
	}

	/**
	 * The bootstrap servers of the listener behind the proxy: every connection of a client
	 * bootstrapped here goes through {@link #proxy()}.
	 * @return host:port of the proxy
	 */
	public static String proxiedBootstrapServers() {
		broker();
		return proxy.address();
	}

	/**
	 * The proxy in front of the {@code PROXIED} listener, up unless a test took it down.
	 * @return the proxy
	 */
	public static TcpProxy proxy() {
		broker();
		return proxy;
	}

	/**
	 * A name not used before in this run.
	 * @param prefix the prefix
	 * @return e.g. {@code heartbeats-7}
	 */
	public static String unique(String prefix) {
		return prefix + "-" + names.incrementAndGet();
	}

	/**
	 * Read a topic's first partition from its beginning until it has enough records.
	 * @param topic the topic
	 * @param count how many records to wait for
	 * @return the records read
	 */
	public static List<ConsumerRecord<String, String>> read(String topic, int count) {
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()), new StringDeserializer(),
				new StringDeserializer())) {
			TopicPartition partition = new TopicPartition(topic, 0);
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
				consumer.poll(Duration.ofMillis(100)).forEach(records::add);
				return records.size() >= count;
			});
		}
		return records;
	}

	/**
	 * Every record of one key on a topic, read from the beginning of every partition up to its
	 * end as it is now.
	 * @param topic the topic
	 * @param key the key
	 * @return the records, in offset order per partition
	 */
	public static List<ConsumerRecord<String, String>> records(String topic, String key) {
		return records(topic, key::equals);
	}

	/**
	 * The last record of every key on a topic, read from the beginning of every partition up to
	 * its end as it is now.
	 * @param topic the topic
	 * @return the record with the highest offset of each key (a tombstone has a {@code null} value)
	 */
	public static Map<String, ConsumerRecord<String, String>> lastRecords(String topic) {
		Map<String, ConsumerRecord<String, String>> last = new java.util.HashMap<>();
		records(topic, (key) -> true).forEach((record) -> last.put(record.key(), record));
		return last;
	}

	private static List<ConsumerRecord<String, String>> records(String topic, java.util.function.Predicate<String> keys) {
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
						ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false),
				new StringDeserializer(), new StringDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10))
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
					if (keys.test(record.key())) {
						records.add(record);
					}
				}
				return partitions.stream()
					.allMatch((partition) -> consumer.position(partition, Duration.ofSeconds(5)) >= ends
						.get(partition));
			});
		}
		return records;
	}

	/**
	 * The last record of one key on a topic.
	 * @param topic the topic
	 * @param key the key
	 * @return the record with the highest offset, if any
	 */
	public static Optional<ConsumerRecord<String, String>> lastRecord(String topic, String key) {
		List<ConsumerRecord<String, String>> records = records(topic, key);
		return records.isEmpty() ? Optional.empty() : Optional.of(records.get(records.size() - 1));
	}

	/**
	 * Create a log-compacted topic, as the starter declares the heartbeat topic.
	 * @param name the topic
	 * @param partitions its partitions
	 * @return the name
	 */
	public static String createCompactedTopic(String name, int partitions) {
		NewTopic topic = new NewTopic(name, partitions, (short) 1)
			.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
		broker().doWithAdmin((admin) -> {
			try {
				admin.createTopics(List.of(topic)).all().get(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException | ExecutionException | TimeoutException ex) {
				throw new IllegalStateException("Could not create " + name, ex);
			}
		});
		return name;
	}

}
