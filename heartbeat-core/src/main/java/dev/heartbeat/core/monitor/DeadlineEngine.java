package dev.heartbeat.core.monitor;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import dev.heartbeat.core.monitor.internal.BatchIngest;
import dev.heartbeat.core.monitor.internal.EngineCore;
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
 * <b>Scheduled jobs.</b> A process that the configuration's
 * {@linkplain DeadlineEngineConfig#schedules() schedules} name is judged by its next scheduled run
 * instead: after a {@code beat}, {@code degraded} or {@code stop} at {@code t} it is {@code LATE}
 * from {@code next + grace} and {@code DEAD} from {@code next + 2 × grace}, {@code next} being the
 * first run after {@code t}, whatever period the beat announced; its {@code STOPPED} lasts until
 * then. A {@code start/<warmup>} is judged by its warm-up as above. See {@link JobSchedule}.
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
 * <b>Cost.</b> A beat is O(1) and allocates nothing unless the state changes; an
 * {@link #advance()} costs what falls due, never a scan of all processes; a tracked process takes
 * about 112 bytes plus its id string.
 * <p>
 * <b>Threads.</b> Thread-safe: the consumer thread calls {@link #onBeat}, a driver (see
 * {@link DeadlineLoop}) calls {@link #advance()}, and an endpoint calls {@link #list},
 * {@link #snooze} and {@link #forget} at will. Listeners run on a calling thread, after the
 * engine's lock is released, in the order the events happened. A listener that throws is logged
 * with the event and the other listeners still run.
 */
public final class DeadlineEngine {

	private final DeadlineEngineConfig config;

	private final HeartbeatClock clock;

	private final EngineCore core;

	/**
	 * Create an engine.
	 * @param config the configuration
	 * @param clock the clock whose wall time decides what is due
	 */
	public DeadlineEngine(DeadlineEngineConfig config, HeartbeatClock clock) {
		this.config = Objects.requireNonNull(config, "config");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.core = new EngineCore(config, clock);
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
		return this.core.onBeat(record);
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
		return this.core.restore(record);
	}

	/**
	 * Process everything due at the clock's current wall time and fire the events. Costs what is
	 * due, never a scan of all processes. When much falls due at once, the work is done in chunks
	 * of a few thousand processes, releasing the lock and delivering events after each.
	 * @return the number of events fired
	 */
	public int advance() {
		return this.core.advance();
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
		return this.core.nextWakeTime();
	}

	/**
	 * What the engine knows about one process.
	 * @param process the process id
	 * @return its snapshot, or empty if it is not tracked
	 */
	public Optional<ProcessSnapshot> get(String process) {
		return this.core.get(process);
	}

	/**
	 * Snapshots of the processes that match a filter, in no particular order. Scans every process
	 * under the engine's lock until {@code limit} matched, so keep the filter quick.
	 * @param filter which processes to include
	 * @param limit the most to return
	 * @return the matching snapshots
	 */
	public List<ProcessSnapshot> list(Predicate<? super ProcessSnapshot> filter, int limit) {
		return this.core.list(filter, limit);
	}

	/**
	 * The number of tracked processes.
	 * @return the count
	 */
	public int size() {
		return this.core.size();
	}

	/**
	 * The number of tracked processes in each state, kept up to date on every change (O(1) here).
	 * @return a count for every state ({@link ProcessState#UNKNOWN} always 0)
	 */
	public Map<ProcessState, Long> countByState() {
		return this.core.countByState();
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
		return this.core.snooze(process, until);
	}

	/**
	 * Stop tracking a process, with its timers; fires no event. Seen again, it starts over from
	 * {@link ProcessState#UNKNOWN}.
	 * @param process the process id
	 * @return whether it was tracked
	 */
	public boolean forget(String process) {
		return this.core.forget(process);
	}

	/**
	 * Forget every process whose id matches, e.g. those of a revoked partition. Scans every
	 * process under the engine's lock.
	 * @param process which process ids to forget
	 * @return the number forgotten
	 */
	public int forgetIf(Predicate<String> process) {
		return this.core.forgetIf(process);
	}

	/**
	 * Add a listener.
	 * @param listener the listener
	 */
	public void addListener(MonitorListener listener) {
		this.core.addListener(listener);
	}

	/**
	 * Remove a listener.
	 * @param listener the listener
	 */
	public void removeListener(MonitorListener listener) {
		this.core.removeListener(listener);
	}

	/**
	 * The entry point for a consumer that applies records in batches, e.g. those of one poll:
	 * prefetching a chunk's processes and applying the chunk under one hold of the engine's lock,
	 * each record exactly as {@link #onBeat} applies it. Used by the monitor's Kafka ingest; not
	 * API: it lives in an {@code internal} package and may change in any release.
	 * @return the batch entry point of this engine
	 */
	public BatchIngest ingest() {
		return this.core.ingest();
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
		return this.core.timersFired();
	}

	/**
	 * Tell the engine when its driver will look again: until then, a timer set earlier than
	 * that (a new process, a shorter period) runs the hook once. Used by {@link DeadlineLoop}.
	 * @param hook what wakes the driver
	 * @return {@link #nextWakeTime()}
	 */
	long planWake(Runnable hook) {
		return this.core.planWake(hook);
	}

	/**
	 * Forget the plan made with a hook, unless another hook made a newer one.
	 * @param hook the hook given to {@link #planWake(Runnable)}
	 */
	void unplanWake(Runnable hook) {
		this.core.unplanWake(hook);
	}

}
