package dev.heartbeat.bench.peers;

import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;

import dev.heartbeat.core.time.HeartbeatClock;

/**
 * Caffeine as a deadline tracker: a cache whose variable expiry ({@link Caffeine#expireAfter})
 * makes every entry expire at its own deadline, the last beat's record time plus its period times
 * {@value #DEAD_AFTER_PERIODS} (the engine's dead deadline), with {@link Scheduler#systemScheduler()}
 * so that expired entries are removed when they are due rather than on the next access. A beat is
 * a {@code put} (a batch, {@code putAll}); a death is an eviction with
 * {@link RemovalCause#EXPIRED}, reported by the eviction listener, which Caffeine calls
 * synchronously as it evicts and, unlike a removal listener, not for every replaced value (that is,
 * every beat).
 * <p>
 * What it gives up against the engine: the entry is removed on expiry (a dead process is no longer
 * tracked), there are no LATE or DEGRADED states and no admission rule, and its timer wheel is
 * coarse: expiry is scheduled with a tolerance of about a second (2<sup>30</sup> ns buckets).
 * <p>
 * The cache's ticker reads the benchmark's clock (wall time, in nanoseconds), so that an entry's
 * expiry is exactly its deadline both on the system clock and on a benchmark's manual clock.
 */
public final class CaffeinePeer {

	/**
	 * The engine's default dead deadline, in periods after the last beat.
	 */
	public static final int DEAD_AFTER_PERIODS = 3;

	private final Cache<String, Deadline> cache;

	/**
	 * A peer.
	 * @param clock the clock deadlines are checked against
	 * @param deaths told of every expired process
	 */
	public CaffeinePeer(HeartbeatClock clock, Deaths deaths) {
		this.cache = Caffeine.newBuilder()
			.ticker(() -> clock.wallTime() * 1_000_000L)
			.expireAfter(new UntilDeadline())
			.scheduler(Scheduler.systemScheduler())
			.evictionListener((String process, Deadline deadline, RemovalCause cause) -> {
				if (cause == RemovalCause.EXPIRED && process != null) {
					deaths.dead(process);
				}
			})
			.build();
	}

	/**
	 * The value of a beat.
	 * @param recordTime the beat's record time, epoch milliseconds
	 * @param periodMillis its period
	 * @return the value carrying its dead deadline
	 */
	public static Deadline deadline(long recordTime, long periodMillis) {
		return new Deadline(recordTime + periodMillis * DEAD_AFTER_PERIODS);
	}

	/**
	 * Apply a beat.
	 * @param process the process id
	 * @param deadline its new deadline
	 */
	public void beat(String process, Deadline deadline) {
		this.cache.put(process, deadline);
	}

	/**
	 * Apply a batch of beats.
	 * @param beats process ids and their new deadlines
	 */
	public void beats(Map<String, Deadline> beats) {
		this.cache.putAll(beats);
	}

	/**
	 * Run the cache's pending maintenance now (expiry included) instead of waiting for the
	 * scheduler.
	 */
	public void cleanUp() {
		this.cache.cleanUp();
	}

	/**
	 * The number of entries.
	 * @return Caffeine's estimate
	 */
	public long size() {
		return this.cache.estimatedSize();
	}

	/**
	 * A process's dead deadline, the value of its entry.
	 * @param deadAt epoch milliseconds
	 */
	public record Deadline(long deadAt) {
	}

	private static final class UntilDeadline implements Expiry<String, Deadline> {

		@Override
		public long expireAfterCreate(String key, Deadline value, long currentTime) {
			return Math.max(0, value.deadAt() * 1_000_000L - currentTime);
		}

		@Override
		public long expireAfterUpdate(String key, Deadline value, long currentTime, long currentDuration) {
			return Math.max(0, value.deadAt() * 1_000_000L - currentTime);
		}

		@Override
		public long expireAfterRead(String key, Deadline value, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

}
