package dev.heartbeat.boot.monitor.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.heartbeat.boot.monitor.support.MonitorApp;
import dev.heartbeat.boot.monitor.support.SharedKafka;
import dev.heartbeat.boot.monitor.support.WireBeats;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.monitor.ProcessSnapshot;
import dev.heartbeat.core.monitor.ProcessState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Monitors of one group split the partitions, and take over each other's processes.
 */
@ExtendWith(SharedKafka.class)
class ScaleOutTests {

	private static final int PARTITIONS = 4;

	private static final int PROCESSES = 24;

	private static final Duration PERIOD = Duration.ofMillis(500);

	@Test
	void twoMonitorsShouldSplitThePartitionsAndTheSurvivorShouldTakeOverEveryProcess() {
		String topic = SharedKafka.createCompactedTopic(SharedKafka.unique("heartbeats"), PARTITIONS);
		String group = SharedKafka.unique("group");
		List<String> processes = new ArrayList<>();
		for (int i = 0; i < PROCESSES; i++) {
			processes.add("svc-" + i);
		}
		assertThat(processes.stream().map(this::partition).distinct()).as("processes on every partition")
			.hasSize(PARTITIONS);
		ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor();
		try (WireBeats wire = new WireBeats(SharedKafka.bootstrapServers(), topic);
				MonitorApp first = MonitorApp.start(topic, group)) {
			long[] seq = { 0 };
			beats.scheduleAtFixedRate(() -> {
				seq[0]++;
				processes.forEach((process) -> wire.beatAsync(process, "fleet", "i1", seq[0], "beat/0.5"));
			}, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
			first.awaitLive(Duration.ofSeconds(15));
			await().atMost(Duration.ofSeconds(5)).until(() -> tracked(first.engine()).size() == PROCESSES);

			MonitorApp second = MonitorApp.start(topic, group);
			try {
				await().atMost(Duration.ofSeconds(20))
					.until(() -> !second.consumer().assignment().isEmpty() && first.consumer().isLive()
							&& second.consumer().isLive()
							&& first.consumer().assignment().size() + second.consumer().assignment().size() == PARTITIONS
							&& tracked(first.engine()).size() + tracked(second.engine()).size() == PROCESSES);
				Set<String> byFirst = tracked(first.engine());
				Set<String> bySecond = tracked(second.engine());
				assertThat(byFirst).doesNotContainAnyElementsOf(bySecond);
				assertThat(union(byFirst, bySecond)).containsExactlyInAnyOrderElementsOf(processes);
				assertOnlyOwnPartitions(first, byFirst);
				assertOnlyOwnPartitions(second, bySecond);
			}
			finally {
				second.close();
			}

			await().atMost(Duration.ofSeconds(20))
				.until(() -> first.consumer().assignment().size() == PARTITIONS && first.consumer().isLive()
						&& tracked(first.engine()).size() == PROCESSES);
			assertThat(tracked(first.engine())).containsExactlyInAnyOrderElementsOf(processes);
			assertThat(first.engine().list((snapshot) -> true, 100)).extracting(ProcessSnapshot::state)
				.containsOnly(ProcessState.UP);
			assertThat(first.events().changes()).noneMatch((change) -> change.to() == ProcessState.DEAD);
		}
		finally {
			beats.shutdownNow();
		}
	}

	private static void assertOnlyOwnPartitions(MonitorApp monitor, Set<String> tracked) {
		Set<Integer> own = monitor.consumer()
			.assignment()
			.stream()
			.map(TopicPartition::partition)
			.collect(Collectors.toSet());
		assertThat(tracked).allSatisfy((process) -> assertThat(own).contains(partitionOf(process)));
	}

	private int partition(String process) {
		return partitionOf(process);
	}

	private static int partitionOf(String process) {
		return HeartbeatConsumer.defaultPartition(process.getBytes(StandardCharsets.UTF_8), PARTITIONS);
	}

	private static Set<String> tracked(DeadlineEngine engine) {
		return engine.list((snapshot) -> true, 1000)
			.stream()
			.map(ProcessSnapshot::process)
			.collect(Collectors.toSet());
	}

	private static Set<String> union(Set<String> first, Set<String> second) {
		Set<String> all = new HashSet<>(first);
		all.addAll(second);
		return all;
	}

}
