package dev.heartbeat.core.publish;

import java.time.Instant;
import java.util.Objects;

import dev.heartbeat.core.status.RunStatus;

/**
 * What travels with every beat.
 *
 * @param app the application name (e.g. {@code spring.application.name})
 * @param instance the id of this running instance, unique per start
 * @param seq a sequence number per instance that only grows
 * @param status the run status of the process when the beat was sent
 * @param health the health status code that decided the beat, e.g. {@code UP}
 * @param sentAt when the beat was sent (wall time)
 */
public record BeatMetadata(String app, String instance, long seq, RunStatus status, String health, Instant sentAt) {

	/**
	 * Validating constructor.
	 * @param app the application name
	 * @param instance the instance id
	 * @param seq the sequence number
	 * @param status the run status
	 * @param health the health status code
	 * @param sentAt when the beat was sent
	 */
	public BeatMetadata {
		Objects.requireNonNull(app, "app");
		Objects.requireNonNull(instance, "instance");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(health, "health");
		Objects.requireNonNull(sentAt, "sentAt");
	}

}
