package dev.heartbeat.core.publish;

/**
 * A publisher that sends a beat before it returns. It may block; the scheduler calls it on a
 * thread of its own and times it out.
 */
@FunctionalInterface
public non-sealed interface SyncBeatPublisher extends BeatPublisher {

	/**
	 * Send one beat.
	 * @param subject {@code heartbeat.<process>}
	 * @param process the process id
	 * @param payload the payload, e.g. {@code beat/5}
	 * @param metadata what travels with the beat
	 * @throws Exception if the beat could not be sent
	 */
	void publish(String subject, String process, String payload, BeatMetadata metadata) throws Exception;

}
