package dev.heartbeat.boot.monitor.listener;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.heartbeat.boot.monitor.listener.EventTemplate.Escaping;
import dev.heartbeat.core.monitor.AppStateChange;
import dev.heartbeat.core.monitor.MonitorEvent;

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

	private static final Logger logger = LoggerFactory.getLogger(LogEventSink.class);

	private final EventTemplate message;

	private final EventTemplate appMessage;

	/**
	 * A log sink with one message for every event.
	 * @param message the message template
	 */
	public LogEventSink(EventTemplate message) {
		this(message, message);
	}

	/**
	 * A log sink.
	 * @param message the message template of process events
	 * @param appMessage the message template of app events
	 */
	public LogEventSink(EventTemplate message, EventTemplate appMessage) {
		this.message = message;
		this.appMessage = appMessage;
	}

	@Override
	public void send(MonitorEvent event, EventValues values, Duration timeout) {
		EventTemplate template = (event instanceof AppStateChange) ? this.appMessage : this.message;
		logger.info("{}", template.render(values, Escaping.NONE));
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
			text.append("\n  ").append(this.message.render(entry.values(), Escaping.NONE));
		}
		logger.info("{}", text);
	}

	@Override
	public String toString() {
		return "log";
	}

}
