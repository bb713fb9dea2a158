package dev.heartbeat.boot.monitor.notify;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.heartbeat.boot.monitor.listener.EventSink;
import dev.heartbeat.boot.monitor.listener.EventValues;
import dev.heartbeat.core.monitor.MonitorEvent;

/**
 * An incident service that keeps one incident per process or app, keyed by
 * {@link Notice#key()}: a state with a level opens it (or updates the open one), UP and STOPPED
 * close it, other states change nothing.
 */
public abstract class IncidentEventSink implements EventSink {

	/**
	 * The states that close an incident.
	 */
	public static final Set<String> RESOLVING = Set.of("UP", "STOPPED");

	private final Map<String, String> levels;

	IncidentEventSink(Map<String, String> levels) {
		this.levels = Map.copyOf(levels);
	}

	@Override
	public final void send(MonitorEvent event, EventValues values, Duration timeout) throws Exception {
		Notice notice = Notice.of(event);
		if (RESOLVING.contains(notice.state())) {
			resolve(notice, timeout);
			return;
		}
		String level = this.levels.get(notice.state().toLowerCase(Locale.ROOT));
		if (level != null) {
			trigger(notice, level, timeout);
		}
	}

	/**
	 * Open the incident, or update the open one.
	 * @param notice the event
	 * @param level the severity or priority of its state
	 * @param timeout how long it may take
	 * @throws Exception if it failed
	 */
	abstract void trigger(Notice notice, String level, Duration timeout) throws Exception;

	/**
	 * Close the incident, if one is open.
	 * @param notice the event
	 * @param timeout how long it may take
	 * @throws Exception if it failed
	 */
	abstract void resolve(Notice notice, Duration timeout) throws Exception;

	static String cut(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max - 1) + "…";
	}

}
