package dev.heartbeat.boot.monitor.kafka;

import java.time.Duration;
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

	private final DeadlineEngine engine;

	private final HeartbeatClock clock;

	private final SightCheckpoints checkpoints;

	private final Map<TopicPartition, PartitionTrack> tracks = new HashMap<>();

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
		PartitionTrack track = (last != null) ? new PartitionTrack(last.seenUpTo(), last.endOffset())
				: new PartitionTrack(asOf, endOffset);
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
		PartitionTrack track = this.tracks.get(partition);
		LogSilence silence = (track != null) ? track.rebuilt(asOf, endOffset) : null;
		if (track == null) {
			this.tracks.put(partition, new PartitionTrack(asOf, endOffset));
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
			PartitionTrack track = this.tracks.get(partition);
			if (track != null && track.live) {
				this.checkpoints.seen(partition, track.seenUpTo, track.windowStart);
			}
		}
	}

	@Override
	public void gone(Collection<TopicPartition> partitions) {
		Map<TopicPartition, Long> remaining = new HashMap<>(this.lags);
		for (TopicPartition partition : partitions) {
			PartitionTrack track = this.tracks.remove(partition);
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
		PartitionTrack track = this.tracks.get(partition);
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
		for (Map.Entry<TopicPartition, PartitionTrack> entry : this.tracks.entrySet()) {
			PartitionTrack track = entry.getValue();
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
			PartitionTrack track = this.tracks.get(end.getKey());
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

}
