package dev.heartbeat.boot.monitor.kafka;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.heartbeat.core.time.HeartbeatClock;

/**
 * Logs invalid records at most once per interval (a minute by default) per reason, with how many
 * more of that reason were seen since, so that a flood of garbage cannot flood the log.
 */
public final class InvalidRecordLog {

	/**
	 * The default interval between two reports of one reason.
	 */
	public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

	private static final Logger logger = LoggerFactory.getLogger(InvalidRecordLog.class);

	private static final long NEVER = Long.MIN_VALUE;

	private final HeartbeatClock clock;

	private final Duration interval;

	private final long intervalNanos;

	// guarded by this; monotonic time of the last report per reason
	private final long[] lastLogged = new long[InvalidReason.values().length];

	// guarded by this; records not reported per reason since the last report
	private final long[] suppressed = new long[InvalidReason.values().length];

	/**
	 * A log.
	 * @param clock the clock that decides when a reason may be reported again
	 * @param interval the least time between two reports of one reason
	 */
	public InvalidRecordLog(HeartbeatClock clock, Duration interval) {
		this.clock = clock;
		this.interval = interval;
		this.intervalNanos = interval.toNanos();
		java.util.Arrays.fill(this.lastLogged, NEVER);
	}

	/**
	 * Report an invalid record, unless its reason was reported within the interval.
	 * @param reason the reason
	 * @param topic the record's topic
	 * @param partition the record's partition
	 * @param offset the record's offset
	 * @param detail what is wrong
	 * @return whether it was logged
	 */
	public boolean report(InvalidReason reason, String topic, int partition, long offset, String detail) {
		long more;
		synchronized (this) {
			int index = reason.ordinal();
			long now = this.clock.monotonicTime();
			long last = this.lastLogged[index];
			if (last != NEVER && now - last < this.intervalNanos) {
				this.suppressed[index]++;
				return false;
			}
			this.lastLogged[index] = now;
			more = this.suppressed[index];
			this.suppressed[index] = 0;
		}
		if (more > 0) {
			logger.warn("Ignored an invalid heartbeat record ({}) at {}-{}@{}: {} ({} more with this reason since the last report)",
					reason.tag(), topic, partition, offset, detail, more);
		}
		else {
			logger.warn("Ignored an invalid heartbeat record ({}) at {}-{}@{}: {} (reported at most once per {} per reason)",
					reason.tag(), topic, partition, offset, detail, this.interval);
		}
		return true;
	}

}
