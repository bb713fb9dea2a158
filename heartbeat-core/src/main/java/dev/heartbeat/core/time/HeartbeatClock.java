package dev.heartbeat.core.time;

import java.time.Instant;

/**
 * The source of time for every piece of heartbeat logic: wall time for what is sent and
 * compared across machines, monotonic time for measuring intervals on this machine.
 * <p>
 * Logic never calls {@code System.currentTimeMillis()} or {@code System.nanoTime()} itself;
 * it takes a clock, so tests can use a {@link ManualClock} and advance time by hand.
 */
public interface HeartbeatClock {

	/**
	 * The system clock.
	 */
	HeartbeatClock SYSTEM = new HeartbeatClock() {

		@Override
		public long wallTime() {
			return System.currentTimeMillis();
		}

		@Override
		public long monotonicTime() {
			return System.nanoTime();
		}

		@Override
		public String toString() {
			return "HeartbeatClock.SYSTEM";
		}

	};

	/**
	 * Current wall time.
	 * @return milliseconds since the epoch
	 */
	long wallTime();

	/**
	 * Current monotonic time, only meaningful as a difference between two readings.
	 * @return nanoseconds from an arbitrary origin
	 */
	long monotonicTime();

	/**
	 * Current wall time as an instant.
	 * @return the wall time
	 */
	default Instant instant() {
		return Instant.ofEpochMilli(wallTime());
	}

}
