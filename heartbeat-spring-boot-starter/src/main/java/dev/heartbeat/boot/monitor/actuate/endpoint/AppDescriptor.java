package dev.heartbeat.boot.monitor.actuate.endpoint;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

import dev.heartbeat.core.monitor.AppSnapshot;
import dev.heartbeat.core.monitor.AppState;
import dev.heartbeat.core.monitor.ProcessState;

/**
 * One app, as the {@code heartbeats} endpoint lists it beside the processes.
 *
 * @param app the app's name
 * @param state its state
 * @param reportedState the state last reported through events
 * @param instances how many instances it has (processes tracked here)
 * @param live how many of them are alive (STARTING, UP, DEGRADED, LATE or PAUSED)
 * @param minInstances how many must be alive for it to be UP
 * @param counts how many instances are in each state
 * @param since when its state began
 * @param snoozedUntil until when its events are held back, or {@code null}
 */
public record AppDescriptor(String app, AppState state, AppState reportedState, int instances, int live,
		int minInstances, Map<ProcessState, Long> counts, Instant since, Instant snoozedUntil)
		implements OperationResponseBody {

	static AppDescriptor of(AppSnapshot snapshot) {
		Map<ProcessState, Long> counts = new EnumMap<>(snapshot.counts());
		counts.remove(ProcessState.UNKNOWN);
		return new AppDescriptor(snapshot.app(), snapshot.state(), snapshot.reportedState(), snapshot.instances(),
				snapshot.live(), snapshot.minInstances(), counts, snapshot.since(), snapshot.snoozedUntil());
	}

	/**
	 * What a snooze of an app did.
	 *
	 * @param app the app's name
	 * @param action {@code snooze}
	 * @param at when
	 * @param until until when its events are held back, or {@code null} if the snooze ended
	 */
	public record Snoozed(String app, String action, Instant at, Instant until) implements OperationResponseBody {
	}

}
