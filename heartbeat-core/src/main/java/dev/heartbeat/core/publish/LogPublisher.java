package dev.heartbeat.core.publish;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each beat to the log (logger {@code dev.heartbeat.beats}, level INFO). The default
 * publisher when nothing else is configured, so a new user sees beats at once.
 */
public final class LogPublisher implements SyncBeatPublisher {

	private static final Logger logger = LoggerFactory.getLogger("dev.heartbeat.beats");

	@Override
	public void publish(String subject, String process, String payload, BeatMetadata metadata) {
		logger.info("{} {} (app={}, instance={}, seq={}, status={}, health={})", subject, payload, metadata.app(),
				metadata.instance(), metadata.seq(), metadata.status(), metadata.health());
	}

	@Override
	public String name() {
		return "log";
	}

}
