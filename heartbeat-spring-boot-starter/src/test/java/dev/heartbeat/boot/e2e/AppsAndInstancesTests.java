package dev.heartbeat.boot.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.ObjectMapper;

import dev.heartbeat.boot.beat.kafka.BeatRecords;
import dev.heartbeat.boot.monitor.support.MonitorApp;
import dev.heartbeat.boot.monitor.support.RealApp;
import dev.heartbeat.boot.monitor.support.SharedKafka;
import dev.heartbeat.core.monitor.AppSnapshot;
import dev.heartbeat.core.monitor.AppState;
import dev.heartbeat.core.monitor.AppStateChange;
import dev.heartbeat.core.monitor.ProcessSnapshot;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.monitor.StateChange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One app of three instances, each a real application in a JVM of its own on the default
 * process id ({@code <app>-<HOSTNAME>}, as pods of a deployment), watched by a monitor that needs
 * three alive: a rolling deploy replaces each instance gracefully ({@code SIGTERM}), then one
 * instance is killed ({@code SIGKILL}) and, once found dead, replaced. What the listeners hear: the app
 * never dead, the killed instance dead exactly once and reminded of only while the app is short;
 * after the retention times the monitor tracks exactly the live instances, and so does a
 * monitor started afresh, thanks to the tombstones.
 */
@ExtendWith(SharedKafka.class)
class AppsAndInstancesTests {

	// dead after 6 s of silence: a machine busy with other builds may hold a JVM back for seconds
	private static final Duration PERIOD = Duration.ofSeconds(2);

	private static final Duration REMINDERS = Duration.ofSeconds(1);

	private static final Duration FORGET_STOPPED = Duration.ofSeconds(3);

	// long enough for the replacement to boot and for a few reminder intervals after it is up
	private static final Duration FORGET_DEAD = Duration.ofSeconds(25);

	private static final Duration BOOT = Duration.ofSeconds(60);

	private static final int PARTITIONS = 3;

	private final List<RealApp> instances = new ArrayList<>();

	private MonitorApp monitor;

	@AfterEach
	void stopEverything() {
		this.instances.forEach((instance) -> instance.jvm().close());
		if (this.monitor != null) {
			this.monitor.close();
		}
	}

	@Test
	void aRollingDeployAndAKilledInstanceReplacedShouldLeaveTheAppUpAndTheMonitorWithExactlyTheLiveInstances() {
		String topic = SharedKafka.createCompactedTopic(SharedKafka.unique("heartbeats"), PARTITIONS);
		String events = SharedKafka.unique("app-events");
		SharedKafka.broker().addTopics(events);
		String app = SharedKafka.unique("orders");
		String group = SharedKafka.unique("group");
		String[] monitorProperties = { "heartbeat.monitor.apps." + app + ".min-instances=3",
				"heartbeat.monitor.reminder-interval=" + REMINDERS.toMillis() + "ms",
				"heartbeat.monitor.forget-stopped-after=" + FORGET_STOPPED.toMillis() + "ms",
				"heartbeat.monitor.forget-dead-after=" + FORGET_DEAD.toMillis() + "ms",
				// a listener of app events only
				"heartbeat.monitor.listeners.apps.kind=kafka",
				"heartbeat.monitor.listeners.apps.topic=" + events,
				"heartbeat.monitor.listeners.apps.event-regex=app\\..*" };
		List<RealApp> first = start(topic, app, "rev1");
		this.monitor = MonitorApp.start(topic, group, monitorProperties).awaitLive(Duration.ofSeconds(15));
		first.forEach(this::awaitUp);
		await().atMost(Duration.ofSeconds(5)).until(() -> appState(app) == AppState.UP);

		// a rolling deploy: each instance replaced by a new one, then stopped gracefully
		List<RealApp> second = start(topic, app, "rev2");
		for (int i = 0; i < 3; i++) {
			awaitUp(second.get(i));
			first.get(i).jvm().terminate(Duration.ofSeconds(15));
			this.monitor.events().await(first.get(i).process(), ProcessState.STOPPED, Duration.ofSeconds(5));
		}

		// one instance killed without a word, and replaced once it is found dead (a replacement
		// started at once may beat before the death is due: the app would never be short)
		RealApp killed = second.get(0);
		killed.kill();
		StateChange dead = this.monitor.events().await(killed.process(), ProcessState.DEAD,
				PERIOD.multipliedBy(3).plusSeconds(5));
		RealApp replacement = start(topic, app, "rev3").get(0);
		Instant replacedAt = awaitUp(replacement).detectedAt();
		// a few reminder intervals with the dead instance still tracked
		Instant quietUntil = replacedAt.plus(REMINDERS.multipliedBy(3)).plusSeconds(1);
		await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(quietUntil));
		assertThat(this.monitor.engine().get(killed.process())).as("the dead instance, still tracked after %s",
				quietUntil).map(ProcessSnapshot::state).contains(ProcessState.DEAD);

