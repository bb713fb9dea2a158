package dev.heartbeat.boot.monitor.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import dev.heartbeat.boot.monitor.metrics.MonitorMetrics;
import dev.heartbeat.boot.monitor.support.MonitorApp;
import dev.heartbeat.boot.monitor.support.SharedKafka;
import dev.heartbeat.boot.monitor.support.SimulatedApp;
import dev.heartbeat.boot.monitor.support.WireBeats;
import dev.heartbeat.core.monitor.ProcessSnapshot;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.monitor.StateChange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A monitor against a real broker, fed wire-format records by plain producers.
 */
@ExtendWith(SharedKafka.class)
class MonitorKafkaTests {

	private static final Duration PERIOD = Duration.ofMillis(300);

	private static final Duration DEAD_WITHIN = PERIOD.multipliedBy(3).plusSeconds(1);

	private String topic;

	private WireBeats wire;

	private MonitorApp monitor;

	@BeforeEach
	void createTopic() {
		this.topic = SharedKafka.createCompactedTopic(SharedKafka.unique("heartbeats"), 2);
		this.wire = new WireBeats(SharedKafka.bootstrapServers(), this.topic);
	}

	@AfterEach
	void close() {
		if (this.monitor != null) {
			this.monitor.close();
		}
		this.wire.close();
	}

	@Test
	void monitorShouldSeeUpThenDegradedThenDeadWithinPeriodTimesBufferPlusOneSecond() {
		this.monitor = MonitorApp.start(this.topic, SharedKafka.unique("group")).awaitLive(Duration.ofSeconds(15));
		String process = SharedKafka.unique("orders");
		try (SimulatedApp app = SimulatedApp.start(this.wire, process, "shop", PERIOD)) {
			this.monitor.events().await(process, ProcessState.UP, Duration.ofSeconds(3));
			app.degrade();
			this.monitor.events().await(process, ProcessState.DEGRADED, Duration.ofSeconds(2));
			app.kill();
			Instant lastBeat = app.lastBeatTime();
			StateChange dead = this.monitor.events().await(process, ProcessState.DEAD, DEAD_WITHIN);
			assertThat(dead.lastBeat().recordTime()).isEqualTo(lastBeat);
			assertThat(dead.at()).isEqualTo(lastBeat.plus(PERIOD.multipliedBy(3)));
			assertThat(dead.detectedAt()).isBefore(lastBeat.plus(DEAD_WITHIN));
			// (a beat delayed on a busy machine may add a LATE and back in between)
			assertThat(this.monitor.events().states(process))
				.startsWith(ProcessState.STARTING, ProcessState.UP)
				.contains(ProcessState.DEGRADED)
				.endsWith(ProcessState.LATE, ProcessState.DEAD)
				.containsOnlyOnce(ProcessState.DEAD);
			assertMeters(dead);
		}
	}

