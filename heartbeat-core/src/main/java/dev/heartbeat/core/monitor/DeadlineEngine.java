package dev.heartbeat.core.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.beat.BeatKind;
import dev.heartbeat.core.monitor.internal.DeadlineMath;
import dev.heartbeat.core.monitor.internal.InstanceIds;
import dev.heartbeat.core.monitor.internal.ProcessTable;
import dev.heartbeat.core.monitor.internal.StringDeduplicator;
import dev.heartbeat.core.monitor.internal.TimerWheel;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.time.HeartbeatClock;

/**
 * Tracks the last beat of every process and turns deadlines that pass into state changes.
 * <p>
 * <b>States.</b> A {@code start/<warmup>} makes a process {@link ProcessState#STARTING}, a
 * {@code beat/<period>} {@link ProcessState#UP}, a {@code degraded/<period>}
 * {@link ProcessState#DEGRADED} (any of them {@link ProcessState#PAUSED} instead when the record's
 * run status is {@code PAUSED}), a {@code stop} {@link ProcessState#STOPPED}. A beat with period
 * (or warm-up) {@code P} at record time {@code t} sets two deadlines, in milliseconds:
 * {@code lateAt = t + ceil(P × lateFactor)} and {@code deadAt = t + ceil(P × reportByBuffer)}. With
 * no newer beat the process is {@link ProcessState#LATE} exactly from {@code lateAt} and
 * {@link ProcessState#DEAD} exactly from {@code deadAt} (one millisecond before, it is not). The
 * period is counted once, from the record time, never added again. A stopped process has no
 * deadline and stays tracked until forgotten. Any accepted beat after {@code LATE} or {@code DEAD}
 * brings the process back.
 * <p>
 * <b>Order.</b> A record from the instance that sent the last one is applied only if its sequence
 * number is higher, or if it is a {@code start} no older than the last record (an instance with a
 * fixed id restarts at sequence 1). A record from another instance is applied only if its record
 * time is not older than the last one. Anything else is {@link Admission#STALE} and changes
 * nothing, so deadlines never move backwards.
 * <p>
 * <b>Events.</b> Every change of state is one {@link StateChange}; the events of a process form a
 * chain from {@link ProcessState#UNKNOWN}. When several deadlines pass between two looks at a
 * process (a late {@link #advance()}, a restart), one event goes straight to the state it is in,
 * with {@code at} the exact time that state began. With a {@linkplain DeadlineEngineConfig#holdTime()
 * hold time}, a change other than to {@code DEAD} or {@code STOPPED} is delivered only once the new
 * state has lasted that long, and not at all if the process returns to its reported state first.
 * With a {@linkplain DeadlineEngineConfig#reminderInterval() reminder interval}, a process that stays
 * dead is reported again ({@code DEAD → DEAD}, {@code reminder = true}) every interval after its
 * {@code DEAD} event was delivered; reminders missed while behind are coalesced into one. A snoozed
 * process is still tracked, but its events (reminders included) are held until the snooze ends;
 * then one event goes from the reported to the current state.
 * <p>
 * <b>Time.</b> The engine's time is the clock's wall time, but never goes back: should the wall
 * clock step back, the engine waits for it to catch up.
 * <p>
 * <b>Scale.</b> Processes live in an intrusive hash table and each has at most one timer (its
 * earliest pending deadline, hold end, reminder or snooze end) in a hierarchical
 * {@link TimerWheel}: a beat is an O(1) lookup and an O(1) timer update, allocating nothing (a beat
 * that only pushes the deadline later leaves the timer in its place, which the wheel reaches no
 * later than the new deadline and then moves the timer on); an {@code advance} costs what falls
 * due, plus moving far timers nearer (at most once per wheel level) and timers that beats pushed
 * later (once each time their old place is reached), never a scan. About 112 bytes per process
 * plus its id string.
 * <p>
 * <b>Threads.</b> Thread-safe: one lock guards all state, so the consumer thread calls
 * {@link #onBeat}, a driver (see {@link DeadlineLoop}) calls {@link #advance()}, and an endpoint
 * calls {@link #list}, {@link #snooze} and {@link #forget} at will. Listeners run after the lock
 * is released, on a calling thread, in the order the events happened: if two threads produce
 * events at once, the one already delivering delivers both batches. A listener that throws is
 * logged with the event and the other listeners still run.
 */
