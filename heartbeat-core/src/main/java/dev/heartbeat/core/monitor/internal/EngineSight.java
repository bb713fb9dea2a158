package dev.heartbeat.core.monitor.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import dev.heartbeat.core.monitor.PartitionSight;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.monitor.ReportedState;
import dev.heartbeat.core.monitor.SightChange;
import dev.heartbeat.core.monitor.Sighting;

/**
 * What the engine does with the sight of its partitions and with what listeners were told,
 * behind {@link dev.heartbeat.core.monitor.DeadlineEngine}'s methods of the same names: under the engine's lock and at its
 * time, on the same process table, state machine and timers as {@link EngineCore}, delivering
 * the events after the lock is released.
 */
public final class EngineSight {

	private final EngineCore core;

	private final ReentrantLock lock;

	private final EventDelivery events;

	// guarded by lock, as all that follow
	private final ProcessTable<ProcessEntry> processes;

	private final ProcessStateMachine states;

	private final ProcessTimers timers;

	private final PartitionSights sights;

	// a held process whose partition is now seen far enough: looked at again
	private final Consumer<ProcessEntry> released;

	// apps whose reported state was restored, judged again at the next sighting of the partition
	private final Map<Integer, Set<AppEntry>> restoredApps = new HashMap<>();

	EngineSight(EngineCore core, ProcessTable<ProcessEntry> processes, ProcessStateMachine states,
			ProcessTimers timers, PartitionSights sights) {
		this.core = core;
		this.lock = core.lock();
		this.events = core.events();
		this.processes = processes;
		this.states = states;
		this.timers = timers;
		this.sights = sights;
		this.released = core::evaluate;
	}

	/** See {@link dev.heartbeat.core.monitor.DeadlineEngine#watch}. */
	public void watch(int partition, long seenUpTo) {
		requirePartition(partition);
		this.lock.lock();
		try {
			this.sights.watch(partition, seenUpTo);
		}
		finally {
			this.lock.unlock();
		}
	}

	/** See {@link dev.heartbeat.core.monitor.DeadlineEngine#unwatch}. */
	public void unwatch(int partition) {
		requirePartition(partition);
		long before = this.core.begin();
		try {
			this.sights.unwatch(partition, this.released);
		}
		finally {
			this.core.end(before, true);
		}
	}

	/** See {@link dev.heartbeat.core.monitor.DeadlineEngine#seen(Collection)}. */
	public int seen(Collection<Sighting> sightings) {
		Objects.requireNonNull(sightings, "sightings");
		long fired;
		SightChange sighted;
		long before = this.core.begin();
		try {
			sighted = seenLocked(sightings, this.core.tick());
			this.core.settleApps(true);
			fired = this.events.produced() - before;
		}
		finally {
			this.lock.unlock();
		}
		if (sighted != null) {
			this.events.notifySight(sighted);
		}
		if (fired > 0) {
			this.events.deliver();
		}
		return (int) fired;
	}

	/** See {@link dev.heartbeat.core.monitor.DeadlineEngine#sights()}. */
	public List<PartitionSight> sights() {
		this.lock.lock();
		try {
			return this.sights.snapshot(this.core.tick());
		}
		finally {
			this.lock.unlock();
		}
	}

	/** See {@link dev.heartbeat.core.monitor.DeadlineEngine#forgetPartitions}. */
	public int forgetPartitions(Collection<Integer> partitions) {
		Objects.requireNonNull(partitions, "partitions");
		this.lock.lock();
		try {
			partitions.forEach(this.restoredApps::remove);
			int forgotten = this.processes.removeIf((entry) -> partitions.contains(entry.partition), this.core::drop);
			this.core.settleApps(false);
			return forgotten;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** See {@link dev.heartbeat.core.monitor.DeadlineEngine#partitionOf}. */
	public int partitionOf(String process) {
		Objects.requireNonNull(process, "process");
		this.lock.lock();
		try {
			ProcessEntry entry = this.processes.get(process);
			return (entry != null) ? entry.partition : ProcessEntry.NO_PARTITION;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** See {@link dev.heartbeat.core.monitor.DeadlineEngine#restoreReported}. */
	public boolean restoreReported(String process, ReportedState reported) {
		Objects.requireNonNull(process, "process");
		Objects.requireNonNull(reported, "reported");
		this.lock.lock();
		try {
			long now = this.core.tick();
			ProcessEntry entry = this.processes.get(process);
			if (entry != null) {
				this.states.restoreReported(entry, reported, now);
				// looked at by the next advance (or, while its partition is rebuilt, the first sight
				// of it), which tells what differs from what was reported
				this.timers.schedule(entry, 0, now);
			}
			return entry != null;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** See {@link dev.heartbeat.core.monitor.DeadlineEngine#restoreReportedApps}. */
	public void restoreReportedApps(int partition) {
		requirePartition(partition);
		this.lock.lock();
		try {
			long now = this.core.tick();
			Map<AppEntry, int[]> reported = new HashMap<>();
			this.processes.forEachWhile((entry) -> {
				if (entry.partition == partition && entry.group != null) {
					reported.computeIfAbsent(entry.group, (app) -> new int[ProcessState.values().length])[entry.reported]++;
				}
				return true;
			});
			reported.forEach((app, counts) -> this.core.apps().restoreReported(app, counts, now));
			this.restoredApps.computeIfAbsent(partition, (number) -> new HashSet<>()).addAll(reported.keySet());
		}
		finally {
			this.lock.unlock();
		}
	}

	/** See {@link dev.heartbeat.core.monitor.DeadlineEngine#reported}. */
	public Optional<ReportedState> reported(String process) {
		Objects.requireNonNull(process, "process");
		this.lock.lock();
		try {
			ProcessEntry entry = this.processes.get(process);
			return (entry != null) ? Optional.ofNullable(this.states.reported(entry, this.core.tick()))
					: Optional.empty();
		}
		finally {
			this.lock.unlock();
		}
	}

	// the sightings applied; the partitions whose blind spell ended, in one change
	private SightChange seenLocked(Collection<Sighting> sightings, long now) {
		List<Integer> ended = null;
		long since = Long.MAX_VALUE;
		long held = 0;
		long upTo = Long.MIN_VALUE;
		boolean rearmed = false;
		for (Sighting sighting : sightings) {
			Set<AppEntry> restored = this.restoredApps.remove(sighting.partition());
			if (restored != null) {
				restored.forEach(this.core.apps()::resettle);
			}
			long blindSince = this.sights.blindSince(sighting.partition());
			long heldAtEnd = this.sights.seen(sighting.partition(), sighting.upTo(), sighting.silence(), now,
					this.released);
			if (heldAtEnd >= 0) {
				ended = (ended != null) ? ended : new ArrayList<>();
				ended.add(sighting.partition());
				since = Math.min(since, blindSince);
				held += heldAtEnd;
				upTo = Math.max(upTo, sighting.upTo());
				rearmed |= sighting.silence() != null || this.sights.rearmed(sighting.partition());
			}
		}
		if (ended == null) {
			return null;
		}
		ended.sort(null);
		return new SightChange(false, ended, Instant.ofEpochMilli(since), Instant.ofEpochMilli(upTo), held, rearmed);
	}

	private static void requirePartition(int partition) {
		if (partition < 0) {
			throw new IllegalArgumentException("partition must not be negative, was " + partition);
		}
	}

}
