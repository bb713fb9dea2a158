package dev.heartbeat.core.monitor;

import java.time.Duration;
import java.time.Instant;

/**
 * What the deadline engine knows about its sight of one watched partition.
 *
 * @param partition the partition
 * @param seenUpTo up to when every record of the partition was read
 * @param blind whether it is blind now (unseen for longer than
 * {@link DeadlineEngineConfig#blindAfter()})
 * @param heldVerdicts processes of the partition whose verdicts wait for sight now
 * @param blindTime how long it was blind in all, the current spell included
 */
public record PartitionSight(int partition, Instant seenUpTo, boolean blind, long heldVerdicts,
		Duration blindTime) {

	/**
	 * How far sight is behind a time.
	 * @param now the time
	 * @return {@code now - seenUpTo}, zero if sight is not behind
	 */
	public Duration age(Instant now) {
		return now.isAfter(this.seenUpTo) ? Duration.between(this.seenUpTo, now) : Duration.ZERO;
	}

}
