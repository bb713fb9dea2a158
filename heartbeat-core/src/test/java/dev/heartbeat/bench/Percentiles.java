package dev.heartbeat.bench;

import java.util.Arrays;

/**
 * Nearest-rank percentiles of a set of samples.
 */
public final class Percentiles {

	private final long[] sorted;

	/**
	 * Percentiles of the first {@code count} samples.
	 * @param samples the samples
	 * @param count how many are filled
	 */
	public Percentiles(long[] samples, int count) {
		this.sorted = Arrays.copyOf(samples, count);
		Arrays.sort(this.sorted);
	}

	/**
	 * The number of samples.
	 * @return the count
	 */
	public int count() {
		return this.sorted.length;
	}

	/**
	 * A percentile: the smallest sample with at least {@code p} % of the samples at or below it.
	 * @param p in {@code (0, 100]}
	 * @return the sample, 0 if there are none
	 */
	public long at(double p) {
		if (this.sorted.length == 0) {
			return 0;
		}
		int rank = (int) Math.ceil(p / 100.0 * this.sorted.length);
		return this.sorted[Math.max(0, Math.min(this.sorted.length - 1, rank - 1))];
	}

	/**
	 * The largest sample.
	 * @return the maximum, 0 if there are none
	 */
	public long max() {
		return (this.sorted.length == 0) ? 0 : this.sorted[this.sorted.length - 1];
	}

	/**
	 * The smallest sample.
	 * @return the minimum, 0 if there are none
	 */
	public long min() {
		return (this.sorted.length == 0) ? 0 : this.sorted[0];
	}

}
