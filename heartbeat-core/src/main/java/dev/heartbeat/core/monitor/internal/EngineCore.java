package dev.heartbeat.core.monitor.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.monitor.Admission;
import dev.heartbeat.core.monitor.BeatRecord;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.monitor.DeadlineEngineConfig;
import dev.heartbeat.core.monitor.MonitorListener;
import dev.heartbeat.core.monitor.ProcessSnapshot;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.monitor.SightChange;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.time.HeartbeatClock;

/**
 * What {@link DeadlineEngine} does, behind it: every operation takes the engine's lock and the
 * engine's time, works on the process table, the timing wheel and the state machine, and after
 * releasing the lock delivers the events it produced. Each method does what the engine's method
 * of the same name documents.
 */
public final class EngineCore {

	// timers expired per lock hold: a mass expiry lets beats in and events out every few ms
	private static final int ADVANCE_CHUNK = 4096;

	private final HeartbeatClock clock;

	private final ReentrantLock lock = new ReentrantLock();

	// guarded by lock
	private final ProcessTable<ProcessEntry> processes = new ProcessTable<>();

	// guarded by lock
	private final ProcessTimers timers;

	// guarded by lock
	private final BeatAdmission admission;

	// guarded by lock
	private final ProcessStateMachine states;

	// guarded by lock
	private final PartitionSights sights;

	private final EventDelivery events = new EventDelivery(this.lock);

	private final BatchIngest ingest = new BatchIngest(this);

	private final EngineSight sight;

	// guarded by lock; the engine's time, taken at the start of every operation, never decreasing
	private long now;

	// written by prefetch, so that its reads are kept
	private volatile int prefetched;

	// guarded by lock
	private final Consumer<TimerWheel.Node> expiry = (node) -> evaluate((ProcessEntry) node);

	/**
	 * The working part of an engine.
	 * @param config the configuration
	 * @param clock the clock whose wall time decides what is due
	 */
	public EngineCore(DeadlineEngineConfig config, HeartbeatClock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
		this.admission = new BeatAdmission(config.maxDuration().toNanos());
		this.sights = new PartitionSights(config.blindAfter());
		this.states = new ProcessStateMachine(config, this.events, this.sights);
		this.now = Math.max(0, clock.wallTime());
		this.timers = new ProcessTimers(this.now, this.sights);
		this.sight = new EngineSight(this, this.processes, this.states, this.timers, this.sights);
	}

	/**
	 * The entry point for applying records in batches.
	 * @return the batch entry point
	 */
	public BatchIngest ingest() {
		return this.ingest;
	}

	/** See {@link DeadlineEngine#onBeat}. */
	public Admission onBeat(BeatRecord record, int partition) {
		return update(record, partition, true);
	}

	/** See {@link DeadlineEngine#restore}. */
	public Admission restore(BeatRecord record, int partition) {
		return update(record, partition, false);
	}

	/** See {@link DeadlineEngine#advance()}. */
	public int advance() {
		long total = 0;
		boolean more = true;
		boolean first = true;
		while (more) {
			long fired;
			SightChange blind = null;
			this.lock.lock();
			try {
				tick();
				if (first) {
					blind = this.sights.checkBlind(this.now);
					first = false;
				}
				long before = this.events.produced();
				int expired = this.timers.advance(this.now, this.expiry, ADVANCE_CHUNK);
				more = expired == ADVANCE_CHUNK;
				fired = this.events.produced() - before;
			}
			finally {
				this.lock.unlock();
			}
			if (blind != null) {
				this.events.notifySight(blind);
			}
			if (fired > 0) {
				this.events.deliver();
			}
			total += fired;
		}
		return (int) Math.min(total, Integer.MAX_VALUE);
	}

	/** See {@link DeadlineEngine#nextWakeTime()}. */
	public long nextWakeTime() {
		this.lock.lock();
		try {
			return Math.min(this.timers.nextTime(), this.sights.nextBlindTime());
		}
		finally {
			this.lock.unlock();
		}
	}

