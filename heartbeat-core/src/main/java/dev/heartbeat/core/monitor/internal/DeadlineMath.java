package dev.heartbeat.core.monitor.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Exact deadline offsets: {@code ceil(duration × factor)} in milliseconds, with the factor taken
 * as the decimal it is written as ({@code 1.1} is eleven tenths, so a 1 s period is late after
 * 1100 ms, not 1101 ms as double arithmetic would give).
 * <p>
 * The few distinct periods of a fleet are remembered in a small direct-mapped cache, so a beat
 * costs two array reads and allocates nothing; a miss computes in {@link BigDecimal}.
 * <p>
 * Not thread-safe: the owner guards it with its own lock.
 */
public final class DeadlineMath {

	private static final int CACHE_SIZE = 256;

	private static final BigDecimal NANOS_PER_MILLI = BigDecimal.valueOf(1_000_000);

	private final BigDecimal lateFactor;

	private final BigDecimal deadFactor;

	// durations in nanoseconds, 0 for an empty slot (durations are positive)
	private final long[] durations = new long[CACHE_SIZE];

	private final long[] lateOffsets = new long[CACHE_SIZE];

	private final long[] deadOffsets = new long[CACHE_SIZE];

	private int cursor;

	/**
	 * Offsets for the given factors.
	 * @param lateFactor the late factor
	 * @param deadFactor the report-by buffer
	 */
	public DeadlineMath(double lateFactor, double deadFactor) {
		this.lateFactor = BigDecimal.valueOf(lateFactor);
		this.deadFactor = BigDecimal.valueOf(deadFactor);
	}

	/**
	 * Look up a duration; then read {@link #lateOffset()} and {@link #deadOffset()}.
	 * @param durationNanos a positive duration in nanoseconds
	 * @return this
	 */
	public DeadlineMath of(long durationNanos) {
		int index = index(durationNanos);
		if (this.durations[index] != durationNanos) {
			this.durations[index] = durationNanos;
			this.lateOffsets[index] = offset(durationNanos, this.lateFactor);
			this.deadOffsets[index] = offset(durationNanos, this.deadFactor);
		}
		this.cursor = index;
		return this;
	}

	/**
	 * The late offset of the duration last looked up.
	 * @return {@code ceil(duration × lateFactor)} in milliseconds
	 */
	public long lateOffset() {
		return this.lateOffsets[this.cursor];
	}

	/**
	 * The dead offset of the duration last looked up.
	 * @return {@code ceil(duration × reportByBuffer)} in milliseconds
	 */
	public long deadOffset() {
		return this.deadOffsets[this.cursor];
	}

	/**
	 * {@code ceil(duration × factor)} in milliseconds, exactly.
	 * @param durationNanos the duration in nanoseconds
	 * @param factor the factor
	 * @return the offset in milliseconds
	 */
	public static long offset(long durationNanos, BigDecimal factor) {
		return BigDecimal.valueOf(durationNanos)
			.multiply(factor)
			.divide(NANOS_PER_MILLI, 0, RoundingMode.CEILING)
			.longValueExact();
	}

	private static int index(long durationNanos) {
		long mixed = durationNanos * 0x9E3779B97F4A7C15L;
		return (int) (mixed >>> 56);
	}

}
