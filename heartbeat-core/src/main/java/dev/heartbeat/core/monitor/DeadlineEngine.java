package dev.heartbeat.core.monitor;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import dev.heartbeat.core.monitor.internal.BatchIngest;
import dev.heartbeat.core.monitor.internal.EngineApps;
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
 * <b>Apps.</b> Processes are grouped by app, the {@code app} of their records (an empty app forms
 * none): an app's instances are its tracked processes, and its {@link AppState} is derived from
 * theirs and the app's {@linkplain DeadlineEngineConfig#minInstances(String) minimum of alive
 * instances}. A change of an app's state is an {@link AppStateChange}, damped by the hold time
 * and held by a {@linkplain #snoozeApp snooze} as a process's change is, and an app that stays
 * dead or degraded is reminded of as a dead process is. An app is settled once at the end of
 * each operation (a beat, a batch, an advance, a snooze, a forget): its instances may change in
 * any order within it, the app changes at most once. A dead instance of an app that has at least
 * its minimum alive (as of the last settle) is <em>replaced</em>: its death was reported once,
 * and it gets no reminders while its app is not short.
 * <p>
 * <b>Retention.</b> A process stopped for {@linkplain DeadlineEngineConfig#forgetStoppedAfter()
 * forget-stopped-after}, or dead for {@linkplain DeadlineEngineConfig#forgetDeadAfter()
 * forget-dead-after} (counted from its dead deadline), is forgotten: no event, but listeners are
 * told ({@link MonitorListener#onForgotten}), and its app loses an instance.
 * <p>
 * <b>Time.</b> The engine's time is the clock's wall time, but never goes back: should the wall
 * clock step back, the engine waits for it to catch up.
 * <p>
 * <b>Sight.</b> A consumer that reads the beats from partitions can have the engine hold the
 * verdicts of a partition until it has seen that partition up to their time ({@link #watch},
 * {@link #seen}), so that a monitor that cannot see (a broker it cannot reach, a consumer behind)
 * never reports a process LATE or DEAD for a beat it could not have seen, and can re-arm the
 * deadlines of processes that could not write ({@link LogSilence}).
 * <p>
 * <b>Cost.</b> A beat is O(1) and allocates nothing unless the state changes; an
 * {@link #advance()} costs what falls due, never a scan of all processes; a tracked process takes
 * about 128 bytes plus its id string; an app costs a few hundred bytes, whatever its instances.
 * <p>
 * <b>Threads.</b> Thread-safe: the consumer thread calls {@link #onBeat}, a driver (see
 * {@link DeadlineLoop}) calls {@link #advance()}, and an endpoint calls {@link #list},
 * {@link #snooze} and {@link #forget} at will. Listeners run on a calling thread, after the
 * engine's lock is released, in the order the events happened. A listener that throws is logged
 * with the event and the other listeners still run.
 */
public final class DeadlineEngine {

	private static final int NO_PARTITION = -1;

	private final DeadlineEngineConfig config;

	private final HeartbeatClock clock;

	private final EngineCore core;

	private final EngineApps apps;

	/**
	 * Create an engine.
	 * @param config the configuration
	 * @param clock the clock whose wall time decides what is due
	 */
	public DeadlineEngine(DeadlineEngineConfig config, HeartbeatClock clock) {
		this.config = Objects.requireNonNull(config, "config");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.core = new EngineCore(config, clock);
		this.apps = new EngineApps(this.core);
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
		return this.core.onBeat(record, NO_PARTITION);
	}

	/**
	 * Apply one record consumed from a partition, as {@link #onBeat(BeatRecord)} does: the process
	 * now belongs to that partition, and while the partition is {@linkplain #watch watched} its
	 * verdicts wait for the partition to be seen.
	 * @param record the record
	 * @param partition the heartbeat partition it came from, not negative
	 * @return whether it was applied
	 */
	public Admission onBeat(BeatRecord record, int partition) {
		return this.core.onBeat(record, requirePartition(partition));
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
		return this.core.restore(record, NO_PARTITION);
	}

	/**
	 * Restore one record read from a partition while rebuilding it, as {@link #restore(BeatRecord)}
	 * does; the process belongs to that partition.
	 * @param record the record
	 * @param partition the heartbeat partition it came from, not negative
	 * @return whether it was applied
	 */
	public Admission restore(BeatRecord record, int partition) {
		return this.core.restore(record, requirePartition(partition));
	}

	/**
	 * Take what the listeners were last told about a restored process (by this monitor or another,
	 * before a restart or a rebalance) as reported: its reported state, reminder schedule and snooze.
	 * The next {@link #advance()} then reports only what differs from it: nothing for a process
	 * whose DEAD was already delivered (its reminders go on from where they were), one event for
	 * one that died or came back meanwhile. Call it after {@link #restore}, before the advance.
	 * @param process the process id
	 * @param reported what its listeners were told
	 * @return whether the process is tracked
	 */
	public boolean restoreReported(String process, ReportedState reported) {
		return this.core.sight().restoreReported(process, reported);
	}

	/**
	 * Take what the listeners were told of the apps of a partition as what the restored reports of
	 * their instances in it give ({@link #restoreReported}), so that a monitor taking over the
	 * partition repeats no app event either; each app is judged again at the partition's next
	 * sighting, when its instances' verdicts are. Call it once the reports of a rebuilt partition
	 * are restored; it scans every process.
	 * @param partition the partition
	 */
	public void restoreReportedApps(int partition) {
		this.core.sight().restoreReportedApps(partition);
	}

	/**
	 * Process everything due at the clock's current wall time and fire the events. Costs what is
	 * due, never a scan of all processes. When much falls due at once, the work is done in chunks
	 * of a few thousand processes, releasing the lock and delivering events after each.
	 * @return the number of events fired, of processes and apps
	 */
	public int advance() {
		return this.core.advance();
	}

	/**
	 * What the listeners of a tracked process were told, as this engine has it (its events may
	 * still be on their way to the listeners): the reported state, the reminder schedule of a
	 * process reported DEAD and its snooze.
	 * @param process the process id
	 * @return the reported state, empty if the process is not tracked or nothing was reported yet
	 */
	public Optional<ReportedState> reported(String process) {
		return this.core.sight().reported(process);
	}

	/**
	 * Judge a partition's processes by what is seen of it: from now on a process of the partition
	 * is judged at the time the partition is seen up to ({@link #seen}), never later. A deadline,
	 * hold end, reminder or snooze end the partition is not seen up to yet is not passed: its
	 * verdict is held, neither dropped nor given early, until {@link #seen} moves past it, and is
	 * then judged with the beats read by then. A partition unseen for longer than
	 * {@link DeadlineEngineConfig#blindAfter()} is blind (a {@link SightChange} to the listeners,
	 * once, and another when it is seen again). Watched as not seen at all
	 * ({@code watch(p, Long.MIN_VALUE)}, e.g. before its processes are restored by a rebuild),
	 * every verdict of its processes is held, and it does not count as blind, until the first
	 * {@link #seen} says how far it is seen.
	 * Processes of unwatched partitions, and those applied without a partition, are judged at the
	 * engine's time.
	 * @param partition the partition, not negative
	 * @param seenUpTo up to when it is seen now, epoch milliseconds, or {@link Long#MIN_VALUE}
	 */
	public void watch(int partition, long seenUpTo) {
		this.core.sight().watch(partition, seenUpTo);
	}

	/**
	 * Stop judging a partition's processes by sight (e.g. it was revoked): its held verdicts are
	 * judged at once at the engine's time.
	 * @param partition the partition, not negative
	 */
	public void unwatch(int partition) {
		this.core.sight().unwatch(partition);
	}

	/**
	 * Watched partitions are seen further: judge the held verdicts they are now seen up to. Sight
	 * never goes back. A sighting with a {@link LogSilence} re-arms the deadlines of the processes
	 * whose next beat fell due inside the silence: they count from the sighting's time, with one
	 * whole window (period × report-by buffer) before LATE or DEAD. The partitions whose blind
	 * spell ends here are told in one {@link SightChange}. Cost: the held verdicts released, and
	 * a look at those still held of the partitions seen further.
	 * @param sightings the partitions seen further; unwatched ones are ignored
	 * @return the number of events fired
	 */
	public int seen(Collection<Sighting> sightings) {
		return this.core.sight().seen(sightings);
	}

	/**
	 * The sight of every watched partition.
	 * @return one per watched partition, by partition
	 */
	public List<PartitionSight> sights() {
		return this.core.sight().sights();
	}

	/**
	 * The partition a tracked process's records come from.
	 * @param process the process id
	 * @return the partition, or -1 if the process is not tracked or came without one
	 */
	public int partitionOf(String process) {
		return this.core.sight().partitionOf(process);
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
		return this.core.reads().nextWakeTime();
	}

	/**
	 * What the engine knows about one process.
	 * @param process the process id
	 * @return its snapshot, or empty if it is not tracked
	 */
	public Optional<ProcessSnapshot> get(String process) {
		return this.core.reads().get(process);
	}

	/**
	 * Snapshots of the processes that match a filter, in no particular order. Scans every process
	 * under the engine's lock until {@code limit} matched, so keep the filter quick.
	 * @param filter which processes to include
	 * @param limit the most to return
	 * @return the matching snapshots
	 */
	public List<ProcessSnapshot> list(Predicate<? super ProcessSnapshot> filter, int limit) {
		return this.core.reads().list(filter, limit);
	}

	/**
	 * The number of tracked processes.
	 * @return the count
	 */
	public int size() {
		return this.core.reads().size();
	}

	/**
	 * The number of tracked processes in each state, kept up to date on every change (O(1) here).
	 * @return a count for every state ({@link ProcessState#UNKNOWN} always 0)
	 */
	public Map<ProcessState, Long> countByState() {
		return this.core.reads().countByState();
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
	 * Stop tracking a process, with its timers; fires no event, but tells listeners
	 * ({@link MonitorListener#onForgotten}, reason {@link ProcessForgotten.Reason#REQUEST}). Seen
	 * again, it starts over from {@link ProcessState#UNKNOWN}.
	 * @param process the process id
	 * @return whether it was tracked
	 */
	public boolean forget(String process) {
		return this.core.forget(process, ProcessForgotten.Reason.REQUEST);
	}

	/**
	 * Stop tracking a process for a reason, as {@link #forget(String)} does, e.g. because its
	 * tombstone was read.
	 * @param process the process id
	 * @param reason why, told to the listeners
	 * @return whether it was tracked
	 */
	public boolean forget(String process, ProcessForgotten.Reason reason) {
		return this.core.forget(process, reason);
	}

	/**
	 * Forget every process whose id matches, e.g. those of a revoked partition: they are another
	 * monitor's now, so listeners are not told, and their apps change here without events. Scans
	 * every process under the engine's lock.
	 * @param process which process ids to forget
	 * @return the number forgotten
	 */
	public int forgetIf(Predicate<String> process) {
		return this.core.forgetIf(process);
	}

	/**
	 * Snapshots of every app, in no particular order. Costs one snapshot per app, never a scan
	 * of the processes.
	 * @return the apps
	 */
	public List<AppSnapshot> apps() {
		return this.apps.list();
	}

	/**
	 * What the engine knows about one app.
	 * @param app the app's name
	 * @return its snapshot, or empty if no tracked process belongs to it
	 */
	public Optional<AppSnapshot> app(String app) {
		return this.apps.get(app);
	}

	/**
	 * The number of apps in each state, kept up to date on every change (O(1) here).
	 * @return a count for every state ({@link AppState#UNKNOWN} always 0)
	 */
	public Map<AppState, Long> countAppsByState() {
		return this.apps.countByState();
	}

	/**
	 * Hold back the events of an app until a time, as {@link #snooze} does for a process; its
	 * instances' own events are not held.
	 * @param app the app's name
	 * @param until when to deliver its events again
	 * @return whether the app is tracked
	 */
	public boolean snoozeApp(String app, Instant until) {
		return this.apps.snooze(app, until);
	}

	/**
	 * Forget every process whose records came from one of some partitions, e.g. those of revoked
	 * partitions. Scans every process under the engine's lock.
	 * @param partitions the partitions
	 * @return the number forgotten
	 */
	public int forgetPartitions(Collection<Integer> partitions) {
		return this.core.sight().forgetPartitions(partitions);
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

	private static int requirePartition(int partition) {
		if (partition < 0) {
			throw new IllegalArgumentException("partition must not be negative, was " + partition);
		}
		return partition;
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
		return this.core.reads().timersFired();
	}

	/**
	 * Tell the engine when its driver will look again: until then, a timer set earlier than
	 * that (a new process, a shorter period) runs the hook once. Used by {@link DeadlineLoop}.
	 * @param hook what wakes the driver
	 * @return {@link #nextWakeTime()}
	 */
	long planWake(Runnable hook) {
		return this.core.reads().planWake(hook);
	}

	/**
	 * Forget the plan made with a hook, unless another hook made a newer one.
	 * @param hook the hook given to {@link #planWake(Runnable)}
	 */
	void unplanWake(Runnable hook) {
		this.core.reads().unplanWake(hook);
	}

}