	/** See {@link DeadlineEngine#get}. */
	public Optional<ProcessSnapshot> get(String process) {
		Objects.requireNonNull(process, "process");
		this.lock.lock();
		try {
			tick();
			ProcessEntry entry = this.processes.get(process);
			return (entry != null) ? Optional.of(this.states.snapshot(entry, this.now)) : Optional.empty();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** See {@link DeadlineEngine#list}. */
	public List<ProcessSnapshot> list(Predicate<? super ProcessSnapshot> filter, int limit) {
		Objects.requireNonNull(filter, "filter");
		if (limit < 0) {
			throw new IllegalArgumentException("limit must not be negative, was " + limit);
		}
		List<ProcessSnapshot> result = new ArrayList<>(Math.min(limit, 1024));
		if (limit == 0) {
			return result;
		}
		this.lock.lock();
		try {
			tick();
			this.processes.forEachWhile((entry) -> {
				ProcessSnapshot snapshot = this.states.snapshot(entry, this.now);
				if (filter.test(snapshot)) {
					result.add(snapshot);
				}
				return result.size() < limit;
			});
		}
		finally {
			this.lock.unlock();
		}
		return result;
	}

	/** See {@link DeadlineEngine#size()}. */
	public int size() {
		this.lock.lock();
		try {
			return this.processes.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** See {@link DeadlineEngine#countByState()}. */
	public Map<ProcessState, Long> countByState() {
		this.lock.lock();
		try {
			return this.states.countByState();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** See {@link DeadlineEngine#snooze}. */
	public boolean snooze(String process, Instant until) {
		Objects.requireNonNull(process, "process");
		Objects.requireNonNull(until, "until");
		long fired;
		Instant snoozed;
		this.lock.lock();
		try {
			tick();
			ProcessEntry entry = this.processes.get(process);
			if (entry == null) {
				return false;
			}
			long untilMillis = toMillis(until);
			entry.snoozedUntil = (untilMillis > this.now) ? untilMillis : ProcessEntry.NOT_SNOOZED;
			snoozed = (entry.snoozedUntil != ProcessEntry.NOT_SNOOZED) ? Instant.ofEpochMilli(untilMillis) : null;
			long before = this.events.produced();
			evaluate(entry);
			fired = this.events.produced() - before;
		}
		finally {
			this.lock.unlock();
		}
		this.events.notifySnoozed(process, snoozed);
		if (fired > 0) {
			this.events.deliver();
		}
		return true;
	}

	/** See {@link DeadlineEngine#forget}. */
	public boolean forget(String process) {
		Objects.requireNonNull(process, "process");
		int partition;
		this.lock.lock();
		try {
			ProcessEntry entry = this.processes.get(process);
			if (entry == null) {
				return false;
			}
			this.processes.remove(entry);
			drop(entry);
			partition = entry.partition;
		}
		finally {
			this.lock.unlock();
		}
		this.events.notifyForgotten(process, partition);
		return true;
	}

	/** What the engine does with sight and with what listeners were told; see EngineSight. */
	public EngineSight sight() {
		return this.sight;
	}

	/** See {@link DeadlineEngine#forgetIf}. */
	public int forgetIf(Predicate<String> process) {
		Objects.requireNonNull(process, "process");
		this.lock.lock();
		try {
			return this.processes.removeIf((entry) -> process.test(entry.key()), this::drop);
		}
		finally {
			this.lock.unlock();
		}
	}

	/** See {@link DeadlineEngine#addListener}. */
	public void addListener(MonitorListener listener) {
		this.events.addListener(listener);
	}

	/** See {@link DeadlineEngine#removeListener}. */
	public void removeListener(MonitorListener listener) {
		this.events.removeListener(listener);
	}

	/** The number of timers that expired so far, for tests of what an advance works on. */
	public long timersFired() {
		this.lock.lock();
		try {
			return this.timers.fired();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Plan the driver's wake-up, for {@code DeadlineLoop}: see {@code DeadlineEngine.planWake}. */
	public long planWake(Runnable hook) {
		this.lock.lock();
		try {
			return Math.min(this.timers.planWake(hook), this.sights.nextBlindTime());
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Forget the plan made with a hook, unless another hook made a newer one. */
	public void unplanWake(Runnable hook) {
		this.lock.lock();
		try {
			this.timers.unplanWake(hook);
		}
		finally {
			this.lock.unlock();
		}
	}

	// BatchIngest.prefetch, its arguments checked
	void prefetch(String[] keys, int count) {
		this.lock.lock();
		try {
			this.prefetched = this.processes.prefetch(keys, count);
		}
		finally {
			this.lock.unlock();
		}
	}

	// BatchIngest.onBeats, its arguments checked
	int onBeats(BeatFields[] beats, int from, int to, Admission[] results) {
		int next = from;
		Admission result = Admission.ACCEPTED;
		long fired;
		this.lock.lock();
		try {
			tick();
			long before = this.events.produced();
			while (next < to && result == Admission.ACCEPTED) {
				BeatFields beat = beats[next];
				result = updateLocked(beat.process(), beat.app(), beat.beat(), beat.recordTime(), beat.instanceText(),
						beat.packedInstance(), beat.seq(), beat.status(), beat.health(), beat.partition(), true);
				results[next++] = result;
			}
			fired = this.events.produced() - before;
		}
		finally {
			this.lock.unlock();
		}
		if (fired > 0) {
			this.events.deliver();
		}
		if (result != Admission.ACCEPTED) {
			this.events.notifyIgnored(beats[next - 1].toRecord(), result);
		}
		return next;
	}

	private Admission update(BeatRecord record, int partition, boolean notify) {
		Objects.requireNonNull(record, "record");
		String instance = record.instance();
		Admission result;
		long fired;
		this.lock.lock();
		try {
			tick();
			long before = this.events.produced();
			result = updateLocked(record.process(), record.app(), record.beat(), record.recordTime(), instance,
					InstanceIds.pack(instance), record.seq(), record.status(), record.health(), partition, notify);
			fired = this.events.produced() - before;
		}
		finally {
			this.lock.unlock();
		}
		if (fired > 0) {
			this.events.deliver();
		}
		if (notify && result != Admission.ACCEPTED) {
			this.events.notifyIgnored(record, result);
		}
		return result;
	}

	// guarded by lock, the engine's time taken; instance: the id's string, needed only when
	// packedInstance is InstanceIds.NOT_PACKED
	private Admission updateLocked(String process, String app, Beat beat, long recordTime, String instance,
			long packedInstance, long seq, RunStatus status, String health, int partition, boolean notify) {
		ProcessEntry entry = this.processes.get(process);
		Admission result = this.admission.admit(entry, beat, recordTime, instance, packedInstance, seq);
		if (result == Admission.ACCEPTED) {
			if (entry == null) {
				entry = new ProcessEntry(process);
				this.processes.add(entry);
				this.states.track(entry);
			}
			this.admission.apply(entry, app, beat, recordTime, instance, packedInstance, seq, status, health);
			this.timers.moveTo(entry, partition);
			this.timers.schedule(entry, notify ? this.states.evaluate(entry, this.now) : this.states.restore(entry),
					this.now);
		}
		return result;
	}

	// bring a process up to the engine's time: state, events, next timer; guarded by lock
	void evaluate(ProcessEntry entry) {
		this.timers.schedule(entry, this.states.evaluate(entry, this.now), this.now);
	}



	// guarded by lock
	void drop(ProcessEntry entry) {
		this.timers.cancel(entry);
		this.states.untrack(entry);
	}

	// the lock that guards everything, and the events' delivery, for EngineSight
	ReentrantLock lock() {
		return this.lock;
	}

	EventDelivery events() {
		return this.events;
	}

	// the engine's time, brought up to the clock's; guarded by lock
	long tick() {
		long wall = this.clock.wallTime();
		if (wall > this.now) {
			this.now = Math.min(wall, TimerWheel.MAX_TIME / 2);
		}
		return this.now;
	}

	private static long toMillis(Instant instant) {
		if (instant.getEpochSecond() < 0) {
			return 0;
		}
		if (instant.getEpochSecond() >= TimerWheel.MAX_TIME / 1000) {
			return TimerWheel.MAX_TIME;
		}
		return instant.toEpochMilli();
	}

}
