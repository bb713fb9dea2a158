package dev.heartbeat.core.monitor.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.heartbeat.core.monitor.LogSilence;
import dev.heartbeat.core.monitor.PartitionSight;
import dev.heartbeat.core.monitor.SightChange;

/**
 * The engine's sight of the partitions it watches: up to when each was seen to its end, the
 * processes whose next look waits for that (their verdicts are held), its blind spells, and the
 * log silences after which deadlines count from the return of sight.
 * <p>
 * A process of an unwatched partition (or of none) is judged at the engine's time, as if
 * everything were seen: nothing here costs it more than one array read. A held process's timer
 * is not in the wheel but in its partition's list, linked through the same fields, so holding
 * allocates nothing.
 * <p>
 * Not thread-safe: the engine guards it with its lock.
 */
final class PartitionSights {

	// the silences remembered per partition; older ones no longer matter to any live process
	private static final int MAX_SILENCES = 8;

	private final long blindAfterMillis;

	// indexed by partition, null where never watched; an unwatched one keeps its blind spell
	private Sight[] sights = new Sight[0];

	// the held nodes of a partition while they are looked at again
	private final TimerWheel.Sentinel scratch = new TimerWheel.Sentinel();

	PartitionSights(Duration blindAfter) {
		this.blindAfterMillis = blindAfter.toMillis();
	}

	/**
	 * The time a process's verdicts may be made at: the engine's time, or earlier if its
	 * partition is watched and not seen that far.
	 * @param partition the process's partition, or a negative number for none
	 * @param now the engine's time
	 * @return the time
	 */
	long judgeTime(int partition, long now) {
		Sight sight = sight(partition);
		return (sight != null) ? Math.min(now, sight.seenUpTo) : now;
	}

	/**
	 * The time a process's deadlines count from: its record time, unless its next beat fell due in
	 * a silence of its partition's log, after which they count from the time sight returned.
	 * @param partition the process's partition
	 * @param recordTime the record time of its last beat
	 * @param periodMillis its period (or warm-up)
	 * @return the anchor
	 */
	long anchor(int partition, long recordTime, long periodMillis) {
		Sight sight = sight(partition);
		if (sight == null || sight.silences == 0) {
			return recordTime;
		}
		long anchor = recordTime;
		for (int i = 0; i < sight.silences; i++) {
			int slot = (sight.firstSilence + i) % MAX_SILENCES;
			long due = anchor + periodMillis;
			if (due >= sight.silentFrom[slot] && due < sight.silentUntil[slot] && anchor < sight.back[slot]) {
				anchor = sight.back[slot];
			}
		}
		return anchor;
	}

	/**
	 * Start judging a partition's processes by sight. Not seen at all yet ({@code Long.MIN_VALUE},
	 * e.g. while it is rebuilt), it does not count as blind until it is first {@link #seen}; a
	 * blind spell it had when it was last watched by this engine goes on until it is seen again.
	 * @param partition the partition
	 * @param seenUpTo up to when it is seen, {@link Long#MIN_VALUE} for not at all yet
	 */
	void watch(int partition, long seenUpTo) {
		if (partition >= this.sights.length) {
			Sight[] grown = new Sight[Math.max(partition + 1, this.sights.length * 2)];
			System.arraycopy(this.sights, 0, grown, 0, this.sights.length);
			this.sights = grown;
		}
		if (this.sights[partition] == null) {
			this.sights[partition] = new Sight(partition);
		}
		Sight sight = this.sights[partition];
		sight.watched = true;
		sight.fresh = seenUpTo == Long.MIN_VALUE;
		sight.noBlindBefore = sight.fresh ? Long.MAX_VALUE : Long.MIN_VALUE;
		sight.seenUpTo = seenUpTo;
	}

