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
 * {@link StringDeduplicator} shares app and health strings.
 * <p>
 * <b>Scale.</b> Processes live in an intrusive hash table and each has at most one timer (its
 * earliest pending deadline, hold end, reminder or snooze end) in a hierarchical timing wheel: a
 * beat is an O(1) lookup and an O(1) timer update, allocating nothing (a beat that only pushes the
 * deadline later leaves the timer in its place, which the wheel reaches no later than the new
 * deadline and then moves the timer on); an advance costs what falls due, plus moving far timers
 * nearer (at most once per wheel level) and timers that beats pushed later (once each time their
 * old place is reached), never a scan. About 112 bytes per process plus its id string.
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