	private void assertMeters(StateChange dead) {
		MeterRegistry meters = this.monitor.context().getBean(MeterRegistry.class);
		assertThat(meters.get(MonitorMetrics.EVENTS).tag("state", "dead").counter().count()).isEqualTo(1);
		long ups = this.monitor.events().changes().stream().filter((change) -> change.to() == ProcessState.UP).count();
		assertThat(meters.get(MonitorMetrics.EVENTS).tag("state", "up").counter().count()).isEqualTo(ups);
		Timer lag = meters.get(MonitorMetrics.DETECTION_LAG).tag("state", "dead").timer();
		assertThat(lag.count()).isEqualTo(1);
		assertThat(lag.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(dead.detectionLag().toMillis());
		assertThat(meters.get(MonitorMetrics.PROCESSES).tag("state", "dead").gauge().value()).isOne();
		assertThat(meters.get(MonitorMetrics.RECORDS_CONSUMED).functionCounter().count()).isPositive();
		assertThat(meters.get(MonitorMetrics.LISTENER_DELIVERIES)
			.tags("listener", "application-event", "outcome", "delivered")
			.functionCounter()
			.count()).isEqualTo(this.monitor.events().changes().size() + this.monitor.events().appChanges().size());
	}

	@Test
	void monitorShouldSeeStoppedAfterAGracefulCloseAndTellAKafkaListener() {
		String events = SharedKafka.unique("heartbeat-events");
		SharedKafka.broker().addTopics(events);
		this.monitor = MonitorApp
			.start(this.topic, SharedKafka.unique("group"), "heartbeat.monitor.listeners.stopped-events.kind=kafka",
					"heartbeat.monitor.listeners.stopped-events.topic=" + events,
					"heartbeat.monitor.listeners.stopped-events.event-regex=heartbeat\\..*\\.stopped",
					"heartbeat.monitor.listeners.stopped-events.key=stopped:{process}")
			.awaitLive(Duration.ofSeconds(15));
		String process = SharedKafka.unique("billing");
		SimulatedApp app = SimulatedApp.start(this.wire, process, "shop", PERIOD);
		this.monitor.events().await(process, ProcessState.UP, Duration.ofSeconds(3));
		app.close();
		StateChange stopped = this.monitor.events().await(process, ProcessState.STOPPED, Duration.ofSeconds(2));
		assertThat(stopped.from()).isEqualTo(ProcessState.UP);
		assertThat(this.monitor.engine().get(process)).map(ProcessSnapshot::state).contains(ProcessState.STOPPED);

		ConsumerRecord<String, String> record = SharedKafka.read(events, 1).get(0);
		assertThat(record.key()).isEqualTo("stopped:" + process);
		JsonNode json = new ObjectMapper().readTree(record.value());
		assertThat(json.get("event").asString()).isEqualTo("heartbeat." + process + ".stopped");
		assertThat(json.get("state").asString()).isEqualTo("STOPPED");
		assertThat(json.get("previous").asString()).isEqualTo("UP");
		assertThat(json.get("app").asString()).isEqualTo("shop");
	}

	@Test
	void monitorStartedBeforeTheTopicExistsShouldPickItUpOnceCreated() {
		String missing = SharedKafka.unique("heartbeats-later");
		this.monitor = MonitorApp.start(missing, SharedKafka.unique("group"), "heartbeat.kafka.create-topic=false");
		assertThat(this.monitor.consumer().isRunning()).isTrue();
		SharedKafka.createCompactedTopic(missing, 1);
		this.monitor.awaitLive(Duration.ofSeconds(20));
		String process = SharedKafka.unique("late-comer");
		try (WireBeats later = new WireBeats(SharedKafka.bootstrapServers(), missing);
				SimulatedApp app = SimulatedApp.start(later, process, "shop", PERIOD)) {
			this.monitor.events().await(process, ProcessState.UP, Duration.ofSeconds(3));
		}
	}

	@Test
	void restartedMonitorShouldReportAProcessThatDiedMeanwhileWithItsTrueLastBeat() {
		String group = SharedKafka.unique("group");
		String process = SharedKafka.unique("payroll");
		MonitorApp first = MonitorApp.start(this.topic, group).awaitLive(Duration.ofSeconds(15));
		SimulatedApp app = SimulatedApp.start(this.wire, process, "hr", PERIOD);
		try {
			first.events().await(process, ProcessState.UP, Duration.ofSeconds(3));
		}
		finally {
			first.close();
		}
		app.kill();
		Instant lastBeat = app.lastBeatTime();
		// the process dies while no monitor runs
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(3))
			.until(() -> Instant.now().isAfter(lastBeat.plus(PERIOD.multipliedBy(3))));
		this.monitor = MonitorApp.start(this.topic, group);
		StateChange dead = this.monitor.events().await(process, ProcessState.DEAD, Duration.ofSeconds(15));
		assertThat(dead.lastBeat().recordTime()).isEqualTo(lastBeat);
		assertThat(dead.at()).isEqualTo(lastBeat.plus(PERIOD.multipliedBy(3)));
		assertThat(dead.from()).isEqualTo(ProcessState.UP);
		assertThat(this.monitor.events().states(process)).containsExactly(ProcessState.DEAD);
	}

}
