package dev.heartbeat.boot.monitor.listener;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.heartbeat.boot.monitor.listener.EventTemplate.Escaping;
import dev.heartbeat.core.monitor.AppStateChange;
import dev.heartbeat.core.monitor.MonitorEvent;
import dev.heartbeat.core.monitor.SightChange;

/**
 * Logs every event at INFO through SLF4J.
 */
public final class LogEventSink implements EventSink {

	/**
	 * The message when the listener sets no body.
	 */
	public static final String DEFAULT_MESSAGE = "{event}: {process} went from {previous} to {state} at {at} "
			+ "(app '{app}', instance '{instance}', last beat at {lastBeatAt}, period {period}s)";

	/**
	 * The message of an app event when the listener sets no body.
	 */
	public static final String DEFAULT_APP_MESSAGE = "{event}: app {app} went from {previous} to {state} at {at} "
			+ "({live} of {instances} instances alive, {minInstances} needed)";

	/**
	 * The message of a change of the monitor's sight when the listener sets no body.
	 */
	public static final String DEFAULT_SIGHT_MESSAGE = "{event}: partitions {partitions} seen up to {since}, "
			+ "{state} at {at}; {held} process(es) with verdicts held";

	private static final Logger logger = LoggerFactory.getLogger(LogEventSink.class);

	private final EventTemplate message;

	private final EventTemplate appMessage;

	private final EventTemplate sightMessage;

	/**
	 * A log sink with one message for every event.
	 * @param message the message template
	 */
	public LogEventSink(EventTemplate message) {
		this(message, message, message);
	}

	/**
	 * A log sink.
	 * @param message the message template of process events
	 * @param appMessage the message template of app events
	 * @param sightMessage the message template of the monitor's {@code monitor.blind} and
	 * {@code monitor.sighted}
	 */
	public LogEventSink(EventTemplate message, EventTemplate appMessage, EventTemplate sightMessage) {
		this.message = message;
		this.appMessage = appMessage;
		this.sightMessage = sightMessage;
	}

	@Override
	public void send(MonitorEvent event, EventValues values, Duration timeout) {
		logger.info("{}", template(event).render(values, Escaping.NONE));
	}

	private EventTemplate template(MonitorEvent event) {
		if (event instanceof AppStateChange) {
			return this.appMessage;
		}
		return (event instanceof SightChange) ? this.sightMessage : this.message;
	}

	/**
	 * Log the events of a digest as one message, an event a line.
	 */
	@Override
	public void send(Digest digest, Duration timeout) {
		StringBuilder text = new StringBuilder(128 * digest.size()).append("Digest of ")
			.append(digest.size())
			.append(" events:");
		for (Digest.Entry entry : digest.entries()) {
			text.append("\n  ").append(template(entry.event()).render(entry.values(), Escaping.NONE));
		}
		logger.info("{}", text);
	}

	@Override
	public String toString() {
		return "log";
	}

}