public final class DeadlineEngine {

	private static final Logger logger = LoggerFactory.getLogger(DeadlineEngine.class);

	private static final ProcessState[] STATES = ProcessState.values();

	private static final BeatKind[] KINDS = BeatKind.values();

	private static final RunStatus[] STATUSES = RunStatus.values();

	private static final long NEVER = Long.MAX_VALUE;

	private static final int STOP = BeatKind.STOP.ordinal();

	private static final int DEAD = ProcessState.DEAD.ordinal();

	private static final int STOPPED = ProcessState.STOPPED.ordinal();

	private static final int MAX_DEDUPLICATED = 10_000;

	// timers expired per lock hold: a mass expiry lets beats in and events out every few ms
	private static final int ADVANCE_CHUNK = 4096;

	private final DeadlineEngineConfig config;

	private final HeartbeatClock clock;

	private final long holdMillis;

	private final long reminderMillis;

	private final long maxDurationNanos;

	private final ReentrantLock lock = new ReentrantLock();

	// guarded by lock
	private final ProcessTable<ProcessEntry> processes = new ProcessTable<>();

	// guarded by lock
	private final TimerWheel wheel;

	// guarded by lock
	private final DeadlineMath math;

	// guarded by lock
	private final StringDeduplicator apps = new StringDeduplicator(MAX_DEDUPLICATED);

	// guarded by lock
	private final StringDeduplicator healths = new StringDeduplicator(MAX_DEDUPLICATED);

	// guarded by lock; indexed by ProcessState ordinal
	private final long[] counts = new long[STATES.length];

	// guarded by lock; events produced and not yet taken for delivery, in order
	private final ArrayDeque<StateChange> undelivered = new ArrayDeque<>();

	// guarded by lock; events produced since the engine was created
	private long eventCount;

	// guarded by lock; timers that expired since the engine was created
	private long timersFired;

	// guarded by lock; the engine's time, taken at the start of every operation, never decreasing
	private long now;

	// guarded by lock; told when a timer is set before plannedWake
	private Runnable wakeHook;

	// guarded by lock; the time the driver sleeps until, Long.MIN_VALUE when it needs no signal
	private long plannedWake = Long.MIN_VALUE;

	// guarded by lock; scratch space of prefetch
	private String[] prefetchKeys = new String[0];

	// written by prefetch, so that its reads are kept
	private volatile int prefetched;

	// guarded by lock
	private final Consumer<TimerWheel.Node> expiry = (node) -> evaluate((ProcessEntry) node);

	// held by the thread delivering events, so that events reach listeners in order
	private final ReentrantLock deliveryLock = new ReentrantLock();

	// copy-on-write: listeners are added rarely and read on every event
	private final List<MonitorListener> listeners = new CopyOnWriteArrayList<>();

	/**
	 * Create an engine.
	 * @param config the configuration
	 * @param clock the clock whose wall time decides what is due
	 */
	public DeadlineEngine(DeadlineEngineConfig config, HeartbeatClock clock) {
		this.config = Objects.requireNonNull(config, "config");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.holdMillis = ceilMillis(config.holdTime());
		this.reminderMillis = ceilMillis(config.reminderInterval());
		this.maxDurationNanos = config.maxDuration().toNanos();
		this.math = new DeadlineMath(config.lateFactor(), config.reportByBuffer());
		this.now = Math.max(0, clock.wallTime());
		this.wheel = new TimerWheel(this.now);
	}

	/**
	 * The configuration.
	 * @return the configuration
	 */
	public DeadlineEngineConfig config() {
		return this.config;
	}

	/**
	 * Apply one consumed record and fire the events of the change it makes (subject to hold
	 * time and snooze). O(1); allocates nothing unless the state changes.
	 * @param record the record
	 * @return whether it was applied
	 */
	public Admission onBeat(BeatRecord record) {
		return update(record, true);
	}

	/**
	 * Apply one consumed record given as fields, exactly as {@link #onBeat(BeatRecord)} applies
	 * {@code beat.toRecord()}, without the record: for a consumer that reuses its holders. A
	 * listener told of a stale or rejected record gets {@code beat.toRecord()}.
	 * @param beat the record's fields
	 * @return whether it was applied
	 */
	public Admission onBeat(BeatFields beat) {
		Objects.requireNonNull(beat, "beat");
		if (beat.process() == null) {
			throw new IllegalArgumentException("the fields were never set");
		}
		Admission result = update(beat.process(), beat.app(), beat.beat(), beat.recordTime(), beat.instanceText(),
				beat.packedInstance(), beat.seq(), beat.status(), beat.health(), true);
		if (result != Admission.ACCEPTED) {
			notifyIgnored(beat.toRecord(), result);
		}
		return result;
	}