	/**
	 * Stop judging a partition's processes by sight; its held processes are handed back. A blind
	 * spell goes on until it is watched again.
	 * @param partition the partition
	 * @param released each held process, to be looked at again
	 */
	void unwatch(int partition, Consumer<ProcessEntry> released) {
		Sight sight = sight(partition);
		if (sight == null) {
			return;
		}
		sight.watched = false;
		release(sight, Long.MAX_VALUE, released);
	}

	// whether a silence re-armed deadlines of a partition in its current blind spell
	boolean rearmed(int partition) {
		Sight sight = sight(partition);
		return sight != null && sight.rearmed;
	}

	// until when a blind partition was seen when it went blind; Long.MAX_VALUE if it is not blind
	long blindSince(int partition) {
		Sight sight = sight(partition);
		return (sight != null && sight.blind) ? sight.blindSince : Long.MAX_VALUE;
	}

	/**
	 * Hold a process's timer until its partition is seen up to a time.
	 * @param entry the process, not scheduled in the wheel
	 * @param due the time
	 */
	void hold(ProcessEntry entry, long due) {
		Sight sight = sight(entry.partition);
		entry.due = due;
		entry.held = true;
		TimerWheel.linkLast(sight.held, entry);
		sight.heldCount++;
		sight.peakHeld = Math.max(sight.peakHeld, sight.heldCount);
	}

	// the partition of a held entry stays watched while it is held (unwatch releases them)
	void unhold(ProcessEntry entry) {
		TimerWheel.unlink(entry);
		entry.held = false;
		sight(entry.partition).heldCount--;
	}

	/**
	 * A partition is seen up to a time: remember it (sight never goes back) and any silence, end a
	 * blind spell that is over, and hand back the held processes due by then.
	 * @param partition the partition
	 * @param upTo up to when it is seen
	 * @param silence what its log showed after a gap, or {@code null}
	 * @param now the engine's time
	 * @param released each held process due by then, to be looked at again
	 * @return the most processes held at once in a blind spell that ended now, or -1 if none ended
	 * (the first sighting after a rebuild ends none: the next does)
	 */
	long seen(int partition, long upTo, LogSilence silence, long now, Consumer<ProcessEntry> released) {
		Sight sight = sight(partition);
		if (sight == null || (upTo <= sight.seenUpTo && !sight.fresh)) {
			return -1;
		}
		boolean rebuilt = sight.fresh;
		if (rebuilt) {
			// however long the rebuild took, the probes get a while to see it further; a blind
			// spell it had ends with the first of them (with the other partitions they see)
			sight.fresh = false;
			sight.noBlindBefore = now + this.blindAfterMillis;
		}
		if (silence != null) {
			sight.addSilence(silence, upTo);
			sight.rearmed = true;
		}
		long blindHeld = -1;
		if (sight.blind && !rebuilt && now - upTo <= this.blindAfterMillis) {
			sight.blind = false;
			sight.blindMillis += upTo - sight.blindSince;
			blindHeld = sight.peakHeld;
		}
		sight.seenUpTo = Math.max(sight.seenUpTo, upTo);
		release(sight, sight.seenUpTo, released);
		return blindHeld;
	}

	/**
	 * Mark the watched partitions unseen for too long as blind.
	 * @param now the engine's time
	 * @return the change, or {@code null} if none went blind
	 */
	SightChange checkBlind(long now) {
		List<Integer> partitions = null;
		long since = Long.MAX_VALUE;
		long held = 0;
		for (Sight sight : this.sights) {
			if (sight != null && sight.watched && !sight.blind && now >= sight.noBlindBefore
					&& now - sight.seenUpTo > this.blindAfterMillis) {
				sight.blind = true;
				sight.blindSince = sight.seenUpTo;
				sight.peakHeld = sight.heldCount;
				sight.rearmed = false;
				if (partitions == null) {
					partitions = new ArrayList<>();
				}
				partitions.add(sight.partition);
				since = Math.min(since, sight.blindSince);
				held += sight.heldCount;
			}
		}
		return (partitions != null) ? new SightChange(true, partitions, Instant.ofEpochMilli(since),
				Instant.ofEpochMilli(now), held, false) : null;
	}

