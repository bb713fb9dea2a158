package dev.heartbeat.core.monitor;

/**
 * A partition seen to its end: the monitor's consumer had read every record of the partition
 * written up to {@code upTo}, as of a fetch of its end offset at that time.
 *
 * @param partition the partition
 * @param upTo epoch milliseconds
 * @param silence what the log showed after a gap in sight, or {@code null} when sight was not
 * lost or the log went on as usual
 */
public record Sighting(int partition, long upTo, LogSilence silence) {

	/**
	 * A sighting.
	 * @param partition the partition, not negative
	 * @param upTo epoch milliseconds
	 * @param silence the silence, or {@code null}
	 */
	public Sighting {
		if (partition < 0) {
			throw new IllegalArgumentException("partition must not be negative, was " + partition);
		}
	}

	/**
	 * A sighting without a silence.
	 * @param partition the partition
	 * @param upTo epoch milliseconds
	 * @return the sighting
	 */
	public static Sighting of(int partition, long upTo) {
		return new Sighting(partition, upTo, null);
	}

}
