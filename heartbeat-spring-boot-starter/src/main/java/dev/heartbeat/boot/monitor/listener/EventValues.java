package dev.heartbeat.boot.monitor.listener;

import java.util.stream.Collectors;

import dev.heartbeat.boot.monitor.listener.EventTemplate.Placeholder;
import dev.heartbeat.core.beat.BeatCodec;
import dev.heartbeat.core.monitor.AppStateChange;
import dev.heartbeat.core.monitor.LastBeatInfo;
import dev.heartbeat.core.monitor.MonitorEvent;
import dev.heartbeat.core.monitor.SightChange;
import dev.heartbeat.core.monitor.StateChange;

/**
 * The texts that template placeholders stand for, taken from one event: a process's change fills
 * in the process and its last beat, an app's change its instance counts; what an event does not
 * have is empty.
 *
 * @param process the process id
 * @param app the application name
 * @param state the new state
 * @param previous the previous state
 * @param at when the change happened, ISO-8601
 * @param lastBeatAt the record time of the last beat, ISO-8601
 * @param period the period of the last beat in seconds
 * @param instance the instance of the last beat
 * @param event the event name
 * @param live for an app: how many of its instances are alive
 * @param instances for an app: how many instances it has
 * @param minInstances for an app: how many must be alive
 * @param partitions for monitor events: the partitions, e.g. {@code 0,3}
 * @param since for monitor events: until when the partitions were seen, ISO-8601
 * @param held for monitor events: how many processes had verdicts held
 */
public record EventValues(String process, String app, String state, String previous, String at, String lastBeatAt,
		String period, String instance, String event, String live, String instances, String minInstances,
		String partitions, String since, String held) {

	/**
	 * The values of an event.
	 * @param event a {@link StateChange}, an {@link AppStateChange} or a {@link SightChange}
	 * @return the values
	 */
	public static EventValues of(MonitorEvent event) {
		if (event instanceof AppStateChange change) {
			return new EventValues("", change.app(), change.to().name(), change.from().name(), change.at().toString(),
					"", "", "", change.eventName(), Integer.toString(change.live()),
					Integer.toString(change.instances()), Integer.toString(change.minInstances()), "", "", "");
		}
		if (event instanceof SightChange change) {
			return of(change);
		}
		StateChange change = (StateChange) event;
		LastBeatInfo lastBeat = change.lastBeat();
		String lastBeatAt = "";
		String period = "";
		String instance = "";
		if (lastBeat != null) {
			lastBeatAt = (lastBeat.recordTime() != null) ? lastBeat.recordTime().toString() : "";
			period = (lastBeat.duration() != null) ? BeatCodec.formatSeconds(lastBeat.duration()) : "";
			instance = (lastBeat.instance() != null) ? lastBeat.instance() : "";
		}
		return new EventValues(change.process(), (change.app() != null) ? change.app() : "", change.to().name(),
				change.from().name(), change.at().toString(), lastBeatAt, period, instance, change.eventName(), "", "",
				"", "", "", "");
	}

	/**
	 * The values of a change of the monitor's sight: {@code state} is {@code BLIND} or
	 * {@code SIGHTED}, {@code previous} the other one, the process's values are empty.
	 * @param change the change
	 * @return the values
	 */
	public static EventValues of(SightChange change) {
		String state = change.blind() ? "BLIND" : "SIGHTED";
		String previous = change.blind() ? "SIGHTED" : "BLIND";
		String partitions = change.partitions().stream().map(String::valueOf).collect(Collectors.joining(","));
		return new EventValues("", "", state, previous, change.at().toString(), "", "", "", change.eventName(), "", "",
				"", partitions, change.since().toString(), Long.toString(change.heldVerdicts()));
	}

	/**
	 * The value of a placeholder.
	 * @param placeholder the placeholder
	 * @return its text, never {@code null}
	 */
	public String get(Placeholder placeholder) {
		return switch (placeholder) {
			case PROCESS -> this.process;
			case APP -> this.app;
			case STATE -> this.state;
			case PREVIOUS -> this.previous;
			case AT -> this.at;
			case LAST_BEAT_AT -> this.lastBeatAt;
			case PERIOD -> this.period;
			case INSTANCE -> this.instance;
			case EVENT -> this.event;
			case LIVE -> this.live;
			case INSTANCES -> this.instances;
			case MIN_INSTANCES -> this.minInstances;
			case PARTITIONS -> this.partitions;
			case SINCE -> this.since;
			case HELD -> this.held;
		};
	}

}
