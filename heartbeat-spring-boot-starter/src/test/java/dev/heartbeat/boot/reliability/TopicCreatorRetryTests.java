package dev.heartbeat.boot.reliability;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.heartbeat.boot.beat.kafka.KafkaTopicCreator;
import dev.heartbeat.boot.monitor.support.SharedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Beats wait for the heartbeat topic, so the creator must try again soon after a broker that was
 * away for a long time comes back, however often it failed before.
 */
@ExtendWith(SharedKafka.class)
class TopicCreatorRetryTests {

	private KafkaTopicCreator creator;

	@AfterEach
	void stop() {
		SharedKafka.proxy().up();
		if (this.creator != null) {
			this.creator.stop();
		}
	}

	@Test
	void afterManyFailedAttemptsTheCreatorShouldTryAgainWithinItsMaximumBackOff() throws Exception {
		SharedKafka.proxy().down();
		Duration maxBackoff = Duration.ofMillis(200);
		Map<String, Object> admin = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedKafka.proxiedBootstrapServers(), AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 100,
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 100, AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 50,
				AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 50);
		this.creator = new KafkaTopicCreator(
				KafkaTopicCreator.compactedTopic(SharedKafka.unique("heartbeats-late"), 1, (short) -1),
				() -> Admin.create(admin), Duration.ofMillis(100), maxBackoff);
		this.creator.start();
		// attempts fail every 100 ms plus the back-off: doubling from 500 ms without a cap, the
		// creator would sleep 2 s and then 4 s by now
		await().pollDelay(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(3)).until(() -> true);
		assertThat(this.creator.awaitDone(Duration.ZERO)).isFalse();

		long back = System.nanoTime();
		SharedKafka.proxy().up();
		assertThat(this.creator.awaitDone(Duration.ofSeconds(10))).isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - back)).as("topic created after the broker came back")
			.isLessThan(maxBackoff.plusMillis(500));
	}

}
