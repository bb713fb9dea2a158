package dev.heartbeat.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.UseMainMethod;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.heartbeat.core.monitor.AppSnapshot;
import dev.heartbeat.core.monitor.AppState;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.monitor.MonitorListener;
import dev.heartbeat.core.monitor.ProcessSnapshot;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.monitor.StateChange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tour's replaced instance, sped up: {@code worker-crash} dies and its app {@code workers},
 * which needs its four instances, is short and reminds of it; a new instance,
 * {@code worker-crash-2}, replaces it and {@code worker-graceful} comes back, the app is UP again
 * and the dead instance gets no more reminders.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT, useMainMethod = UseMainMethod.ALWAYS,
		properties = { "sample.workers.period=500ms", "sample.workers.warmup=5s", "sample.workers.crash-after=3s",
				"sample.workers.stop-after=4s", "sample.workers.restart-after=3s", "sample.workers.steady-for=10m",
				"heartbeat.monitor.hold-time=0s", "heartbeat.monitor.reminder-interval=1s" })
@DirtiesContext
class SampleReplacementTests {

	private static final Duration WITHIN = Duration.ofSeconds(30);

	@Autowired
	private DeadlineEngine engine;

	@DynamicPropertySource
	static void port(DynamicPropertyRegistry registry) {
		int port = SampleTestSupport.freePort();
		registry.add("server.port", () -> port);
	}

	@Test
	void aCrashedWorkerShouldBeRemindedOfWhileItsAppIsShortAndReplacedOnceANewInstanceIsUp() {
		List<StateChange> reminders = new CopyOnWriteArrayList<>();
		this.engine.addListener(MonitorListener.forStateChanges((change) -> {
			if (change.reminder() && change.process().equals("worker-crash")) {
				reminders.add(change);
			}
		}));
		await().atMost(WITHIN).until(() -> state("worker-crash") == ProcessState.DEAD);
		await().atMost(WITHIN).until(() -> this.engine.app("workers").map(AppSnapshot::isShort).orElse(false));
		// its replacement is up and worker-graceful is back: four of four
		await().atMost(WITHIN).pollInterval(Duration.ofMillis(50)).until(() -> state("worker-crash-2") == ProcessState.UP
				&& this.engine.app("workers").map((app) -> app.state() == AppState.UP && app.live() == 4).orElse(false));
		Instant replaced = Instant.now();
		assertThat(reminders).as("reminders while the app was short").isNotEmpty();
		int before = reminders.size();
		// more than a reminder interval, well before worker-crash-2 dies in its turn
		await().atMost(Duration.ofSeconds(3)).until(() -> Instant.now().isAfter(replaced.plusMillis(1_500)));
		assertThat(state("worker-crash")).isEqualTo(ProcessState.DEAD);
		assertThat(reminders).hasSizeLessThanOrEqualTo(before + 1)
			.allSatisfy((reminder) -> assertThat(reminder.detectedAt()).isBeforeOrEqualTo(replaced.plusMillis(200)));
	}

	private ProcessState state(String process) {
		return this.engine.get(process).map(ProcessSnapshot::state).orElse(null);
	}

}
