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

import org.springframework.boot.WebApplicationType;

import dev.heartbeat.boot.monitor.support.ChildApplication;
import dev.heartbeat.boot.monitor.support.ChildJvm;
import dev.heartbeat.boot.monitor.support.LocalApp;
import dev.heartbeat.boot.monitor.support.MonitorApp;
import dev.heartbeat.boot.monitor.support.SharedKafka;
import dev.heartbeat.boot.monitor.support.SimulatedApp;
import dev.heartbeat.boot.monitor.support.WireBeats;
import dev.heartbeat.core.monitor.ProcessSnapshot;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.monitor.StateChange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A monitor killed without warning ({@code SIGKILL} of its JVM: it neither leaves its consumer
 * group nor commits anything) while processes keep beating and some die, then a new monitor of
 * the same group.
 * <p>
 * Two of the processes are real applications in this JVM: one keeps beating, the other reaches
 * the broker only through the proxy, and "dies" when the proxy goes down: from then on it sends
 * nothing at all, stop included, which to a monitor is exactly a dead process. The others are
 * simulated on the wire.
 */
@ExtendWith(SharedKafka.class)
class MonitorCrashTests {

	private static final Duration PERIOD = Duration.ofMillis(300);

	private static final Duration DEAD_AFTER = PERIOD.multipliedBy(3);

	/**
	 * A killed member holds its partitions until its session times out: keep that short.
	 */
	private static final List<String> SHORT_SESSION = List.of(
			"spring.kafka.consumer.properties[session.timeout.ms]=1500",
			"spring.kafka.consumer.properties[heartbeat.interval.ms]=300");

	private final List<AutoCloseable> closing = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (int i = this.closing.size() - 1; i >= 0; i--) {
			this.closing.get(i).close();
		}
		SharedKafka.proxy().up();
	}

	@Test
	void aMonitorKilledAndRestartedShouldLoseNoProcessAndReportTheOnesThatDiedMeanwhileDeadWithTheirLastBeat() {
		String topic = SharedKafka.createCompactedTopic(SharedKafka.unique("heartbeats"), 2);
		String group = SharedKafka.unique("group");
		ChildJvm crashing = startMonitorJvm(topic, group);
		this.closing.add(crashing);
		WireBeats wire = new WireBeats(SharedKafka.bootstrapServers(), topic);
		this.closing.add(wire);
		LocalApp survivor = LocalApp.start(WebApplicationType.NONE, SharedKafka.bootstrapServers(), topic,
				SharedKafka.unique("survivor"), PERIOD, "heartbeat.control.enabled=false");
		this.closing.add(survivor);
		// closed before the proxy comes back up, so that it never beats again
		LocalApp victim = LocalApp.start(WebApplicationType.NONE, SharedKafka.proxiedBootstrapServers(), topic,
				SharedKafka.unique("victim"), PERIOD, "heartbeat.control.enabled=false", "heartbeat.shutdown-grace=0s");
		this.closing.add(victim);
		List<SimulatedApp> simulated = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			SimulatedApp app = SimulatedApp.start(wire, SharedKafka.unique("simulated"), "fleet", PERIOD);
			simulated.add(app);
			this.closing.add(app);
		}
		List<String> processes = new ArrayList<>(List.of(process(survivor), process(victim)));
		simulated.forEach((app) -> processes.add(app.process()));
		String everyoneUp = processes.stream()
			.sorted()
			.map((process) -> process + "=UP")
			.collect(Collectors.joining(" "));
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> crashing.ask("tracked", Duration.ofSeconds(60)).equals(everyoneUp));

		crashing.kill();
		SharedKafka.proxy().down();
		SimulatedApp killed = simulated.get(0);
		killed.kill();
		Map<String, Instant> lastBeats = Map.of(process(victim), lastBeat(topic, process(victim)), killed.process(),
				killed.lastBeatTime());
		Instant allDead = lastBeats.values().stream().max(Instant::compareTo).orElseThrow().plus(DEAD_AFTER);
		await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(allDead));
		// the victim sent nothing since (its producer cannot reach the broker)
		assertThat(lastBeat(topic, process(victim))).isEqualTo(lastBeats.get(process(victim)));

		MonitorApp restarted = MonitorApp.start(topic, group, SHORT_SESSION.toArray(new String[0]));
		this.closing.add(restarted);
		restarted.awaitLive(Duration.ofSeconds(20));
		await().atMost(Duration.ofSeconds(5)).until(() -> restarted.engine().size() == processes.size());
		Map<String, ProcessState> states = restarted.engine()
			.list((snapshot) -> true, 100)
			.stream()
			.collect(Collectors.toMap(ProcessSnapshot::process, ProcessSnapshot::state));
		assertThat(states).containsOnlyKeys(processes);
		for (String process : processes) {
			if (lastBeats.containsKey(process)) {
				StateChange dead = restarted.events().await(process, ProcessState.DEAD, Duration.ofSeconds(5));
				assertThat(dead.lastBeat().recordTime()).as("last beat of %s", process)
					.isEqualTo(lastBeats.get(process));
				assertThat(dead.at()).isEqualTo(lastBeats.get(process).plus(DEAD_AFTER));
				assertThat(states.get(process)).isEqualTo(ProcessState.DEAD);
			}
			else {
				assertThat(states.get(process)).as("state of %s", process).isEqualTo(ProcessState.UP);
			}
		}
		assertThat(restarted.events().changes()).extracting(StateChange::process)
			.containsOnly(lastBeats.keySet().toArray(new String[0]));
	}

	private static ChildJvm startMonitorJvm(String topic, String group) {
		List<String> arguments = new ArrayList<>(List.of(
				"--spring.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(), "--heartbeat.monitor.enabled=true",
				"--heartbeat.monitor.group-id=" + group, "--heartbeat.enabled=false", "--heartbeat.kafka.topic=" + topic,
				"--spring.main.web-application-type=none", "--spring.main.banner-mode=off"));
		SHORT_SESSION.forEach((property) -> arguments.add("--" + property));
		return ChildJvm.start(SharedKafka.unique("monitor"), ChildApplication.class, arguments);
	}

	private static String process(LocalApp app) {
		return app.scheduler().heart().config().process();
	}

	private static Instant lastBeat(String topic, String process) {
		return Instant.ofEpochMilli(SharedKafka.lastRecord(topic, process).orElseThrow().timestamp());
	}

}
