package dev.heartbeat.boot.monitor.kafka;

import java.util.ArrayDeque;

import dev.heartbeat.core.monitor.LogSilence;
import dev.heartbeat.core.monitor.Sighting;

import static dev.heartbeat.boot.monitor.kafka.SightProbe.SILENCE_MILLIS;
import static dev.heartbeat.boot.monitor.kafka.SightProbe.TRANSIT_MILLIS;

/**
 * The sight of one owned partition, for {@link SightProbe}: up to when it is seen, the reads of
 * its end offset not reached yet, and the longest time nobody wrote to it since sight was lost.
 * Used on the consumer's thread only.
 */
final class PartitionTrack {

	// reads of the end offsets not reached yet
	private static final int MAX_TARGETS = 64;

	// reads of the end offset not reached yet: {asOf, end}, oldest first
	private final ArrayDeque<long[]> targets = new ArrayDeque<>();

	// false while rebuilding
	boolean live;

	// seen up to this time: every record below windowStart was read by then
	long seenUpTo;

	long windowStart;

	// the end offset last read
	long lastEnd;

	// when the last checkpoint was noted
	long checkpointed;

	// the latest record time read so far, Long.MIN_VALUE if none
	private long latest = Long.MIN_VALUE;

	// when sight was lost (a read failed, or the last owner's checkpoint), Long.MAX_VALUE if not
	private long interruptedAt = Long.MAX_VALUE;

	// the first read that succeeded after sight was lost, Long.MAX_VALUE if none yet
	private long backAt = Long.MAX_VALUE;

	// whether a read of the end offsets failed since sight was lost: this monitor could not
	// reach the broker, so a log silent up to now may be the broker's outage too
	private boolean failed;

	// how long after interruptedAt sight may really have been lost: a silence begins no later
	private long uncertainty;

	// the longest step in the latest record time at or after windowStart that ended after
	// interruptedAt: from, until; empty when until == from
	private long silentFrom;

	private long silentUntil;

	PartitionTrack(long seenUpTo, long windowStart) {
		this.seenUpTo = seenUpTo;
		this.windowStart = windowStart;
		this.lastEnd = windowStart;
		this.checkpointed = seenUpTo;
	}

	void interrupted(long at, boolean failure, long uncertainty) {
		if (at < this.interruptedAt) {
			this.interruptedAt = at;
			this.uncertainty = uncertainty;
		}
		this.failed |= failure;
	}

	boolean failedSince() {
		return this.failed;
	}

	void note(long offset, long timestamp) {
		if (offset >= this.windowStart && this.interruptedAt != Long.MAX_VALUE && timestamp > this.interruptedAt) {
			step(timestamp);
		}
		this.latest = Math.max(this.latest, timestamp);
	}

	// the history of a rebuild is read: live from here, with the silence since the last checkpoint
	LogSilence rebuilt(long asOf, long endOffset) {
		LogSilence silence = null;
		if (this.interruptedAt != Long.MAX_VALUE) {
			this.backAt = Math.min(this.backAt, asOf);
			silence = silence(asOf);
		}
		this.live = true;
		this.seenUpTo = asOf;
		this.checkpointed = asOf;
		this.windowStart = endOffset;
		this.lastEnd = endOffset;
		return silence;
	}

	void target(long asOf, long end) {
		if (this.targets.size() == MAX_TARGETS) {
			// the newest reads matter: an older one is reached no later than a newer one
			this.targets.pollFirst();
		}
		this.targets.addLast(new long[] { asOf, end });
		this.lastEnd = end;
		if (this.interruptedAt != Long.MAX_VALUE && asOf > this.interruptedAt) {
			this.backAt = Math.min(this.backAt, asOf);
		}
	}

	// the sighting once the position reached reads of the end offset, or null
	Sighting reached(int partition, long position) {
		long[] reached = null;
		while (!this.targets.isEmpty() && this.targets.peekFirst()[1] <= position) {
			reached = this.targets.pollFirst();
		}
		if (reached == null || reached[0] <= this.seenUpTo) {
			return null;
		}
		long upTo = reached[0];
		if (upTo > this.interruptedAt && upTo - TRANSIT_MILLIS < this.backAt) {
			// settling: what producers held while the broker was away is on its way
			return null;
		}
		LogSilence silence = (upTo > this.interruptedAt) ? silence(upTo) : null;
		this.seenUpTo = upTo;
		this.windowStart = reached[1];
		return new Sighting(partition, upTo, silence);
	}

	// a step of the latest record time: a silence if long enough and begun by the time sight
	// was lost, as a broker gone for everyone makes it
	private void step(long timestamp) {
		long from = (this.latest != Long.MIN_VALUE) ? this.latest : this.seenUpTo;
		if (isSilence(from, timestamp) && timestamp - from > this.silentUntil - this.silentFrom) {
			this.silentFrom = from;
			this.silentUntil = timestamp;
		}
	}

	private boolean isSilence(long from, long until) {
		return until - from > SILENCE_MILLIS && from <= this.interruptedAt + this.uncertainty;
	}

	// the longest silence since sight was lost, up to a time seen up to; null if the log went on
	private LogSilence silence(long upTo) {
		long from = (this.latest != Long.MIN_VALUE) ? this.latest : this.seenUpTo;
		LogSilence silence = null;
		// silent up to now: after a read failed (the broker was away for this monitor too) a
		// silence; otherwise (a restart, a takeover) as likely its processes died, judged by the log
		if (this.failed && isSilence(from, upTo) && upTo - from > this.silentUntil - this.silentFrom) {
			silence = new LogSilence(from - TRANSIT_MILLIS, Long.MAX_VALUE);
		}
		else if (this.silentUntil > this.silentFrom) {
			silence = new LogSilence(this.silentFrom - TRANSIT_MILLIS, this.silentUntil);
		}
		this.interruptedAt = Long.MAX_VALUE;
		this.backAt = Long.MAX_VALUE;
		this.failed = false;
		this.silentFrom = 0;
		this.silentUntil = 0;
		return silence;
	}

}
