package dev.heartbeat.boot.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.heartbeat.boot.monitor.support.MonitorApp;
import dev.heartbeat.boot.monitor.support.RealApp;
import dev.heartbeat.boot.monitor.support.SharedKafka;
import dev.heartbeat.core.monitor.ProcessSnapshot;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.monitor.StateChange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real applications with the starter, each in a JVM of its own, watched by a monitor: the whole
 * way from an actuator health indicator to a monitor event.
 * <p>
 * "Killed" means {@code SIGKILL} of the application's JVM ({@link RealApp#kill()}): no shutdown
 * hook runs, so no {@code stop} is sent and nothing is closed politely, exactly as when a
 * machine dies. "Terminated" means {@code SIGTERM}, as an orchestrator stops a container: Spring's
 * shutdown hook closes the context. The three applications boot in parallel while the monitor
 * starts.
 */
@ExtendWith(SharedKafka.class)
class RealAppMonitorTests {

	private static final Duration PERIOD = Duration.ofMillis(300);

	private static final Duration DEAD_AFTER = PERIOD.multipliedBy(3);

	private static final Duration BOOT = Duration.ofSeconds(60);

	private static String topic;

	private static RealApp killed;

	private static RealApp stopped;

	private static RealApp diesUnwatched;

	private static MonitorApp monitor;

	@BeforeAll
	static void startApplicationsAndMonitor() {
		topic = SharedKafka.createCompactedTopic(SharedKafka.unique("heartbeats"), 2);
		killed = RealApp.start(topic, SharedKafka.unique("orders"), PERIOD);
		stopped = RealApp.start(topic, SharedKafka.unique("billing"), PERIOD);
		diesUnwatched = RealApp.start(topic, SharedKafka.unique("payroll"), PERIOD);
		monitor = MonitorApp.start(topic, SharedKafka.unique("group")).awaitLive(Duration.ofSeconds(15));
	}

	@AfterAll
	static void stopEverything() {
		killed.jvm().close();
		stopped.jvm().close();
		diesUnwatched.jvm().close();
		monitor.close();
	}

	@Test
	void aRealAppShouldBeUpThenDegradedWithItsHealthAndDeadWithinPeriodTimesBufferPlusOneSecondOfItsKill() {
		String process = killed.awaitReady(BOOT).process();
		int steady = awaitSteadilyUp(process);

		killed.degrade();
		StateChange degraded = monitor.events().awaitAfter(process, ProcessState.DEGRADED, steady,
				Duration.ofSeconds(3));
		assertThat(degraded.lastBeat().health()).isEqualTo("OUT_OF_SERVICE");

		int beforeKill = monitor.events().of(process).size();
		Instant killedAt = Instant.now();
		killed.kill();
		StateChange dead = monitor.events().awaitAfter(process, ProcessState.DEAD, beforeKill,
				DEAD_AFTER.plusSeconds(2));
		Instant lastBeat = killed.lastBeatTime();
		assertThat(killed.lastRecord().value()).isEqualTo("degraded/0.3");
		assertThat(dead.lastBeat().recordTime()).isEqualTo(lastBeat);
		assertThat(dead.at()).isEqualTo(lastBeat.plus(DEAD_AFTER));
		assertThat(dead.detectedAt()).isBefore(killedAt.plus(DEAD_AFTER).plusSeconds(1));
		// (a beat delayed on a busy machine may add a LATE and back in between)
		assertThat(monitor.events().statesAfter(process, steady)).contains(ProcessState.DEGRADED)
			.endsWith(ProcessState.DEAD)
			.containsOnlyOnce(ProcessState.DEAD)
			.doesNotContain(ProcessState.STOPPED);
	}

	@Test
	void aRealAppTerminatedGracefullyShouldBeStoppedNotDead() {
		String process = stopped.awaitReady(BOOT).process();
		int steady = awaitSteadilyUp(process);

		stopped.jvm().terminate(Duration.ofSeconds(15));
		StateChange stop = monitor.events().awaitAfter(process, ProcessState.STOPPED, steady, Duration.ofSeconds(2));
		assertThat(stopped.lastRecord().value()).isEqualTo("stop");
		assertThat(stop.lastBeat().recordTime()).isEqualTo(stopped.lastBeatTime());
		assertThat(monitor.engine().get(process)).map(ProcessSnapshot::state).contains(ProcessState.STOPPED);
		// well past the deadline that the last beat before stop had
		Instant quietUntil = stop.detectedAt().plus(DEAD_AFTER).plus(PERIOD);
		await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(quietUntil));
		assertThat(monitor.events().statesAfter(process, steady)).containsExactly(ProcessState.STOPPED);
	}

	@Test
	void aMonitorStartedAfterARealAppDiedShouldReportItDeadWithTheTimeOfItsLastRecord() {
		String process = diesUnwatched.awaitReady(BOOT).process();
		awaitSteadilyUp(process);
		String group = SharedKafka.unique("group");
		try (MonitorApp first = MonitorApp.start(topic, group).awaitLive(Duration.ofSeconds(15))) {
			// (a partition is rebuilt silently: a process already up is tracked without an event)
			await().atMost(Duration.ofSeconds(5))
				.until(() -> first.engine().get(process).map(ProcessSnapshot::state).orElse(null) == ProcessState.UP);
		}
		// no monitor of this group runs now
		diesUnwatched.kill();
		ConsumerRecord<String, String> last = diesUnwatched.lastRecord();
		Instant lastBeat = Instant.ofEpochMilli(last.timestamp());
		await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(lastBeat.plus(DEAD_AFTER)));

		try (MonitorApp second = MonitorApp.start(topic, group)) {
			StateChange dead = second.events().await(process, ProcessState.DEAD, Duration.ofSeconds(15));
			assertThat(dead.lastBeat().recordTime()).isEqualTo(lastBeat);
			assertThat(dead.lastBeat().seq()).isEqualTo(Long.parseLong(header(last, "heartbeat-seq")));
			assertThat(dead.at()).isEqualTo(lastBeat.plus(DEAD_AFTER));
			assertThat(dead.from()).isEqualTo(ProcessState.UP);
			assertThat(second.events().states(process)).containsExactly(ProcessState.DEAD);
		}
	}

	/**
	 * Wait until the monitor has seen the process UP for a few periods in a row: an application
	 * that has just started on a busy machine may send its first beats late.
	 * @return how many changes of the process the monitor had seen by then
	 */
	private static int awaitSteadilyUp(String process) {
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
			List<StateChange> changes = monitor.events().of(process);
			if (changes.isEmpty()) {
				return false;
			}
			StateChange last = changes.get(changes.size() - 1);
			return last.to() == ProcessState.UP
					&& last.detectedAt().plus(PERIOD.multipliedBy(4)).isBefore(Instant.now());
		});
		return monitor.events().of(process).size();
	}

	private static String header(ConsumerRecord<String, String> record, String name) {
		return new String(record.headers().lastHeader(name).value(), java.nio.charset.StandardCharsets.UTF_8);
	}

}
