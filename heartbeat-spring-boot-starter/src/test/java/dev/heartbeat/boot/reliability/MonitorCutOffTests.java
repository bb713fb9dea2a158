package dev.heartbeat.boot.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.heartbeat.boot.monitor.health.MonitorHealthIndicator;
import dev.heartbeat.boot.monitor.support.Fleet;
import dev.heartbeat.boot.monitor.support.MonitorApp;
import dev.heartbeat.boot.monitor.support.SharedKafka;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.monitor.SightChange;
import dev.heartbeat.core.monitor.StateChange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A monitor cut off from the broker for 30 s while the applications go on writing to it: the
 * monitor reaches the broker only through the proxy, which goes down, the applications write
 * directly. Five of fifty-five processes die during the outage.
 */
@ExtendWith(SharedKafka.class)
class MonitorCutOffTests {

	private static final Duration PERIOD = Duration.ofSeconds(1);

	private static final int BUFFER = 3;

	private static final Duration DEAD_AFTER = PERIOD.multipliedBy(BUFFER);

	private static final Duration OUTAGE = Duration.ofSeconds(30);

	private static final int PARTITIONS = 6;

	private final List<AutoCloseable> closing = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (int i = this.closing.size() - 1; i >= 0; i--) {
			this.closing.get(i).close();
		}
		SharedKafka.proxy().up();
	}

	@Test
	void processesThatDiedWhileOnlyTheMonitorWasCutOffShouldBeDeadWithTheirTrueLastBeatAndTheLiveOnesUntouched() {
		String topic = SharedKafka.createCompactedTopic(SharedKafka.unique("heartbeats"), PARTITIONS);
		MonitorApp monitor = MonitorApp.start(topic, SharedKafka.unique("group"),
				"spring.kafka.bootstrap-servers=" + SharedKafka.proxiedBootstrapServers(),
				"heartbeat.monitor.report-by-buffer=" + BUFFER);
		this.closing.add(monitor);
		monitor.awaitLive(Duration.ofSeconds(20));
		List<String> processes = new ArrayList<>();
		for (int i = 0; i < 55; i++) {
			processes.add(SharedKafka.unique("cut-off"));
		}
		// one victim in each of five partitions
		List<String> victims = processes.stream()
			.collect(Collectors.groupingBy((process) -> Fleet.partitionOf(process, PARTITIONS)))
			.values()
			.stream()
			.map((inPartition) -> inPartition.get(0))
			.limit(5)
			.toList();
		assertThat(victims).hasSize(5);
		Fleet fleet = Fleet.start(SharedKafka.bootstrapServers(), topic, "fleet", PERIOD, BUFFER, processes);
		this.closing.add(fleet);
		await().atMost(Duration.ofSeconds(20)).until(() -> SightAssertions.allUp(monitor, processes));
		SightAssertions.awaitSeenNow(monitor);
		int before = monitor.events().changes().size();
		MonitorHealthIndicator health = monitor.context().getBean(MonitorHealthIndicator.class);
		assertThat(health.health().getStatus()).isEqualTo(Status.UP);

		Instant cutAt = Instant.now();
		SharedKafka.proxy().down();
		SightAssertions.awaitInstant(cutAt.plusSeconds(5));
		fleet.kill(victims);
		await().atMost(Duration.ofSeconds(5)).until(() -> !monitor.events().sight().isEmpty());
		assertThat(monitor.events().sight()).extracting(SightChange::eventName).containsOnly(SightChange.BLIND);
		Health blind = health.health();
		assertThat(blind.getStatus()).isEqualTo(Status.DOWN);
		assertThat((String) blind.getDetails().get("reason")).startsWith("blind since");
		SightAssertions.awaitInstant(cutAt.plus(OUTAGE));
		assertThat(monitor.events().changes()).as("nothing is judged while the monitor cannot see").hasSize(before);
		Map<String, Instant> lastBeats = victims.stream().collect(Collectors.toMap((victim) -> victim, fleet::lastTaken));
		SharedKafka.proxy().up();

		await().atMost(Duration.ofSeconds(30))
			.until(() -> monitor.events().changes().size() >= before + victims.size());
		Instant reported = Instant.now();
		// anything false would have come by now: a whole window after the last report
		SightAssertions.awaitInstant(reported.plus(DEAD_AFTER).plusSeconds(2));
		List<StateChange> after = monitor.events().changes().subList(before, monitor.events().changes().size());
		assertThat(after).as("events after the outage: %s", after).extracting(StateChange::process).containsExactlyInAnyOrderElementsOf(victims);
		for (StateChange dead : after) {
			assertThat(dead.to()).isEqualTo(ProcessState.DEAD);
			assertThat(dead.from()).isEqualTo(ProcessState.UP);
			assertThat(dead.lastBeat().recordTime()).as("last beat of %s", dead.process())
				.isEqualTo(lastBeats.get(dead.process()));
			assertThat(dead.at()).isEqualTo(lastBeats.get(dead.process()).plus(DEAD_AFTER));
		}
		SightAssertions.assertSpell(monitor.events().sight(), PARTITIONS);
		assertThat(monitor.events().sight()).filteredOn((change) -> !change.blind())
			.as("the log went on")
			.noneMatch(SightChange::rearmed);
		await().atMost(Duration.ofSeconds(10)).until(() -> health.health().getStatus().equals(Status.UP));
	}

}