		List<StateChange> ofKilled = this.monitor.events().of(killed.process());
		assertThat(ofKilled).filteredOn((change) -> change.to() == ProcessState.DEAD && !change.reminder())
			.containsExactly(dead);
		List<StateChange> reminders = ofKilled.stream().filter(StateChange::reminder).toList();
		// reminded of while the app was short of instances, and not once its replacement was up
		assertThat(reminders).isNotEmpty()
			.allSatisfy((reminder) -> assertThat(reminder.detectedAt()).isBeforeOrEqualTo(replacedAt));
		List<AppStateChange> ofApp = this.monitor.events().ofApp(app);
		assertThat(ofApp).noneMatch((change) -> change.to() == AppState.DEAD);
		assertThat(ofApp).filteredOn((change) -> !change.reminder() && !change.at().isBefore(dead.at()))
			.extracting(AppStateChange::to)
			.containsExactly(AppState.DEGRADED, AppState.UP);
		// no instance but the killed one died: the others stopped gracefully
		assertThat(this.monitor.events().changes()).filteredOn((change) -> change.to() == ProcessState.DEAD)
			.extracting(StateChange::process)
			.containsOnly(killed.process());

		// the retention times pass: exactly the live instances are left
		Set<String> live = Set.of(second.get(1).process(), second.get(2).process(), replacement.process());
		await().atMost(FORGET_DEAD.plusSeconds(15))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> tracked(this.monitor).equals(live));
		assertThat(this.monitor.engine().app(app)).as("%s, its instances %s", app, states(this.monitor))
			.map(AppSnapshot::state)
			.contains(AppState.UP);
		List<String> forgotten = new ArrayList<>(List.of(killed.process()));
		first.forEach((instance) -> forgotten.add(instance.process()));
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			Map<String, ConsumerRecord<String, String>> last = SharedKafka.lastRecords(topic);
			return forgotten.stream().allMatch((process) -> last.get(process).value() == null);
		});
		// the app's instances share one partition, the one of its name
		int partition = BeatRecords.partitionOf(app, PARTITIONS);
		assertThat(SharedKafka.records(topic, replacement.process())).extracting(ConsumerRecord::partition)
			.containsOnly(partition);
		// the app-only listener heard the app's events, and nothing else
		List<AppStateChange> appEvents = this.monitor.events().appChanges();
		assertThat(SharedKafka.read(events, appEvents.size()))
			.extracting((record) -> new ObjectMapper().readTree(record.value()).get("event").asString())
			.containsExactlyElementsOf(appEvents.stream().map(AppStateChange::eventName).toList());
		this.monitor.close();

		// a monitor started afresh rebuilds from the topic: the tombstones keep the forgotten out
		this.monitor = MonitorApp.start(topic, group, monitorProperties).awaitLive(Duration.ofSeconds(20));
		await().atMost(Duration.ofSeconds(5)).until(() -> tracked(this.monitor).equals(live));
		assertThat(this.monitor.stats().restored()).isEqualTo(live.size());
		await().atMost(PERIOD.multipliedBy(3)).until(() -> appState(app) == AppState.UP);
		assertThat(this.monitor.events().changes()).extracting(StateChange::process).doesNotContainAnyElementsOf(forgotten);
		assertThat(this.monitor.events().ofApp(app)).noneMatch((change) -> change.to() == AppState.DEAD);
	}

	// three instances of the app for one revision, booting in parallel
	private List<RealApp> start(String topic, String app, String revision) {
		List<RealApp> started = new ArrayList<>();
		for (String pod : (revision.equals("rev3") ? List.of("a") : List.of("a", "b", "c"))) {
			RealApp instance = RealApp.instance(topic, app, revision + "-" + pod, PERIOD);
			this.instances.add(instance);
			started.add(instance);
		}
		return started;
	}

	private StateChange awaitUp(RealApp instance) {
		instance.awaitReady(BOOT);
		return this.monitor.events().await(instance.process(), ProcessState.UP, Duration.ofSeconds(10));
	}

	private AppState appState(String app) {
		return this.monitor.engine().app(app).map((snapshot) -> snapshot.state()).orElse(null);
	}

	private static List<String> states(MonitorApp monitor) {
		return monitor.engine()
			.list((snapshot) -> true, 100)
			.stream()
			.map((snapshot) -> snapshot.process() + "=" + snapshot.state() + "@" + snapshot.lastBeat().recordTime())
			.toList();
	}

	private static Set<String> tracked(MonitorApp monitor) {
		return monitor.engine()
			.list((snapshot) -> true, 100)
			.stream()
			.map(ProcessSnapshot::process)
			.collect(Collectors.toSet());
	}

}
