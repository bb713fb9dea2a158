package dev.heartbeat.core.monitor.internal;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.monitor.Admission;
import dev.heartbeat.core.monitor.BeatRecord;
import dev.heartbeat.core.monitor.DeadlineEngineConfig;
import dev.heartbeat.core.monitor.MonitorListener;
import dev.heartbeat.core.monitor.ProcessForgotten;
import dev.heartbeat.core.monitor.SightChange;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.time.HeartbeatClock;

/**
 * What {@link dev.heartbeat.core.monitor.DeadlineEngine} does, behind it: every operation takes the engine's lock and the
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
	private final AppBook apps;

	// guarded by lock
	private final PartitionSights sights;

	private final EngineSight sight;

	private final EngineReads reads;

	private final EventDelivery events = new EventDelivery(this.lock);

	private final BatchIngest ingest = new BatchIngest(this);

	// guarded by lock; the engine's time, taken at the start of every operation, never decreasing
	private long now;

	// written by prefetch, so that its reads are kept
	private volatile int prefetched;

	// guarded by lock
	private final Consumer<TimerWheel.Node> expiry = this::expire;

	/**
	 * The working part of an engine.
	 * @param config the configuration
	 * @param clock the clock whose wall time decides what is due
	 */
	public EngineCore(DeadlineEngineConfig config, HeartbeatClock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
		this.admission = new BeatAdmission(config.maxDuration().toNanos());
		this.apps = new AppBook(config, this.events);
		this.sights = new PartitionSights(config.blindAfter());
		this.states = new ProcessStateMachine(config, this.events, this.apps, this.sights);
		this.now = Math.max(0, clock.wallTime());
		this.timers = new ProcessTimers(this.now, this.sights);
		this.sight = new EngineSight(this, this.processes, this.states, this.timers, this.sights);
		this.reads = new EngineReads(this, this.processes, this.states, this.timers, this.sights);
	}

	/**
	 * The entry point for applying records in batches.
	 * @return the batch entry point
	 */
	public BatchIngest ingest() {
		return this.ingest;
	}

	// the apps, for EngineApps
	AppBook apps() {
		return this.apps;
	}

	/** See {@link dev.heartbeat.core.monitor.DeadlineEngine#onBeat}. */
	public Admission onBeat(BeatRecord record, int partition) {
		return update(record, partition, true);
	}

	/** See {@link dev.heartbeat.core.monitor.DeadlineEngine#restore}. */
	public Admission restore(BeatRecord record, int partition) {
		return update(record, partition, false);
	}

	/** See {@link dev.heartbeat.core.monitor.DeadlineEngine#advance()}. */
	public int advance() {
		long total = 0;
		boolean more = true;
		boolean first = true;
		while (more) {
			long fired;
			long changes;
			SightChange blind = null;
			this.lock.lock();
			try {
				tick();
				if (first) {
					blind = this.sights.checkBlind(this.now);
					first = false;
				}
				long before = this.events.produced();
				long changesBefore = this.events.changes();
				int expired = this.timers.advance(this.now, this.expiry, ADVANCE_CHUNK);
				this.apps.settle(this.now, true, this.timers);
				more = expired == ADVANCE_CHUNK;
				fired = this.events.produced() - before;
				changes = this.events.changes() - changesBefore;
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
			total += changes;
		}
		return (int) Math.min(total, Integer.MAX_VALUE);
	}

	/** See {@link dev.heartbeat.core.monitor.DeadlineEngine#snooze}. */
	public boolean snooze(String process, Instant until) {
		Objects.requireNonNull(process, "process");
		Objects.requireNonNull(until, "until");
		Instant[] snoozed = new Instant[1];
		boolean tracked = operate((now) -> {
			ProcessEntry entry = this.processes.get(process);
			if (entry != null) {
				long untilMillis = TimerWheel.toMillis(until);
				entry.snoozedUntil = (untilMillis > now) ? untilMillis : ProcessEntry.NOT_SNOOZED;
				snoozed[0] = (entry.snoozedUntil != ProcessEntry.NOT_SNOOZED) ? Instant.ofEpochMilli(untilMillis) : null;
				evaluate(entry);
			}
			return entry != null;
		});
		if (tracked) {
			this.events.notifySnoozed(process, snoozed[0]);
		}
		return tracked;
	}

	/** See {@link dev.heartbeat.core.monitor.DeadlineEngine#forget(String, ProcessForgotten.Reason)}. */
	public boolean forget(String process, ProcessForgotten.Reason reason) {
		Objects.requireNonNull(process, "process");
		Objects.requireNonNull(reason, "reason");
		return operate((now) -> {
			ProcessEntry entry = this.processes.get(process);
			if (entry != null) {
				forgetLocked(entry, reason);
			}
			return entry != null;
		});
	}

	/** What the engine does with sight and with what listeners were told; see EngineSight. */
	public EngineSight sight() {
		return this.sight;
	}

	/** What the engine tells of its processes and its timers; see EngineReads. */
	public EngineReads reads() {
		return this.reads;
	}

	/** See {@link dev.heartbeat.core.monitor.DeadlineEngine#forgetIf}. */
	public int forgetIf(Predicate<String> process) {
		Objects.requireNonNull(process, "process");
		this.lock.lock();
		try {
			int forgotten = this.processes.removeIf((entry) -> process.test(entry.key()), this::drop);
			this.apps.settle(this.now, false, this.timers);
			return forgotten;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** See {@link dev.heartbeat.core.monitor.DeadlineEngine#addListener}. */
	public void addListener(MonitorListener listener) {
		this.events.addListener(listener);
	}

	/** See {@link dev.heartbeat.core.monitor.DeadlineEngine#removeListener}. */
	public void removeListener(MonitorListener listener) {
		this.events.removeListener(listener);
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
		long before = begin();
		try {
			while (next < to && result == Admission.ACCEPTED) {
				BeatFields beat = beats[next];
				result = updateLocked(beat.process(), beat.app(), beat.beat(), beat.recordTime(), beat.instanceText(),
						beat.packedInstance(), beat.seq(), beat.status(), beat.health(), beat.partition(), true);
				results[next++] = result;
			}
		}
		finally {
			end(before, true);
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
		long before = begin();
		try {
			result = updateLocked(record.process(), record.app(), record.beat(), record.recordTime(), instance,
					InstanceIds.pack(instance), record.seq(), record.status(), record.health(), partition, notify);
		}
		finally {
			end(before, notify);
		}
		if (notify && result != Admission.ACCEPTED) {
			this.events.notifyIgnored(record, result);
		}
		return result;
	}

	// guarded by lock, the engine's time taken; instance: the id's string, needed only when
	// packedInstance is InstanceIds.NOT_PACKED
	private Admission updateLocked(String process, String app, Beat beat, long recordTime, @Nullable String instance,
			long packedInstance, long seq, RunStatus status, String health, int partition, boolean notify) {
		ProcessEntry entry = this.processes.get(process);
		Admission result = this.admission.admit(entry, beat, recordTime, instance, packedInstance, seq);
		if (result == Admission.ACCEPTED) {
			if (entry == null) {
				entry = new ProcessEntry(process);
				this.processes.add(entry);
				this.states.track(entry);
			}
			String before = entry.app;
			this.admission.apply(entry, app, beat, recordTime, instance, packedInstance, seq, status, health);
			this.timers.moveTo(entry, partition);
			if (entry.app != before) {
				this.apps.join(entry);
			}
			if (notify) {
				evaluate(entry);
			}
			else {
				this.timers.schedule(entry, this.states.restore(entry), this.now);
			}
		}
		return result;
	}

	// an expired timer: a process to bring up to the engine's time, or an app to settle
	private void expire(TimerWheel.Node node) {
		if (node instanceof AppEntry app) {
			this.apps.due(app);
			return;
		}
		evaluate((ProcessEntry) node);
	}

	// bring a process up to the engine's time: state, events, next timer, or its retention's end;
	// guarded by lock
	void evaluate(ProcessEntry entry) {
		long next = this.states.evaluate(entry, this.now);
		if (next == ProcessStateMachine.FORGET) {
			forgetLocked(entry, ProcessForgotten.Reason.RETENTION);
			return;
		}
		this.timers.schedule(entry, next, this.now);
	}

	private void forgetLocked(ProcessEntry entry, ProcessForgotten.Reason reason) {
		this.processes.remove(entry);
		drop(entry);
		this.events.add(new ProcessForgotten(entry.key(), entry.app, entry.currentState(), entry.lastBeat(),
				Instant.ofEpochMilli(this.now), reason, entry.partition));
	}

	// an operation at the engine's time under the lock, the apps settled, its events delivered after
	<T> T operate(LongFunction<T> operation) {
		long before = begin();
		try {
			return operation.apply(this.now);
		}
		finally {
			end(before, true);
		}
	}

	// the start of an operation: the lock and the engine's time taken; returns the events so far
	long begin() {
		this.lock.lock();
		try {
			tick();
			return this.events.produced();
		}
		catch (RuntimeException | Error ex) {
			this.lock.unlock();
			throw ex;
		}
	}

	// the end of an operation begun at before: the apps settled, the lock released, events delivered
	void end(long before, boolean notify) {
		long fired;
		try {
			this.apps.settle(this.now, notify, this.timers);
			fired = this.events.produced() - before;
		}
		finally {
			this.lock.unlock();
		}
		if (fired > 0) {
			this.events.deliver();
		}
	}

	// guarded by lock
	void drop(ProcessEntry entry) {
		this.timers.cancel(entry);
		this.states.untrack(entry);
	}

	// the apps brought up to the engine's time after processes left or changed; guarded by lock
	void settleApps(boolean notify) {
		this.apps.settle(this.now, notify, this.timers);
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

}
