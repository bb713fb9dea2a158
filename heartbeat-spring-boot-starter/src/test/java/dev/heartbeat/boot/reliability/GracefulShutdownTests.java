package dev.heartbeat.boot.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;

import dev.heartbeat.boot.monitor.support.LocalApp;
import dev.heartbeat.boot.monitor.support.SharedKafka;
import dev.heartbeat.core.wire.WireContract;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing the application context sends {@code stop}, every time, even right after start-up,
 * while the starter is still checking its topic and has not created its producer yet.
 */
@ExtendWith(SharedKafka.class)
class GracefulShutdownTests {

	private static final int RUNS = 20;

	@Test
	void everyCloseOfTheContextShouldPutStopOnTheTopic() {
		String topic = SharedKafka.createCompactedTopic(SharedKafka.unique("heartbeats"), 1);
		String process = SharedKafka.unique("restarted");
		List<String> instances = new ArrayList<>();
		for (int run = 1; run <= RUNS; run++) {
			String instance = "run-" + run;
			LocalApp app = LocalApp.start(WebApplicationType.NONE, SharedKafka.bootstrapServers(), topic, process,
					Duration.ofSeconds(3), "heartbeat.instance=" + instance, "heartbeat.control.enabled=false");
			app.close();
			instances.add(instance);
		}
		Map<String, List<String>> payloadsByInstance = SharedKafka.records(topic, process)
			.stream()
			.collect(Collectors.groupingBy(GracefulShutdownTests::instance,
					Collectors.mapping(ConsumerRecord::value, Collectors.toList())));
		assertThat(instances).allSatisfy((instance) -> assertThat(payloadsByInstance.get(instance))
			.as("records of %s", instance)
			.isNotNull()
			.last()
			.isEqualTo("stop"));
	}

	private static String instance(ConsumerRecord<String, String> record) {
		return new String(record.headers().lastHeader(WireContract.HEADER_INSTANCE).value(), StandardCharsets.UTF_8);
	}

}
