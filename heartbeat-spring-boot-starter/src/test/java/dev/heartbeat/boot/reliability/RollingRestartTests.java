package dev.heartbeat.boot.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.heartbeat.boot.monitor.support.Fleet;
import dev.heartbeat.boot.monitor.support.MonitorJvm;
import dev.heartbeat.boot.monitor.support.SharedKafka;

import static dev.heartbeat.boot.reliability.SightAssertions.awaitInstant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rolling restart of a group of three monitors, each in a JVM of its own, stopped as an
 * orchestrator stops it and started again with the same identity, while 40 processes are UP and
 * 10 DEAD (already reported): every partition changes hands twice, and no event is sent again,
 * neither a DEAD nor an UP, nor a reminder restarted.
 */
@ExtendWith(SharedKafka.class)
class RollingRestartTests {

	private static final Duration PERIOD = Duration.ofSeconds(1);

	private static final int BUFFER = 3;

	private static final Duration DEAD_AFTER = PERIOD.multipliedBy(BUFFER);

	private static final Duration BOOT = Duration.ofSeconds(90);

	private static final int PARTITIONS = 6;

	private final List<AutoCloseable> closing = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (int i = this.closing.size() - 1; i >= 0; i--) {
			this.closing.get(i).close();
		}
	}

	@Test
	void aRollingRestartOfThreeMonitorsShouldRepeatNoEvent() {
		String topic = SharedKafka.createCompactedTopic(SharedKafka.unique("heartbeats"), PARTITIONS);
		String group = SharedKafka.unique("group");
		List<MonitorJvm> monitors = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			monitors.add(start(topic, group, i));
		}
		monitors.forEach((monitor) -> monitor.awaitReady(BOOT));
		await().atMost(Duration.ofSeconds(30)).until(() -> owned(monitors) == PARTITIONS);
		List<String> processes = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			processes.add(SharedKafka.unique("rolling"));
		}
		List<String> dead = processes.subList(0, 10);
		Fleet fleet = Fleet.start(SharedKafka.bootstrapServers(), topic, "fleet", PERIOD, BUFFER, processes);
		this.closing.add(fleet);
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			Map<String, String> states = states(monitors, processes);
			return states.size() == processes.size() && states.values().stream().allMatch("UP"::equals);
		});
		fleet.kill(dead);
		await().atMost(DEAD_AFTER.plusSeconds(10)).until(() -> dead.stream()
			.allMatch((process) -> "DEAD".equals(states(monitors, processes).get(process))));
		// every DEAD reported, and then a moment for their records to be kept
		awaitInstant(Instant.now().plusSeconds(2));
		List<String> before = events(monitors);
		assertThat(before).filteredOn((event) -> event.contains(" DEAD ")).hasSize(dead.size());

		for (int i = 0; i < 3; i++) {
			monitors.get(i).terminate();
			MonitorJvm restarted = start(topic, group, i);
			restarted.awaitReady(BOOT);
			monitors.add(restarted);
			List<MonitorJvm> running = monitors.stream().filter(MonitorJvm::isAlive).toList();
			await().atMost(Duration.ofSeconds(30)).until(() -> owned(running) == PARTITIONS);
		}
		List<MonitorJvm> running = monitors.stream().filter(MonitorJvm::isAlive).toList();
		assertThat(running).hasSize(3);
		awaitInstant(Instant.now().plus(DEAD_AFTER).plusSeconds(2));
		Map<String, String> states = states(running, processes);
		assertThat(states).hasSize(processes.size());
		assertThat(states.values()).filteredOn("DEAD"::equals).hasSize(dead.size());
		assertThat(states.values()).filteredOn("UP"::equals).hasSize(processes.size() - dead.size());
		assertThat(events(monitors)).as("every event of every monitor, before and after the restarts")
			.containsExactlyElementsOf(before);
	}

	private MonitorJvm start(String topic, String group, int index) {
		MonitorJvm monitor = MonitorJvm.start(SharedKafka.unique("rolling-monitor-" + index), topic, group,
				"heartbeat.monitor.membership.instance-id=" + group + "-" + index,
				"heartbeat.monitor.report-by-buffer=" + BUFFER,
				// a reminder restarted by a new owner would show within the test
				"heartbeat.monitor.reminder-interval=10m");
		this.closing.add(monitor);
		return monitor;
	}

	// the partitions the monitors own and have rebuilt, together, if no two own the same one
	private static int owned(List<MonitorJvm> monitors) {
		List<Integer> partitions = new ArrayList<>();
		monitors.forEach((monitor) -> partitions.addAll(monitor.livePartitions()));
		return (partitions.stream().distinct().count() == partitions.size()) ? partitions.size() : -1;
	}

	private static Map<String, String> states(List<MonitorJvm> monitors, List<String> processes) {
		Map<String, String> states = new HashMap<>();
		monitors.stream().filter(MonitorJvm::isAlive).forEach((monitor) -> states.putAll(monitor.tracked()));
		states.keySet().retainAll(processes);
		return states;
	}

	private static List<String> events(List<MonitorJvm> monitors) {
		List<String> events = new ArrayList<>();
		monitors.forEach((monitor) -> events.addAll(monitor.events()));
		return events;
	}

}
