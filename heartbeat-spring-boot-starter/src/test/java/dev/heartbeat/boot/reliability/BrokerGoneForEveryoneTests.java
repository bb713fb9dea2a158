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

import static dev.heartbeat.boot.reliability.SightAssertions.awaitInstant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker unreachable for everyone for 30 s: the applications and the monitor reach it only
 * through the proxy, which goes down. The applications' beats cannot be written meanwhile (what
 * their producer holds expires after period × buffer), so the gap in the log is no death: the 50
 * that beat again when the broker is back are never LATE nor DEAD; the 2 that died during the
 * outage are reported, once, a window after the monitor sees again.
 */
@ExtendWith(SharedKafka.class)
class BrokerGoneForEveryoneTests {

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
	void processesThatBeatAgainWithinOneWindowOfTheBrokersReturnShouldNeverBeLateNorDead() {
		String topic = SharedKafka.createCompactedTopic(SharedKafka.unique("heartbeats"), PARTITIONS);
		String proxied = SharedKafka.proxiedBootstrapServers();
		MonitorApp monitor = MonitorApp.start(topic, SharedKafka.unique("group"),
				"spring.kafka.bootstrap-servers=" + proxied, "heartbeat.monitor.report-by-buffer=" + BUFFER);
		this.closing.add(monitor);
		monitor.awaitLive(Duration.ofSeconds(20));
		List<String> processes = new ArrayList<>();
		for (int i = 0; i < 52; i++) {
			processes.add(SharedKafka.unique("everyone"));
		}
		List<String> victims = List.of(processes.get(0), processes.get(1));
		Fleet fleet = Fleet.start(proxied, topic, "fleet", PERIOD, BUFFER, processes);
		this.closing.add(fleet);
		await().atMost(Duration.ofSeconds(20)).until(() -> SightAssertions.allUp(monitor, processes));
		SightAssertions.awaitSeenNow(monitor);
		int before = monitor.events().changes().size();
		MonitorHealthIndicator health = monitor.context().getBean(MonitorHealthIndicator.class);
		assertThat(health.health().getStatus()).isEqualTo(Status.UP);

		Instant downAt = Instant.now();
		SharedKafka.proxy().down();
		await().atMost(DEAD_AFTER.plusSeconds(3)).until(() -> !monitor.events().sight().isEmpty());
		SightChange blind = monitor.events().sight().get(0);
		assertThat(blind.eventName()).isEqualTo(SightChange.BLIND);
		assertThat(blind.since()).isBetween(downAt.minusSeconds(1), downAt);
		Health down = health.health();
		assertThat(down.getStatus()).isEqualTo(Status.DOWN);
		assertThat((String) down.getDetails().get("reason")).startsWith("blind since")
			.contains("cannot read the end offsets");
		awaitInstant(downAt.plusSeconds(10));
		fleet.kill(victims);
		awaitInstant(downAt.plus(OUTAGE));
		Map<String, Instant> lastBeats = victims.stream().collect(Collectors.toMap((victim) -> victim, fleet::lastTaken));
		assertThat(lastBeats.values()).allSatisfy((last) -> assertThat(last).isBefore(downAt.plusSeconds(1)));
		assertThat(monitor.events().changes()).as("nothing is judged while the monitor cannot see").hasSize(before);
		Instant backAt = Instant.now();
		SharedKafka.proxy().up();

		await().atMost(Duration.ofSeconds(30)).until(() -> monitor.events().sight()
			.stream()
			.filter((change) -> !change.blind())
			.mapToInt((change) -> change.partitions().size())
			.sum() == PARTITIONS);
		List<SightChange> spell = monitor.events().sight();
		SightAssertions.assertSpell(spell, PARTITIONS);
		SightChange sighted = spell.get(spell.size() - 1);
		assertThat(spell).filteredOn((change) -> !change.blind()).as("nobody could write")
			.allMatch(SightChange::rearmed)
			.allSatisfy((change) -> assertThat(change.at()).isAfterOrEqualTo(backAt));
		await().atMost(Duration.ofSeconds(10)).until(() -> health.health().getStatus().equals(Status.UP));
		// the victims are due a whole window after sight returned; anything false would be due then too
		await().atMost(DEAD_AFTER.plusSeconds(10))
			.until(() -> monitor.events().changes().size() >= before + victims.size());
		awaitInstant(sighted.at().plus(DEAD_AFTER).plusSeconds(3));
		List<StateChange> after = monitor.events().changes().subList(before, monitor.events().changes().size());
		assertThat(after).extracting(StateChange::process).containsExactlyInAnyOrderElementsOf(victims);
		for (StateChange dead : after) {
			assertThat(dead.to()).isEqualTo(ProcessState.DEAD);
			assertThat(dead.from()).isEqualTo(ProcessState.UP);
			assertThat(dead.lastBeat().recordTime()).isEqualTo(lastBeats.get(dead.process()));
			assertThat(dead.at()).as("a whole window after the monitor saw again").isAfterOrEqualTo(backAt.plus(DEAD_AFTER));
		}
		assertThat(monitor.engine().list((snapshot) -> !victims.contains(snapshot.process()), 1000))
			.hasSize(processes.size() - victims.size())
			.allSatisfy((snapshot) -> assertThat(snapshot.state()).isEqualTo(ProcessState.UP));
	}


}
