/**
 * The deadline engine's working parts behind {@link dev.heartbeat.core.monitor.DeadlineEngine},
 * and the batch entry point of the monitor's ingest ({@link BatchIngest}, {@link BeatFields});
 * not API, may change in any release.
 * <p>
 * <b>Parts.</b> {@link EngineCore} runs every operation: it takes the lock and the engine's time,
 * looks the process up in its {@link ProcessTable}, lets {@code BeatAdmission} decide whether a
 * record is applied and copy it into the process's {@code ProcessEntry}, lets
 * {@code ProcessStateMachine} compute the state, report changes (hold time, snooze, reminders)
 * and say when the process next needs a look (the deadlines of a beat from {@code BeatDeadlines}:
 * by its period, or for a scheduled job by its {@code ScheduledRun}), sets that timer in {@code ProcessTimers} (a
 * {@link TimerWheel} and the driver's wake-up), and after releasing the lock has
 * {@code EventDelivery} deliver the events. {@link DeadlineMath} gives the exact deadline
 * offsets, {@link InstanceIds} packs short hex instance ids into a {@code long},
 * {@link StringDeduplicator} shares app and health strings. {@code PartitionSights} keeps, per
 * watched partition, up to when it is seen, the processes whose timers wait for that (held
 * verdicts, linked through the wheel's own fields), its blind spells and the log silences that
 * re-arm deadlines; a process of an unwatched partition pays one array read for it.
 * {@link EngineSight} is the entry point of sight and of what listeners were told (a takeover
 * restores it, for processes and their apps), {@link EngineReads} of what the engine tells of its
 * processes and when its driver must wake.
 * <p>
 * <b>Apps.</b> {@code AppBook} keeps each app's {@code AppEntry}: how many of its instances are
 * in each state, updated in O(1) when an instance changes state (never on a beat that changes
 * nothing), joins or leaves; an app so touched is settled once at the end of the operation,
 * where {@code AppStateMachine} derives its state and reports it (hold time, snooze, reminders)
 * as {@code ProcessStateMachine} does a process's. An app's timer sits in the same wheel as the
 * processes'. {@link EngineApps} is the apps' entry point.
 * <p>
 * <b>Scale.</b> Processes live in an intrusive hash table and each has at most one timer (its
 * earliest pending deadline, hold end, reminder, snooze end or retention end) in a hierarchical timing wheel: a
 * beat is an O(1) lookup and an O(1) timer update, allocating nothing (a beat that only pushes the
 * deadline later leaves the timer in its place, which the wheel reaches no later than the new
 * deadline and then moves the timer on); an advance costs what falls due, plus moving far timers
 * nearer (at most once per wheel level) and timers that beats pushed later (once each time their
 * old place is reached), never a scan. About 128 bytes per process plus its id string.
 * <p>
 * <b>Threads.</b> One lock guards all state. Listeners run after the lock is released, on a
 * calling thread, in the order the events happened: events are queued under the lock, and if two
 * threads produce events at once, the one already delivering delivers both batches; a listener
 * that calls back into the engine has its events delivered after the current one. A mass expiry
 * is worked off a few thousand timers per lock hold, so that beats get in and events out
 * meanwhile.
 */
@NullMarked
package dev.heartbeat.core.monitor.internal;

import org.jspecify.annotations.NullMarked;