	/**
	 * The earliest time a watched partition that is not blind would become blind, if not seen
	 * further meanwhile.
	 * @return epoch milliseconds, or {@link Long#MAX_VALUE}
	 */
	long nextBlindTime() {
		long next = Long.MAX_VALUE;
		for (Sight sight : this.sights) {
			if (sight != null && sight.watched && !sight.fresh && !sight.blind) {
				next = Math.min(next, Math.max(sight.seenUpTo + this.blindAfterMillis + 1, sight.noBlindBefore));
			}
		}
		return next;
	}

	/**
	 * The sight of every watched partition.
	 * @param now the engine's time, for the blind time of a spell under way
	 * @return one snapshot per watched partition, in partition order
	 */
	List<PartitionSight> snapshot(long now) {
		List<PartitionSight> result = new ArrayList<>();
		for (Sight sight : this.sights) {
			if (sight != null && sight.watched) {
				long blindMillis = sight.blindMillis + (sight.blind ? Math.max(0, now - sight.blindSince) : 0);
				result.add(new PartitionSight(sight.partition, Instant.ofEpochMilli(Math.max(0, sight.seenUpTo)),
						sight.blind, sight.heldCount, Duration.ofMillis(blindMillis)));
			}
		}
		return result;
	}

	// hand back the held processes due by a time; the others stay held
	private void release(Sight sight, long upTo, Consumer<ProcessEntry> released) {
		TimerWheel.Sentinel pending = this.scratch;
		TimerWheel.moveAll(sight.held, pending);
		while (pending.next != pending) {
			ProcessEntry entry = (ProcessEntry) pending.next;
			TimerWheel.unlink(entry);
			if (entry.due <= upTo) {
				entry.held = false;
				sight.heldCount--;
				released.accept(entry);
			}
			else {
				TimerWheel.linkLast(sight.held, entry);
			}
		}
	}

	// the sight of a watched partition, or null
	private Sight sight(int partition) {
		Sight[] all = this.sights;
		Sight sight = (partition >= 0 && partition < all.length) ? all[partition] : null;
		return (sight != null && sight.watched) ? sight : null;
	}

	/**
	 * One watched partition.
	 */
	private static final class Sight {

		final int partition;

		// whether its processes are judged by sight now
		boolean watched;

		// watched without being seen at all yet: not blind
		boolean fresh;

		// the engine's time before which it does not count as blind: a while after a rebuild
		long noBlindBefore = Long.MIN_VALUE;

		// epoch millis up to which every record was read; Long.MIN_VALUE until known
		long seenUpTo = Long.MIN_VALUE;

		boolean blind;

		// the most processes held at once in the current blind spell
		long peakHeld;

		// whether a silence re-armed deadlines in the current blind spell
		boolean rearmed;

		// while blind: until when it was seen when it went blind
		long blindSince;

		// blind time of the spells that ended
		long blindMillis;

		final TimerWheel.Sentinel held = new TimerWheel.Sentinel();

		long heldCount;

		// a ring of the latest silences, oldest first from firstSilence
		final long[] silentFrom = new long[MAX_SILENCES];

		final long[] silentUntil = new long[MAX_SILENCES];

		// when sight returned after each
		final long[] back = new long[MAX_SILENCES];

		int firstSilence;

		int silences;

		Sight(int partition) {
			this.partition = partition;
		}

		void addSilence(LogSilence silence, long upTo) {
			if (this.silences == MAX_SILENCES) {
				this.firstSilence = (this.firstSilence + 1) % MAX_SILENCES;
				this.silences--;
			}
			int slot = (this.firstSilence + this.silences) % MAX_SILENCES;
			this.silentFrom[slot] = silence.from();
			this.silentUntil[slot] = silence.until();
			this.back[slot] = upTo;
			this.silences++;
		}

	}

}
