package dev.heartbeat.boot.monitor.kafka;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.heartbeat.boot.monitor.kafka.SightCheckpoints.Checkpoint;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.monitor.LogSilence;
import dev.heartbeat.core.monitor.Sighting;
import dev.heartbeat.core.time.HeartbeatClock;

/**
 * Measures, per owned partition, up to when the monitor has seen everything, and tells the
 * engine, which holds the verdicts the partition is not seen up to ({@link DeadlineEngine#seen}).
 * <p>
 * <b>Seen up to.</b> Every {@value #INTERVAL_MILLIS} ms the consumer reads the end offsets of
 * its live partitions ({@code Consumer.endOffsets}, one request per leader). A read started at
 * time {@code T} that answered {@code E} means: every record the broker had by {@code T} is below
 * {@code E}. Once the consumer's position reaches {@code E} (the records handed to the engine),
 * the partition is seen up to {@code T}. A read that fails (the broker unreachable, the request
 * timed out) proves nothing, so sight stands still: a broker the monitor cannot reach and a
 * consumer that cannot keep up look the same, and both hold the verdicts. While a partition is
 * rebuilt nothing of it is judged; then it is seen up to the time its end offset was read for
 * the rebuild.
 * <p>
 * <b>Settling.</b> When a read succeeds again after one failed, the partition is told seen only
 * from {@value #TRANSIT_MILLIS} ms later on: the producers that held beats while the broker was
 * away need a moment to reconnect and send them (the starter's own publisher retries at least
 * every quarter period), and a verdict given before they arrive would be false.
 * <p>
 * <b>Silences.</b> Once a partition is seen again after a failed read, or when it is rebuilt
 * after another monitor (or this one, before) last saw it, the records written since tell
 * whether the applications could write meanwhile: the log is read in offset order, and a step of
 * more than {@value #SILENCE_MILLIS} ms in the latest record time so far (or from it to the time
 * seen up to, when nothing came since) that began by the time sight was lost (as when the broker
 * goes away for everyone) and ended after it, is a time nobody wrote. The longest is a
 * {@link LogSilence}, from the record before it (less {@value #TRANSIT_MILLIS} ms for beats on
 * their way when the broker went away) to the record after it. A process whose next beat fell due
 * inside the silence is given a whole window from the return of sight. A beat a producer held
 * while the broker was away carries the time it was made, so the first record after a silence
 * may be older than the broker's return; the beats held after it, and the new ones, follow it
 * within the settling second. When the log went on (only the
 * monitor was cut off) there is no such step, and every process is judged with its true last
 * beat. A log silent from before the gap up to now counts as a silence only when this monitor
 * failed to read the partition's end meanwhile (it could not reach the broker either): after a
 * restart or a takeover it is as likely that the partition's processes died, and they are judged
 * by the log. So a partition whose only process died while only the monitor was cut off is
 * reported one window after sight returns, still with its true last beat.
 * <p>
 * Used on the consumer's thread; {@link #lags()} and {@link #lastFailure()} from any thread.
 */
final class SightProbe implements PartitionListener {

	// logs under the consumer's name, where users look for what it does
	private static final Logger logger = LoggerFactory.getLogger(HeartbeatConsumer.class);

	/**
	 * How often the end offsets are read: sight lags real time by about this.
	 */
	static final long INTERVAL_MILLIS = 100;

	/**
	 * How long a beat may take from its producer to the broker.
	 */
	static final long TRANSIT_MILLIS = 1_000;

	/**
	 * A longer time without any record of the partition, around the time sight was lost, is a
	 * silence.
	 */
	static final long SILENCE_MILLIS = 2_000;

	// a loaded broker may take a while; a read that fails holds the verdicts, so it must not fail for that
	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

	private static final long CHECKPOINT_INTERVAL_MILLIS = 5_000;

	// reads of the end offsets not reached yet, per partition
	private static final int MAX_TARGETS = 64;

	private final DeadlineEngine engine;

	private final HeartbeatClock clock;

	private final SightCheckpoints checkpoints;

	private final Map<TopicPartition, Track> tracks = new HashMap<>();

	// up to when this monitor saw the partitions it no longer owns, and whether it had failed to
	// read their end since
	private final Map<TopicPartition, Lost> lost = new HashMap<>();

	private long lastProbeNanos;

