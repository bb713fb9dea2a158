package dev.heartbeat.boot.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
 * One monitor of two, each in a JVM of its own, killed with {@code SIGKILL}: it neither leaves
 * its group nor commits anything, so the group notices only when its session times out
 * ({@code heartbeat.monitor.membership.session-timeout}, 6 s by default).
 */
@ExtendWith(SharedKafka.class)
class MonitorTakeoverTests {

	private static final Duration PERIOD = Duration.ofSeconds(1);

	private static final int BUFFER = 3;

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
	void deathsInThePartitionsOfAKilledMonitorShouldBeReportedByTheOtherWithinFifteenSeconds() {
		String topic = SharedKafka.createCompactedTopic(SharedKafka.unique("heartbeats"), PARTITIONS);
		String group = SharedKafka.unique("group");
		MonitorJvm killed = start("takeover-killed", topic, group);
		MonitorJvm survivor = start("takeover-survivor", topic, group);
		List<String> processes = processes("takeover", 30);
		Fleet fleet = Fleet.start(SharedKafka.bootstrapServers(), topic, "fleet", PERIOD, BUFFER, processes);
		this.closing.add(fleet);
		killed.awaitReady(BOOT);
		survivor.awaitReady(BOOT);
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			List<Integer> ofKilled = killed.livePartitions();
			List<Integer> ofSurvivor = survivor.livePartitions();
			return !ofKilled.isEmpty() && !ofSurvivor.isEmpty() && ofKilled.size() + ofSurvivor.size() == PARTITIONS
					&& upEverywhere(List.of(killed, survivor), processes);
		});
		List<Integer> partitions = killed.livePartitions();
		List<String> victims = processes.stream()
			.filter((process) -> partitions.contains(Fleet.partitionOf(process, PARTITIONS)))
			.limit(3)
			.toList();
		assertThat(victims).hasSize(3);
		int before = survivor.events().size();

		Instant killedAt = Instant.now();
		killed.kill();
		fleet.kill(victims);
		Map<String, Instant> reported = new ConcurrentHashMap<>();
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
			for (String event : survivor.events()) {
				String[] fields = event.split(" ");
				if (victims.contains(fields[0]) && fields[2].equals("DEAD")) {
					reported.putIfAbsent(fields[0], Instant.now());
				}
			}
			return reported.size() == victims.size();
		});
		assertThat(reported.values()).allSatisfy((at) -> assertThat(Duration.between(killedAt, at))
			.as("from the kill to the report").isLessThan(Duration.ofSeconds(15)));
		awaitInstant(Instant.now().plus(PERIOD.multipliedBy(BUFFER)).plusSeconds(2));
		assertThat(survivor.livePartitions()).hasSize(PARTITIONS);
		assertThat(survivor.events().subList(before, survivor.events().size()))
			.as("the deaths, nothing else: no live process reported, no event the killed monitor had sent sent again")
			.hasSize(victims.size())
			.allSatisfy((event) -> assertThat(event.split(" ")[2]).isEqualTo("DEAD"));
	}

	@Test
	void aMonitorRestartedWithTheSameIdentityShouldTakeItsPartitionsBackWithoutTheOtherTakingThem() {
		String topic = SharedKafka.createCompactedTopic(SharedKafka.unique("heartbeats"), PARTITIONS);
		String group = SharedKafka.unique("group");
		// a session long enough for a JVM to start again within it
		String session = "heartbeat.monitor.membership.session-timeout=45s";
		String identity = "heartbeat.monitor.membership.instance-id=" + group + "-a";
		MonitorJvm first = start("identity-first", topic, group, session, identity);
		MonitorJvm other = start("identity-other", topic, group, session,
				"heartbeat.monitor.membership.instance-id=" + group + "-b");
		first.awaitReady(BOOT);
		other.awaitReady(BOOT);
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			List<Integer> ofFirst = first.livePartitions();
			List<Integer> ofOther = other.livePartitions();
			return !ofFirst.isEmpty() && !ofOther.isEmpty() && ofFirst.size() + ofOther.size() == PARTITIONS;
		});
		List<Integer> ofFirst = first.livePartitions();
		List<Integer> ofOther = other.livePartitions();

		first.kill();
		MonitorJvm again = start("identity-again", topic, group, session, identity);
		again.awaitReady(BOOT);
		Instant ready = Instant.now();
		await().atMost(Duration.ofSeconds(10)).until(() -> again.livePartitions().equals(ofFirst));
		assertThat(Duration.between(ready, Instant.now())).as("its partitions back, without a rebalance")
			.isLessThan(Duration.ofSeconds(10));
		assertThat(other.livePartitions()).isEqualTo(ofOther);
	}

	private MonitorJvm start(String name, String topic, String group, String... properties) {
		List<String> all = new ArrayList<>(List.of("heartbeat.monitor.report-by-buffer=" + BUFFER));
		all.addAll(List.of(properties));
		MonitorJvm monitor = MonitorJvm.start(SharedKafka.unique(name), topic, group, all.toArray(new String[0]));
		this.closing.add(monitor);
		return monitor;
	}

	private static List<String> processes(String prefix, int count) {
		List<String> processes = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			processes.add(SharedKafka.unique(prefix));
		}
		return processes;
	}

	private static boolean upEverywhere(List<MonitorJvm> monitors, List<String> processes) {
		Map<String, String> states = new HashMap<>();
		monitors.forEach((monitor) -> states.putAll(monitor.tracked()));
		return processes.stream().allMatch((process) -> "UP".equals(states.get(process)));
	}

}