	/**
	 * Get ready to apply a batch of records, e.g. those of one poll, by reading what applying
	 * them will read, all at once: with many processes each beat's lookup is cold memory, which
	 * the memory then serves for many records in parallel rather than one after the other. Changes
	 * nothing, fires nothing; apply the records with {@link #onBeat} right after, in any order.
	 * Worth it for a few dozen to a few hundred records at a time (what the CPU's caches hold).
	 * @param records the records about to be applied
	 */
	public void prefetch(List<BeatRecord> records) {
		Objects.requireNonNull(records, "records");
		int count = records.size();
		this.lock.lock();
		try {
			if (this.prefetchKeys.length < count) {
				this.prefetchKeys = new String[count];
			}
			String[] keys = this.prefetchKeys;
			for (int i = 0; i < count; i++) {
				keys[i] = records.get(i).process();
			}
			this.prefetched = this.processes.prefetch(keys, count);
			Arrays.fill(keys, 0, count, null);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Apply consumed records given as fields, in order, as one operation: each exactly as
	 * {@link #onBeat(BeatFields)} would, but under one hold of the engine's lock and at one engine
	 * time, with the events of the records applied delivered together after them. Stops after the
	 * first record that is not accepted, once its listeners are told, so that everything listeners
	 * see comes in the order of the records: call again from the index returned.
	 * @param beats the records' fields
	 * @param from the index of the first record to apply
	 * @param to the index after the last record to apply
	 * @param results where the result of each record applied goes, at the record's index
	 * @return the index after the last record applied: {@code to}, or earlier if a record was not
	 * accepted (its result tells)
	 */
	public int onBeats(BeatFields[] beats, int from, int to, Admission[] results) {
		Objects.requireNonNull(beats, "beats");
		Objects.requireNonNull(results, "results");
		Objects.checkFromToIndex(from, to, beats.length);
		Objects.checkFromToIndex(from, to, results.length);
		for (int i = from; i < to; i++) {
			if (Objects.requireNonNull(beats[i], "beat").process() == null) {
				throw new IllegalArgumentException("the fields were never set");
			}
		}
		int next = from;
		Admission result = Admission.ACCEPTED;
		long fired;
		this.lock.lock();
		try {
			tick();
			long before = this.eventCount;
			while (next < to && result == Admission.ACCEPTED) {
				BeatFields beat = beats[next];
				result = updateLocked(beat.process(), beat.app(), beat.beat(), beat.recordTime(), beat.instanceText(),
						beat.packedInstance(), beat.seq(), beat.status(), beat.health(), true);
				results[next++] = result;
			}
			fired = this.eventCount - before;
		}
		finally {
			this.lock.unlock();
		}
		if (fired > 0) {
			deliver();
		}
		if (result != Admission.ACCEPTED) {
			notifyIgnored(beats[next - 1].toRecord(), result);
		}
		return next;
	}

	/**
	 * {@link #prefetch(List)} for records known by their process ids alone.
	 * @param processes the process ids of the records about to be applied, from index 0
	 * @param count how many of them
	 */
	public void prefetch(String[] processes, int count) {
		Objects.requireNonNull(processes, "processes");
		Objects.checkFromIndexSize(0, count, processes.length);
		for (int i = 0; i < count; i++) {
			Objects.requireNonNull(processes[i], "process");
		}
		this.lock.lock();
		try {
			this.prefetched = this.processes.prefetch(processes, count);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Apply one record while rebuilding from the compacted topic (after a restart or a partition
	 * assignment): the state is updated as by {@link #onBeat}, no event is fired, and the state the
	 * beat gives is taken as already reported. Deadlines are not checked here: call
	 * {@link #advance()} right after restoring, and it reports every process whose deadlines
	 * passed meanwhile, e.g. {@code UP → DEAD} with {@code at} the true dead deadline and the true
	 * last beat.
	 * @param record the record
	 * @return whether it was applied
	 */
	public Admission restore(BeatRecord record) {
		return update(record, false);
	}

	/**
	 * Process everything due at the clock's current wall time and fire the events. Costs what is
	 * due, never a scan of all processes. When much falls due at once, the work is done in chunks
	 * of a few thousand processes, releasing the lock and delivering events after each.
	 * @return the number of events fired
	 */
	public int advance() {
		long total = 0;
		boolean more = true;
		while (more) {
			long fired;
			this.lock.lock();
			try {
				tick();
				long before = this.eventCount;
				int expired = this.wheel.advance(this.now, this.expiry, ADVANCE_CHUNK);
				this.timersFired += expired;
				more = expired == ADVANCE_CHUNK;
				fired = this.eventCount - before;
			}
			finally {
				this.lock.unlock();
			}
			if (fired > 0) {
				deliver();
			}
			total += fired;
		}
		return (int) Math.min(total, Integer.MAX_VALUE);
	}

	/**
	 * When {@link #advance()} next has work. Never later than the earliest pending deadline, hold
	 * end, reminder or snooze end; exact when that is in the same 64 ms of the wheel as the last
	 * advance and no beat pushed it later since it was placed, otherwise possibly earlier: the
	 * start of the timing wheel slot holding it, where an advance moves it nearer or to its new
	 * time without firing anything. A time not after the clock's means now.
	 * O(1).
	 * @return epoch milliseconds, or {@link Long#MAX_VALUE} if nothing is pending
	 */
	public long nextWakeTime() {
		this.lock.lock();
		try {
			return this.wheel.nextTime();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * What the engine knows about one process.
	 * @param process the process id
	 * @return its snapshot, or empty if it is not tracked
	 */
	public Optional<ProcessSnapshot> get(String process) {
		Objects.requireNonNull(process, "process");
		this.lock.lock();
		try {
			tick();
			ProcessEntry entry = this.processes.get(process);
			return (entry != null) ? Optional.of(snapshot(entry)) : Optional.empty();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Snapshots of the processes that match a filter, in no particular order. Scans every process
	 * under the engine's lock until {@code limit} matched, so keep the filter quick.
	 * @param filter which processes to include
	 * @param limit the most to return
	 * @return the matching snapshots
	 */
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
				ProcessSnapshot snapshot = snapshot(entry);
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

	/**
	 * The number of tracked processes.
	 * @return the count
	 */
	public int size() {
		this.lock.lock();
		try {
			return this.processes.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The number of tracked processes in each state, kept up to date on every change (O(1) here).
	 * @return a count for every state ({@link ProcessState#UNKNOWN} always 0)
	 */
	public Map<ProcessState, Long> countByState() {
		Map<ProcessState, Long> result = new EnumMap<>(ProcessState.class);
		this.lock.lock();
		try {
			for (ProcessState state : STATES) {
				result.put(state, this.counts[state.ordinal()]);
			}
		}
		finally {
			this.lock.unlock();
		}
		return result;
	}

	/**
	 * Hold back the events of a process until a time. Its state keeps being tracked; when the
	 * snooze ends, if its state differs from the last reported one, one event from the reported
	 * state to the current one is fired. Snoozing again replaces the end; a time not after now ends
	 * the snooze at once.
	 * @param process the process id
	 * @param until when to deliver events again
	 * @return whether the process is tracked
	 */
	public boolean snooze(String process, Instant until) {
		Objects.requireNonNull(process, "process");
		Objects.requireNonNull(until, "until");
		long fired;
		this.lock.lock();
		try {
			tick();
			ProcessEntry entry = this.processes.get(process);
			if (entry == null) {
				return false;
			}
			long untilMillis = toMillis(until);
			entry.snoozedUntil = (untilMillis > this.now) ? untilMillis : ProcessEntry.NOT_SNOOZED;
			long before = this.eventCount;
			evaluate(entry);
			fired = this.eventCount - before;
		}
		finally {
			this.lock.unlock();
		}
		if (fired > 0) {
			deliver();
		}
		return true;
	}

	/**
	 * Stop tracking a process, with its timers; fires no event. Seen again, it starts over from
	 * {@link ProcessState#UNKNOWN}.
	 * @param process the process id
	 * @return whether it was tracked
	 */
	public boolean forget(String process) {
		Objects.requireNonNull(process, "process");
		this.lock.lock();
		try {
			ProcessEntry entry = this.processes.get(process);
			if (entry == null) {
				return false;
			}
			this.processes.remove(entry);
			drop(entry);
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Forget every process whose id matches, e.g. those of a revoked partition. Scans every
	 * process under the engine's lock.
	 * @param process which process ids to forget
	 * @return the number forgotten
	 */
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

	/**
	 * Add a listener.
	 * @param listener the listener
	 */
	public void addListener(MonitorListener listener) {
		this.listeners.add(Objects.requireNonNull(listener, "listener"));
	}

	/**
	 * Remove a listener.
	 * @param listener the listener
	 */
	public void removeListener(MonitorListener listener) {
		this.listeners.remove(listener);
	}

	@Override
	public String toString() {
		return "DeadlineEngine[" + this.config + "]";
	}

	HeartbeatClock clock() {
		return this.clock;
	}

	/**
	 * The number of timers that expired so far, each costing one evaluation of one process; lets
	 * tests check that an advance works on what is due and nothing else.
	 * @return the count
	 */
	long timersFired() {
		this.lock.lock();
		try {
			return this.timersFired;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Tell the engine when its driver will look again: until then, a timer set earlier than
	 * that (a new process, a shorter period) runs the hook once. Used by {@link DeadlineLoop}.
	 * @param hook what wakes the driver
	 * @return {@link #nextWakeTime()}
	 */
	long planWake(Runnable hook) {
		this.lock.lock();
		try {
			long next = this.wheel.nextTime();
			this.wakeHook = Objects.requireNonNull(hook, "hook");
			this.plannedWake = next;
			return next;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Forget the plan made with a hook, unless another hook made a newer one.
	 * @param hook the hook given to {@link #planWake(Runnable)}
	 */
	void unplanWake(Runnable hook) {
		this.lock.lock();
		try {
			if (this.wakeHook == hook) {
				this.wakeHook = null;
				this.plannedWake = Long.MIN_VALUE;
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private Admission update(BeatRecord record, boolean notify) {
		Objects.requireNonNull(record, "record");
		String instance = record.instance();
		Admission result = update(record.process(), record.app(), record.beat(), record.recordTime(), instance,
				InstanceIds.pack(instance), record.seq(), record.status(), record.health(), notify);
		if (notify && result != Admission.ACCEPTED) {
			notifyIgnored(record, result);
		}
		return result;
	}

	// instance: the id's string, needed only when packedInstance is InstanceIds.NOT_PACKED
	private Admission update(String process, String app, Beat beat, long recordTime, String instance,
			long packedInstance, long seq, RunStatus status, String health, boolean notify) {
		Admission result;
		long fired;
		this.lock.lock();
		try {
			tick();
			long before = this.eventCount;
			result = updateLocked(process, app, beat, recordTime, instance, packedInstance, seq, status, health,
					notify);
			fired = this.eventCount - before;
		}
		finally {
			this.lock.unlock();
		}
		if (fired > 0) {
			deliver();
		}
		return result;
	}

	// guarded by lock, the engine's time taken
	private Admission updateLocked(String process, String app, Beat beat, long recordTime, String instance,
			long packedInstance, long seq, RunStatus status, String health, boolean notify) {
		ProcessEntry entry = this.processes.get(process);
		Admission result = admit(entry, beat, recordTime, instance, packedInstance, seq);
		if (result == Admission.ACCEPTED) {
			if (entry == null) {
				entry = new ProcessEntry(process);
				this.processes.add(entry);
				this.counts[0]++;
			}
			apply(entry, app, beat, recordTime, instance, packedInstance, seq, status, health);
			if (notify) {
				evaluate(entry);
			}
			else {
				restore(entry);
			}
		}
		return result;
	}

	private Admission admit(ProcessEntry entry, Beat beat, long recordTime, String instance, long packedInstance,
			long seq) {
		if (recordTime < 0 || recordTime > TimerWheel.MAX_TIME / 2
				|| (beat.kind().hasDuration() && beat.duration().toNanos() > this.maxDurationNanos)) {
			return Admission.REJECTED;
		}
		if (entry == null) {
			return Admission.ACCEPTED;
		}
		if (entry.hasInstance(instance, packedInstance)) {
			if (seq > entry.seq) {
				return Admission.ACCEPTED;
			}
			// an instance with a fixed id restarts at sequence 1
			boolean restarted = beat.kind() == BeatKind.START && recordTime >= entry.recordTime;
			return restarted ? Admission.ACCEPTED : Admission.STALE;
		}
		return (recordTime >= entry.recordTime) ? Admission.ACCEPTED : Admission.STALE;
	}

	private void apply(ProcessEntry entry, String app, Beat beat, long recordTime, String instance,
			long packedInstance, long seq, RunStatus status, String health) {
		entry.kind = (byte) beat.kind().ordinal();
		entry.durationNanos = beat.kind().hasDuration() ? beat.duration().toNanos() : 0;
		entry.recordTime = recordTime;
		entry.seq = seq;
		entry.setInstance(instance, packedInstance);
		entry.status = (byte) status.ordinal();
		if (!health.equals(entry.health)) {
			entry.health = this.healths.dedupe(health);
		}
		if (!app.equals(entry.app)) {
			entry.app = this.apps.dedupe(app);
		}
	}

	// the state the last beat gives before any deadline
	private static ProcessState beatState(ProcessEntry entry) {
		if (entry.kind == STOP) {
			return ProcessState.STOPPED;
		}
		if (entry.status == RunStatus.PAUSED.ordinal()) {
			return ProcessState.PAUSED;
		}
		return switch (KINDS[entry.kind]) {
			case START -> ProcessState.STARTING;
			case DEGRADED -> ProcessState.DEGRADED;
			default -> ProcessState.UP;
		};
	}

	// bring a process up to the engine's time: state, events, next timer
	private void evaluate(ProcessEntry entry) {
		long now = this.now;
		long next;
		if (entry.kind == STOP) {
			setState(entry, ProcessState.STOPPED, entry.recordTime);
			next = NEVER;
		}
		else {
			this.math.of(entry.durationNanos);
			long lateAt = entry.recordTime + this.math.lateOffset();
			long deadAt = entry.recordTime + this.math.deadOffset();
			if (now >= deadAt) {
				setState(entry, ProcessState.DEAD, deadAt);
				next = NEVER;
			}
			else if (now >= lateAt) {
				setState(entry, ProcessState.LATE, lateAt);
				next = deadAt;
			}
			else {
				setState(entry, beatState(entry), entry.recordTime);
				next = lateAt;
			}
		}
		boolean snoozed = entry.snoozedUntil > now;
		if (!snoozed) {
			entry.snoozedUntil = ProcessEntry.NOT_SNOOZED;
		}
		if (entry.state != entry.reported) {
			if (snoozed) {
				next = Math.min(next, entry.snoozedUntil);
			}
			else if (this.holdMillis == 0 || entry.state == DEAD || entry.state == STOPPED
					|| now - entry.stateSince >= this.holdMillis) {
				report(entry, false);
			}
			else {
				next = Math.min(next, entry.stateSince + this.holdMillis);
			}
		}
		if (this.reminderMillis > 0 && entry.state == DEAD && entry.reported == DEAD) {
			if (snoozed) {
				next = Math.min(next, entry.snoozedUntil);
			}
			else {
				if (now - entry.reminderAnchor >= this.reminderMillis) {
					// coalesce reminders missed while behind into the latest one
					entry.reminderAnchor += (now - entry.reminderAnchor) / this.reminderMillis * this.reminderMillis;
					report(entry, true);
				}
				next = Math.min(next, entry.reminderAnchor + this.reminderMillis);
			}
		}
		schedule(entry, next);
	}

	// take the state the beat gives as reported, leaving deadlines to the next advance
	private void restore(ProcessEntry entry) {
		ProcessState state = beatState(entry);
		setState(entry, state, entry.recordTime);
		entry.reported = entry.state;
		if (state == ProcessState.STOPPED) {
			schedule(entry, NEVER);
		}
		else {
			schedule(entry, entry.recordTime + this.math.of(entry.durationNanos).lateOffset());
		}
	}

	private void setState(ProcessEntry entry, ProcessState state, long since) {
		int ordinal = state.ordinal();
		if (entry.state != ordinal) {
			this.counts[entry.state]--;
			this.counts[ordinal]++;
			entry.state = (byte) ordinal;
			entry.stateSince = since;
		}
	}

	private void report(ProcessEntry entry, boolean reminder) {
		ProcessState from = STATES[entry.reported];
		ProcessState to = STATES[entry.state];
		long at = reminder ? entry.reminderAnchor : entry.stateSince;
		entry.reported = entry.state;
		if (!reminder && to == ProcessState.DEAD) {
			entry.reminderAnchor = this.now;
		}
		this.eventCount++;
		this.undelivered.add(new StateChange(entry.key(), entry.app, from, to, Instant.ofEpochMilli(at),
				Instant.ofEpochMilli(this.now), lastBeat(entry), reminder));
	}

	private void schedule(ProcessEntry entry, long next) {
		if (next == NEVER) {
			this.wheel.cancel(entry);
			return;
		}
		this.wheel.schedule(entry, next);
		if (next < this.plannedWake) {
			this.plannedWake = Long.MIN_VALUE;
			this.wakeHook.run();
		}
	}

	private void drop(ProcessEntry entry) {
		this.wheel.cancel(entry);
		this.counts[entry.state]--;
	}

	private long tick() {
		long wall = this.clock.wallTime();
		if (wall > this.now) {
			this.now = Math.min(wall, TimerWheel.MAX_TIME / 2);
		}
		return this.now;
	}

	private ProcessSnapshot snapshot(ProcessEntry entry) {
		Instant lateAt = null;
		Instant deadAt = null;
		if (entry.kind != STOP) {
			this.math.of(entry.durationNanos);
			lateAt = Instant.ofEpochMilli(entry.recordTime + this.math.lateOffset());
			deadAt = Instant.ofEpochMilli(entry.recordTime + this.math.deadOffset());
		}
		Instant snoozedUntil = (entry.snoozedUntil > this.now) ? Instant.ofEpochMilli(entry.snoozedUntil) : null;
		return new ProcessSnapshot(entry.key(), entry.app, STATES[entry.state], STATES[entry.reported],
				lastBeat(entry), lateAt, deadAt, snoozedUntil);
	}

	private static LastBeatInfo lastBeat(ProcessEntry entry) {
		Duration duration = (entry.kind != STOP) ? Duration.ofNanos(entry.durationNanos) : null;
		return new LastBeatInfo(KINDS[entry.kind], duration, Instant.ofEpochMilli(entry.recordTime), entry.instance(),
				entry.seq, STATUSES[entry.status], entry.health);
	}

	// deliver undelivered events unless another thread is at it (then it delivers ours too)
	private void deliver() {
		if (this.deliveryLock.isHeldByCurrentThread()) {
			// a listener called back into the engine: the loop below delivers these after the
			// current event, keeping the order
			return;
		}
		while (this.deliveryLock.tryLock()) {
			try {
				List<StateChange> batch;
				while ((batch = takeUndelivered()) != null) {
					for (StateChange change : batch) {
						notifyListeners(change);
					}
				}
			}
			finally {
				this.deliveryLock.unlock();
			}
			// events added after our last take, by a thread that found us delivering
			if (!hasUndelivered()) {
				return;
			}
		}
	}

	private List<StateChange> takeUndelivered() {
		this.lock.lock();
		try {
			if (this.undelivered.isEmpty()) {
				return null;
			}
			List<StateChange> batch = new ArrayList<>(this.undelivered);
			this.undelivered.clear();
			return batch;
		}
		finally {
			this.lock.unlock();
		}
	}

	private boolean hasUndelivered() {
		this.lock.lock();
		try {
			return !this.undelivered.isEmpty();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void notifyListeners(StateChange change) {
		if (logger.isDebugEnabled()) {
			logger.debug("Process {} went from {} to {} at {}{}", change.process(), change.from(), change.to(),
					change.at(), change.reminder() ? " (reminder)" : "");
		}
		for (MonitorListener listener : this.listeners) {
			try {
				listener.onStateChange(change);
			}
			catch (Throwable ex) {
				logger.warn("Monitor listener {} failed on {}; the other listeners still run", listener, change, ex);
			}
		}
	}

	private void notifyIgnored(BeatRecord record, Admission result) {
		for (MonitorListener listener : this.listeners) {
			try {
				if (result == Admission.STALE) {
					listener.onStaleRecord(record);
				}
				else {
					listener.onRejectedRecord(record);
				}
			}
			catch (Throwable ex) {
				logger.warn("Monitor listener {} failed on {} record {}", listener, result, record, ex);
			}
		}
	}

	private static long ceilMillis(Duration duration) {
		long nanos = duration.toNanos();
		return nanos / 1_000_000 + ((nanos % 1_000_000 != 0) ? 1 : 0);
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