	private volatile Map<TopicPartition, Long> lags = Map.of();

	private volatile String lastFailure;

	// when the read of the end offsets under way began, 0 if none is
	private volatile long probingSince;

	// told the live partitions whenever they change
	private final java.util.function.Consumer<Set<TopicPartition>> liveChanged;

	SightProbe(DeadlineEngine engine, HeartbeatClock clock, SightCheckpoints checkpoints,
			java.util.function.Consumer<Set<TopicPartition>> liveChanged) {
		this.engine = engine;
		this.clock = clock;
		this.checkpoints = checkpoints;
		this.liveChanged = liveChanged;
		this.lastProbeNanos = clock.monotonicTime() - TimeUnit.MILLISECONDS.toNanos(INTERVAL_MILLIS);
	}

	/**
	 * Records behind the end, per live partition, as of the last read of the end offsets; any
	 * thread.
	 * @return the lag of each live partition
	 */
	Map<TopicPartition, Long> lags() {
		return this.lags;
	}

	/**
	 * Why the end offsets cannot be read: the last read failed, or the one under way has waited
	 * for more than a second; any thread.
	 * @return the failure, or {@code null} if reads succeed
	 */
	String lastFailure() {
		String failure = this.lastFailure;
		long since = this.probingSince;
		long waiting = (since != 0) ? this.clock.wallTime() - since : 0;
		if (failure == null && waiting >= TRANSIT_MILLIS) {
			return "no answer for " + waiting + " ms";
		}
		return failure;
	}

	@Override
	public void rebuilding(Map<TopicPartition, Long> ends, long asOf) {
		ends.forEach((partition, endOffset) -> rebuilding(partition, asOf, endOffset));
	}

	private void rebuilding(TopicPartition partition, long asOf, long endOffset) {
		Checkpoint last = this.checkpoints.lastSeen(partition);
		Lost mine = this.lost.remove(partition);
		boolean failed = false;
		if (mine != null && (last == null || mine.seen().seenUpTo() >= last.seenUpTo())) {
			last = mine.seen();
			failed = mine.failed();
		}
		Track track = (last != null) ? new Track(last.seenUpTo(), last.endOffset()) : new Track(asOf, endOffset);
		if (last != null) {
			// a checkpoint is up to CHECKPOINT_INTERVAL_MILLIS older than the loss of sight
			long uncertainty = failed ? TRANSIT_MILLIS : CHECKPOINT_INTERVAL_MILLIS + TRANSIT_MILLIS;
			track.interrupted(last.seenUpTo(), failed, uncertainty);
		}
		this.tracks.put(partition, track);
		// nothing of it is judged while it is rebuilt: its processes come back one by one, with
		// what their listeners were told after them
		this.engine.watch(partition.partition(), Long.MIN_VALUE);
	}

	@Override
	public void rebuilt(TopicPartition partition, long asOf, long endOffset) {
		Track track = this.tracks.get(partition);
		LogSilence silence = (track != null) ? track.rebuilt(asOf, endOffset) : null;
		if (track == null) {
			this.tracks.put(partition, new Track(asOf, endOffset));
		}
		if (silence != null) {
			logger.info("Nobody wrote to {} from {} to {} while no monitor saw it: deadlines of beats due then count "
					+ "from now", partition, java.time.Instant.ofEpochMilli(silence.from()), until(silence));
		}
		this.engine.seen(List.of(new Sighting(partition.partition(), asOf, silence)));
		this.liveChanged.accept(live());
	}

	@Override
	public void revoking(Collection<TopicPartition> partitions) {
		for (TopicPartition partition : partitions) {
			Track track = this.tracks.get(partition);
			if (track != null && track.live) {
				this.checkpoints.seen(partition, track.seenUpTo, track.windowStart);
			}
		}
	}

	@Override
	public void gone(Collection<TopicPartition> partitions) {
		Map<TopicPartition, Long> remaining = new HashMap<>(this.lags);
		for (TopicPartition partition : partitions) {
			Track track = this.tracks.remove(partition);
			if (track != null) {
				if (track.live) {
					this.lost.put(partition,
							new Lost(new Checkpoint(track.seenUpTo, track.windowStart), track.failedSince()));
				}
				this.engine.unwatch(partition.partition());
			}
			remaining.remove(partition);
		}
		this.lags = Map.copyOf(remaining);
		this.liveChanged.accept(live());
	}

