package dev.heartbeat.core.monitor;

import java.time.Duration;
import java.time.Instant;

import dev.heartbeat.core.beat.ProcessIds;

/**
 * A change of state of one process, as delivered to {@link MonitorListener}s.
 * <p>
 * The events of one process form a chain: the {@code from} of each is the {@code to} of the one
 * before ({@link ProcessState#UNKNOWN} for the first). A reminder repeats {@code DEAD → DEAD}.
 *
 * @param process the process id
 * @param app the application name, {@code ""} if unknown
 * @param from the state last reported for the process
 * @param to the new state
 * @param at when the change happened: the record time of the beat that caused it, or the
 * deadline itself for {@code LATE} and {@code DEAD}, or the reminder's due time
 * @param detectedAt the engine's wall time when it noticed the change
 * @param lastBeat the last accepted beat of the process
 * @param reminder whether this is a reminder that the process is still dead
 */
public record StateChange(String process, String app, ProcessState from, ProcessState to, Instant at,
		Instant detectedAt, LastBeatInfo lastBeat, boolean reminder) implements MonitorEvent {

	/**
	 * The event name, {@code heartbeat.<process>.<to in lower case>}, e.g.
	 * {@code heartbeat.billing.dead}.
	 * @return the event name
	 */
	@Override
	public String eventName() {
		return ProcessIds.subject(this.process) + '.' + this.to.eventName();
	}

	/**
	 * How long after the change the engine noticed it.
	 * @return {@code detectedAt - at}
	 */
	public Duration detectionLag() {
		return Duration.between(this.at, this.detectedAt);
	}

}
