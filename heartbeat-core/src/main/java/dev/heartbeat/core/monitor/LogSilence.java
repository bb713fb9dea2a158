package dev.heartbeat.core.monitor;

/**
 * What a partition's log showed once a monitor that had lost sight of it saw it again: no
 * record of any process of the partition was written between {@code from} and {@code until}
 * (record times, epoch milliseconds). Given to {@link DeadlineEngine#seen(java.util.Collection)}
 * with the sighting, it tells a broker outage for everyone from a monitor cut off alone: a
 * process whose next beat fell due inside the silence could not have written it, so its
 * deadlines are re-armed from the time the partition is seen again, giving it one whole window
 * (period × report-by buffer) from then, as after a {@code start}.
 *
 * @param from the record time of the last record before the silence, less an allowance for
 * beats on their way to the broker when it went away
 * @param until the record time of the first record after it, {@link Long#MAX_VALUE} when no
 * record came since
 */
public record LogSilence(long from, long until) {

	/**
	 * A silence.
	 * @param from where it begins
	 * @param until where it ends, after {@code from}
	 */
	public LogSilence {
		if (until <= from) {
			throw new IllegalArgumentException("until (" + until + ") must be after from (" + from + ")");
		}
	}

	/**
	 * Whether a time falls inside the silence.
	 * @param time epoch milliseconds
	 * @return whether {@code from <= time < until}
	 */
	public boolean contains(long time) {
		return time >= this.from && time < this.until;
	}

}
