package dev.heartbeat.core.publish;

import java.util.concurrent.CompletionStage;

/**
 * A publisher that starts sending a beat and returns at once; the returned stage completes when
 * the beat was delivered, or exceptionally when it was not.
 */
@FunctionalInterface
public non-sealed interface AsyncBeatPublisher extends BeatPublisher {

	/**
	 * Start sending one beat.
	 * @param subject {@code heartbeat.<process>}
	 * @param process the process id
	 * @param payload the payload, e.g. {@code beat/5}
	 * @param metadata what travels with the beat
	 * @return a stage that completes when the beat was delivered
	 */
	CompletionStage<?> publishAsync(String subject, String process, String payload, BeatMetadata metadata);

}
