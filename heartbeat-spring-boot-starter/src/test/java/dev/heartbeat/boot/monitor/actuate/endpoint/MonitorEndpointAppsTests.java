package dev.heartbeat.boot.monitor.actuate.endpoint;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import dev.heartbeat.boot.monitor.actuate.endpoint.MonitorEndpoint.ProcessesDescriptor;
import dev.heartbeat.boot.monitor.kafka.ControlSender;
import dev.heartbeat.boot.monitor.kafka.LazyProducer;
import dev.heartbeat.boot.support.InvalidRequest;
import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.monitor.AppState;
import dev.heartbeat.core.monitor.BeatRecord;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.monitor.DeadlineEngineConfig;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.time.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The apps of the {@code heartbeats} endpoint, called directly on a large fleet.
 */
class MonitorEndpointAppsTests {

	private final ManualClock clock = new ManualClock();

	private final DeadlineEngine engine = new DeadlineEngine(DeadlineEngineConfig.ofDefaults(), this.clock);

	private final MonitorEndpoint endpoint = new MonitorEndpoint(this.engine,
			new ControlSender(new LazyProducer<>(() -> {
				throw new IllegalStateException("no control records here");
			}), "heartbeat-control", null, this.clock, Duration.ofSeconds(1)), this.clock);

	@Test
	void theAppsShouldNeverBeCutByTheLimitOfTheProcesses() {
		for (int app = 0; app < 1_200; app++) {
			for (int instance = 0; instance < 2; instance++) {
				this.engine.onBeat(new BeatRecord("app-" + app + "-" + instance, String.format("app-%04d", app),
						Beat.beat(Duration.ofMinutes(1)), this.clock.wallTime(), "i" + instance, 1, RunStatus.RUNNING,
						"UP"));
			}
		}
		ProcessesDescriptor list = (ProcessesDescriptor) this.endpoint.processes(null, null).getBody();
		assertThat(list.truncated()).isTrue();
		assertThat(list.processes()).hasSize(MonitorEndpoint.MAX_LIST);
		assertThat(list.apps()).hasSize(1_200).allSatisfy((app) -> {
			assertThat(app.state()).isEqualTo(AppState.UP);
			assertThat(app.instances()).isEqualTo(2);
		});
		assertThat(list.apps().get(0).app()).isEqualTo("app-0000");
		assertThat(list.apps().get(1_199).app()).isEqualTo("app-1199");
	}

	@Test
	void anAppShouldBeSnoozedUntilATimeAndAnUnknownOneNotFound() {
		this.engine.onBeat(new BeatRecord("orders-1", "orders", Beat.beat(Duration.ofSeconds(5)),
				this.clock.wallTime(), "i1", 1, RunStatus.RUNNING, "UP"));
		WebEndpointResponse<OperationResponseBody> snoozed = this.endpoint.snoozeApp("apps", "orders", "snooze",
				"PT10M");
		assertThat(snoozed.getStatus()).isEqualTo(200);
		Instant until = this.clock.instant().plus(Duration.ofMinutes(10));
		assertThat(((AppDescriptor.Snoozed) snoozed.getBody()).until()).isEqualTo(until);
		assertThat(this.engine.app("orders").orElseThrow().snoozedUntil()).isEqualTo(until);
		assertThat(((ProcessesDescriptor) this.endpoint.processes(null, "orders").getBody()).apps().get(0).snoozedUntil())
			.isEqualTo(until);
		assertThat(((AppDescriptor.Snoozed) this.endpoint.snoozeApp("apps", "orders", "snooze", "PT0S").getBody())
			.until()).isNull();
		assertThat(this.endpoint.snoozeApp("apps", "billing", "snooze", "PT10M").getStatus()).isEqualTo(404);
		WebEndpointResponse<OperationResponseBody> unknown = this.endpoint.snoozeApp("things", "orders", "snooze",
				"PT10M");
		assertThat(unknown.getStatus()).isEqualTo(400);
		assertThat(((InvalidRequest.Descriptor) unknown.getBody()).parameter()).isEqualTo("action");
		WebEndpointResponse<OperationResponseBody> badTime = this.endpoint.snoozeApp("apps", "orders", "snooze", "soon");
		assertThat(badTime.getStatus()).isEqualTo(400);
		assertThat(((InvalidRequest.Descriptor) badTime.getBody()).parameter()).isEqualTo("until");
	}

}
