package dev.heartbeat.boot.beat.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import dev.heartbeat.boot.monitor.support.SharedKafka;
import dev.heartbeat.boot.support.KafkaClientSettings;
import dev.heartbeat.core.publish.BeatMetadata;
import dev.heartbeat.core.publish.contract.AbstractBeatPublisherContractTests;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.wire.WireContract;

import static dev.heartbeat.boot.beat.kafka.HeartbeatTopicReader.header;

/**
 * The publisher contract for {@link KafkaBeatPublisher} on a real KRaft broker (the run's
 * {@link SharedKafka}), each publisher on a topic of its own. The producer is configured as the
 * starter configures it and reaches the broker only through the loopback proxy in front of it:
 * the transport fails when the proxy refuses every connection and hangs when it accepts them and
 * forwards nothing. What arrived is what a plain consumer, connected to the broker directly, reads
 * from the topic.
 * <p>
 * Without the broker's metadata a send blocks for at most the publisher timeout
 * ({@code max.block.ms}) and then fails, whether the broker is unreachable or hangs: a failing
 * beat takes that long to fail, and a hanging one hangs that long, longer than the contract
 * takes to see the scheduler time it out.
 */
@ExtendWith(SharedKafka.class)
class KafkaBeatPublisherContractTests extends AbstractBeatPublisherContractTests<KafkaBeatPublisher> {

	private static final Duration PUBLISHER_TIMEOUT = Duration.ofSeconds(3);

	private static final Transport PROXY = new Transport() {

		@Override
		public void fail() {
			SharedKafka.proxy().down();
		}

		@Override
		public void hang() {
			SharedKafka.proxy().hang();
		}

		@Override
		public void restore() {
			SharedKafka.proxy().up();
		}

	};

	// reads every publisher's topic in turn; created on first use
	private static KafkaConsumer<String, String> reader;

	@AfterAll
	static void closeReader() {
		if (reader != null) {
			reader.close(Duration.ofSeconds(1));
			reader = null;
		}
	}

	@Override
	protected KafkaBeatPublisher createPublisher() {
		String topic = SharedKafka.createCompactedTopic(SharedKafka.unique("contract"), 1);
		KafkaConnectionDetails proxied = () -> List.of(SharedKafka.proxiedBootstrapServers());
		KafkaClientSettings settings = new KafkaClientSettings(new KafkaProperties(), proxied);
		// as the starter: retry a lost broker within a quarter period (of 400 ms here)
		Map<String, Object> producer = KafkaClientSettings.retryWithin(
				settings.beatProducer(topic, PUBLISHER_TIMEOUT, PUBLISHER_TIMEOUT), Duration.ofMillis(100));
		return new KafkaBeatPublisher(topic, () -> new KafkaProducer<String, String>(producer), Duration.ofSeconds(1));
	}

	@Override
	protected Transport transport(KafkaBeatPublisher publisher) {
		return PROXY;
	}

	/**
	 * The topic's records, from its beginning to its end as it is now.
	 */
	@Override
	protected Optional<List<Arrival>> arrivals(KafkaBeatPublisher publisher) {
		synchronized (KafkaBeatPublisherContractTests.class) {
			if (reader == null) {
				reader = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
						SharedKafka.bootstrapServers(), ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false),
						new StringDeserializer(), new StringDeserializer());
			}
			TopicPartition partition = new TopicPartition(publisher.topic(), 0);
			reader.assign(List.of(partition));
			reader.seekToBeginning(List.of(partition));
			long end = reader.endOffsets(List.of(partition), Duration.ofSeconds(5)).get(partition);
			List<Arrival> arrived = new ArrayList<>();
			// what is not read yet is read on the contract's next look
			for (int polls = 0; polls < 10 && reader.position(partition, Duration.ofSeconds(5)) < end; polls++) {
				reader.poll(Duration.ofMillis(100)).forEach((record) -> arrived.add(arrival(record)));
			}
			return Optional.of(arrived);
		}
	}

	/**
	 * Two beats failing one after the other (a scheduler's {@code start} and the tick's beat),
	 * each after the publisher timeout, and some time to spare.
	 */
	@Override
	protected Duration patience() {
		return PUBLISHER_TIMEOUT.multipliedBy(2).plusSeconds(3);
	}

	private static Arrival arrival(ConsumerRecord<String, String> record) {
		BeatMetadata metadata = new BeatMetadata(header(record, WireContract.HEADER_APP),
				header(record, WireContract.HEADER_INSTANCE), Long.parseLong(header(record, WireContract.HEADER_SEQ)),
				RunStatus.valueOf(header(record, WireContract.HEADER_STATUS)),
				header(record, WireContract.HEADER_HEALTH), Instant.ofEpochMilli(record.timestamp()));
		return new Arrival(header(record, WireContract.HEADER_SUBJECT), record.key(), record.value(), metadata);
	}

}
