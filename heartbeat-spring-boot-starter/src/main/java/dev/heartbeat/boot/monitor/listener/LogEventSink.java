package dev.heartbeat.boot.monitor.listener;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.heartbeat.boot.monitor.listener.EventTemplate.Escaping;
import dev.heartbeat.core.monitor.SightChange;
import dev.heartbeat.core.monitor.StateChange;

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
	 * The message of a change of the monitor's sight when the listener sets no body.
	 */
	public static final String DEFAULT_SIGHT_MESSAGE = "{event}: partitions {partitions} seen up to {since}, "
			+ "{state} at {at}; {held} process(es) with verdicts held";

	private static final Logger logger = LoggerFactory.getLogger(LogEventSink.class);

	private static final EventTemplate SIGHT_MESSAGE = EventTemplate.parse(DEFAULT_SIGHT_MESSAGE);

	private final EventTemplate message;

	/**
	 * A log sink.
	 * @param message the message template
	 */
	public LogEventSink(EventTemplate message) {
		this.message = message;
	}

	@Override
	public void send(StateChange change, EventValues values, Duration timeout) {
		logger.info("{}", this.message.render(values, Escaping.NONE));
	}

	@Override
	public void send(SightChange change, EventValues values, Duration timeout) {
		// the default message is about a process
		EventTemplate message = DEFAULT_MESSAGE.equals(this.message.toString()) ? SIGHT_MESSAGE : this.message;
		logger.info("{}", message.render(values, Escaping.NONE));
	}

	@Override
	public String toString() {
		return "log";
	}

}