	private Set<TopicPartition> live() {
		Set<TopicPartition> live = new HashSet<>();
		this.tracks.forEach((partition, track) -> {
			if (track.live) {
				live.add(partition);
			}
		});
		return Set.copyOf(live);
	}

	/**
	 * Records were read from a partition, history or live: note their record times.
	 * @param partition the partition
	 * @param records the records, in offset order
	 */
	void onRecords(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records) {
		Track track = this.tracks.get(partition);
		if (track != null) {
			for (int i = 0; i < records.size(); i++) {
				ConsumerRecord<byte[], byte[]> record = records.get(i);
				track.note(record.offset(), record.timestamp());
			}
		}
	}

	/**
	 * After a poll: read the end offsets when due, and tell the engine how far each live
	 * partition is seen.
	 * @param consumer the consumer
	 */
	void afterPoll(Consumer<?, ?> consumer) {
		if (this.tracks.isEmpty()) {
			return;
		}
		long nanos = this.clock.monotonicTime();
		if (nanos - this.lastProbeNanos >= TimeUnit.MILLISECONDS.toNanos(INTERVAL_MILLIS)) {
			this.lastProbeNanos = nanos;
			probe(consumer);
		}
		List<Sighting> sightings = null;
		Map<TopicPartition, Long> lagNow = new HashMap<>();
		for (Map.Entry<TopicPartition, Track> entry : this.tracks.entrySet()) {
			Track track = entry.getValue();
			Long position = track.live ? position(consumer, entry.getKey()) : null;
			if (position == null) {
				continue;
			}
			lagNow.put(entry.getKey(), Math.max(0, track.lastEnd - position));
			Sighting sighting = track.reached(entry.getKey().partition(), position);
			if (sighting != null) {
				sightings = (sightings != null) ? sightings : new ArrayList<>();
				sightings.add(sighting);
				if (sighting.upTo() - track.checkpointed >= CHECKPOINT_INTERVAL_MILLIS) {
					track.checkpointed = sighting.upTo();
					this.checkpoints.seen(entry.getKey(), track.seenUpTo, track.windowStart);
				}
			}
		}
		this.lags = Map.copyOf(lagNow);
		if (sightings != null) {
			this.engine.seen(sightings);
		}
	}

	private static Long position(Consumer<?, ?> consumer, TopicPartition partition) {
		try {
			return consumer.position(partition, Duration.ZERO);
		}
		catch (WakeupException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private void probe(Consumer<?, ?> consumer) {
		List<TopicPartition> live = this.tracks.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().live)
			.map(Map.Entry::getKey)
			.toList();
		if (live.isEmpty()) {
			return;
		}
		long asOf = this.clock.wallTime();
		Map<TopicPartition, Long> ends;
		this.probingSince = asOf;
		try {
			ends = consumer.endOffsets(live, PROBE_TIMEOUT);
		}
		catch (WakeupException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			if (this.lastFailure == null) {
				logger.info("Could not read the end offsets of {}: their verdicts wait until it can ({})", live,
						ex.toString());
			}
			this.lastFailure = ex.toString();
			live.forEach((partition) -> this.tracks.get(partition).interrupted(asOf, true, TRANSIT_MILLIS));
			return;
		}
		finally {
			this.probingSince = 0;
		}
		if (this.lastFailure != null) {
			logger.info("Read the end offsets of {} again", live);
		}
		this.lastFailure = null;
		for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
			Track track = this.tracks.get(end.getKey());
			if (track != null && end.getValue() != null) {
				track.target(asOf, end.getValue());
			}
		}
	}

	/**
	 * Up to when this monitor saw a partition it lost, and whether a read of its end had failed.
	 */
	private record Lost(Checkpoint seen, boolean failed) {
	}

	private static Object until(LogSilence silence) {
		return (silence.until() == Long.MAX_VALUE) ? "now" : java.time.Instant.ofEpochMilli(silence.until());
	}

	/**
	 * The sight of one owned partition: up to when it is seen, the reads of its end offset not
	 * reached yet, and the longest time nobody wrote to it since sight was lost.
	 */
	private static final class Track {

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

		Track(long seenUpTo, long windowStart) {
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

}
