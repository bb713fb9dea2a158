package dev.heartbeat.bench.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.heartbeat.bench.Fleet;
import dev.heartbeat.bench.Machine;
import dev.heartbeat.bench.Percentiles;
import dev.heartbeat.bench.Table;
import dev.heartbeat.bench.peers.AgronaPeer;
import dev.heartbeat.bench.peers.CaffeinePeer;
import dev.heartbeat.bench.peers.Deaths;
import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.monitor.BeatRecord;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.monitor.DeadlineEngineConfig;
import dev.heartbeat.core.monitor.DeadlineLoop;
import dev.heartbeat.core.monitor.MonitorListener;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.monitor.StateChange;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.time.HeartbeatClock;

/**
 * Benchmark 4: detection lag. A {@link DeadlineEngine} on the system clock, driven by a
 * {@link DeadlineLoop} as in the monitor, tracks {@code processes} processes that beat every
 * {@code period} (default 10 s: late after 15 s, dead after 30 s). A feeder thread sends the
 * first beats spread evenly over one period, then every process's next beat one period after its
 * last (100,000 beats/s at a million), as a real fleet does; once every process is tracked, a full
 * GC settles the heap as in a monitor that has run for a while. 99 % keep beating, while 1 % stop:
 * <ul>
 * <li><b>staggered</b>: each victim's last beat is in the second round, so their dead deadlines
 * spread over one period (about 1,000 a second at a million);</li>
 * <li><b>simultaneous</b>: all victims send their last beat in the same millisecond, so all their
 * dead deadlines fall in one millisecond (10,000 at once at a million).</li>
 * </ul>
 * For every DEAD event the listener takes the wall time on receipt ({@link Instant#now()},
 * microseconds) minus the deadline ({@link StateChange#at()}, the exact millisecond the process
 * became dead): the lag includes waking, the expiry and delivery. The engine's own
 * {@link StateChange#detectionLag()} (millisecond resolution) is shown beside it, and so are the
 * GC pauses between the first deadline and the last event. Any LATE or DEAD of a process that
 * kept beating is counted as a false alarm.
 * <p>
 * The peers run the same scenarios, one after the other in the same JVM: {@link CaffeinePeer},
 * whose deaths are its evictions of expired entries, by the cache's own scheduler, and
 * {@link AgronaPeer}, single-threaded, whose wheel the feeder thread polls up to the clock on
 * every turn of its loop (about every half millisecond), as an Agrona agent's duty cycle would.
 * For them the deadline of a death is the victim's last record time plus three periods, the
 * engine's dead deadline.
 * <p>
 * Each beat's record time is the time it was due (exactly one period after the last one), as its producer would stamp it, not the time
 * the feeder sent it: after a hiccup of the feeder the beats it catches up on keep spread record
 * times (the same millisecond for a second's worth of beats would need an Agrona wheel of 4 GiB,
 * since every tick of it has the capacity of its fullest).
 */
public final class DetectionLagBenchmark {

	/**
	 * The p99 the issue asks for, in milliseconds.
	 */
	public static final long TARGET_P99_MILLIS = 50;

	/**
	 * The subjects, in the order the benchmark runs them.
	 */
	public static final List<String> SUBJECTS = List.of("engine", "caffeine", "agrona");

	private DetectionLagBenchmark() {
	}

	/**
	 * Run both scenarios.
	 * @param args the number of processes (a million by default) and the period in milliseconds
	 * (10,000 by default)
	 */
	public static void main(String[] args) throws Exception {
		int processes = (args.length > 0) ? Integer.parseInt(args[0]) : 1_000_000;
		long periodMillis = (args.length > 1) ? Long.parseLong(args[1]) : 10_000;
		System.out.println("[lag] " + Machine.describe());
		System.out.println("[lag] processes=" + processes + ", period=" + periodMillis + " ms (dead after "
				+ periodMillis * 3 + " ms), victims=1 %, JVM flags " + Machine.jvmFlags());
		List<Result> results = new java.util.ArrayList<>();
		for (String subject : SUBJECTS) {
			for (boolean simultaneous : new boolean[] { false, true }) {
				System.gc();
				try {
					results.add(run(subject, processes, periodMillis, simultaneous, true));
				}
				catch (OutOfMemoryError ex) {
					// a peer that cannot hold the scenario in this heap is a result too (the array
					// that failed was never allocated, so the heap is free again)
					System.gc();
					String scenario = (simultaneous ? "simultaneous" : "staggered") + " (out of heap: " + ex.getMessage()
							+ ")";
					System.out.println("[lag] " + subject + " " + scenario + "; " + Machine.load());
					results.add(new Result(subject, scenario, Math.max(1, processes / 100), 0, new Percentiles(new long[0], 0),
							new Percentiles(new long[0], 0), 0, 0, 0, 0));
				}
			}
		}
		Table table = new Table("Detection lag: deadline to DEAD event on the real clock (" + Table.number(processes, 0)
				+ " processes, 1 % stop)", "subject", "scenario", "DEAD events", "p50", "p99", "p99.9", "max",
				"engine lag p99 / max", "false alarms", "GC pauses meanwhile (longest)", "target p99", "verdict");
		boolean engineOnlyUnder = true;
		for (Result result : results) {
			boolean under = result.meetsTarget();
			if (result.subject.equals("engine") ? !under : under) {
				engineOnlyUnder = false;
			}
			String engineLag = (result.engineLagMillis.count() == 0) ? "n/a"
					: result.engineLagMillis.at(99) + " / " + result.engineLagMillis.max() + " ms";
			table.row(label(result.subject), result.scenario, result.received + " / " + result.victims,
					ms(result.lagMicros.at(50)), ms(result.lagMicros.at(99)), ms(result.lagMicros.at(99.9)),
					ms(result.lagMicros.max()), engineLag, result.falseAlarms,
					result.gcPauses + " (" + result.longestGcPauseMillis + " ms)", "<= " + TARGET_P99_MILLIS + " ms",
					Table.verdict(under));
		}
		table.row("target: only the engine under " + TARGET_P99_MILLIS + " ms at p99", "", "", "", "", "", "", "", "",
				"", "", Table.verdict(engineOnlyUnder));
		table.print(System.out);
		System.out.println("[lag] done; " + Machine.load());
	}

	/**
	 * Run one scenario on the engine.
	 * @see #run(String, int, long, boolean, boolean)
	 */
	public static Result run(int processes, long periodMillis, boolean simultaneous, boolean settle)
			throws InterruptedException {
		return run("engine", processes, periodMillis, simultaneous, settle);
	}

	/**
	 * Run one scenario.
	 * @param subject one of {@link #SUBJECTS}
	 * @param processes how many processes
	 * @param periodMillis their period
	 * @param simultaneous whether the victims all stop in the same millisecond
	 * @param settle whether to run a full GC once every process is tracked, so that the load's
	 * survivors are promoted as in a monitor that has run for a while (a pause of a second or so
	 * at a million processes; leave it out with short periods, where it would make processes late)
	 * @return the result
	 */
	public static Result run(String subject, int processes, long periodMillis, boolean simultaneous, boolean settle)
			throws InterruptedException {
		String scenario = simultaneous ? "simultaneous" : "staggered";
		Fleet fleet = Fleet.of(processes);
		int[] order = fleet.shuffledOrder(13);
		int victimCount = Math.max(1, processes / 100);
		boolean[] victim = new boolean[processes];
		// each victim's dead deadline as of its last beat so far: the deadline of its death
		Map<String, Long> victimDeadlines = new ConcurrentHashMap<>();
		for (int v = 0; v < victimCount; v++) {
			int p = order[(v * 100 + 50) % processes];
			victim[p] = true;
			victimDeadlines.put(fleet.process(p), Long.MIN_VALUE);
		}
		long[] lagMicros = new long[victimCount];
		long[] engineLagMillis = new long[victimCount];
		AtomicInteger received = new AtomicInteger();
		AtomicInteger engineLags = new AtomicInteger();
		AtomicInteger falseAlarms = new AtomicInteger();
		AtomicLong firstDeadline = new AtomicLong(Long.MAX_VALUE);
		Listener listener = new Listener() {

			@Override
			public void dead(String process, long engineLag) {
				Instant now = Instant.now();
				long nowMicros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
				Long deadline = victimDeadlines.get(process);
				if (deadline == null) {
					falseAlarms.incrementAndGet();
					return;
				}
				int i = received.getAndIncrement();
				if (i < lagMicros.length) {
					lagMicros[i] = nowMicros - deadline * 1_000;
					if (engineLag >= 0) {
						engineLagMillis[engineLags.getAndIncrement()] = engineLag;
					}
					firstDeadline.accumulateAndGet(deadline, Math::min);
				}
			}

			@Override
			public void late(String process) {
				if (!victimDeadlines.containsKey(process)) {
					falseAlarms.incrementAndGet();
				}
			}

		};
		GcPauses pauses = GcPauses.start();
		Tracker tracker = Tracker.of(subject, listener);
		Beat beat = Beat.beat(Duration.ofMillis(periodMillis));
		long deadAfter = periodMillis * CaffeinePeer.DEAD_AFTER_PERIODS;
		long total = processes;
		// when each process last beat: its next beat is due one period later
		long[] lastBeat = new long[processes];
		long maxBehind = 0;
		long end;
		try {
			long start = HeartbeatClock.SYSTEM.wallTime();
			long giveUp = start + 6 * periodMillis + Math.max(10_000, 2 * periodMillis);
			long sent = 0;
			boolean settled = false;
			while (received.get() < victimCount) {
				long now = HeartbeatClock.SYSTEM.wallTime();
				if (now > giveUp) {
					break;
				}
				tracker.poll(now);
				// round 0 spreads the first beats evenly over a period; after that every process
				// beats one period after its last beat, in the same order
				while (true) {
					int round = (int) (sent / total);
					int p = order[(int) (sent % total)];
					long due = (round == 0) ? start + (sent * periodMillis) / total : lastBeat[p] + periodMillis;
					if (due > now) {
						break;
					}
					if (round == 1 && !settled) {
						// every process is tracked: let the heap settle as in a monitor that has run
						// for a while (the load's survivors promoted), then go on
						settled = true;
						if (settle) {
							System.gc();
						}
						if (simultaneous) {
							long burst = HeartbeatClock.SYSTEM.wallTime();
							for (int q = 0; q < processes; q++) {
								if (victim[q]) {
									victimDeadlines.put(fleet.process(q), burst + deadAfter);
									tracker.beat(record(fleet, q, beat, burst, 2));
								}
							}
						}
						System.out.println("[lag] " + subject + " " + scenario + ": " + tracker.size()
								+ " processes tracked, 99 % beating on, the victims beat for the last time");
						break;
					}
					boolean silent = victim[p] && (simultaneous ? round >= 1 : round >= 2);
					if (!silent) {
						if (round >= 1) {
							// how late a beat of the steady rounds is sent (the load may lag, harmlessly)
							maxBehind = Math.max(maxBehind, now - due);
						}
						// stamped with the time it was due, as its producer would stamp it, not with
						// the time the feeder got to it: after a hiccup of the feeder (the settling
						// GC, the load) the beats it catches up on keep their spread record times
						if (victim[p]) {
							victimDeadlines.put(fleet.process(p), due + deadAfter);
						}
						tracker.beat(record(fleet, p, beat, due, round + 1));
						lastBeat[p] = due;
					}
					sent++;
				}
				LockSupport.parkNanos(500_000);
			}
			end = HeartbeatClock.SYSTEM.wallTime();
		}
		finally {
			tracker.close();
			pauses.stop();
		}
		int count = Math.min(received.get(), victimCount);
		GcPauses.Window window = pauses.within(firstDeadline.get(), end);
		Result result = new Result(subject, scenario, victimCount, received.get(), new Percentiles(lagMicros, count),
				new Percentiles(engineLagMillis, Math.min(engineLags.get(), victimCount)), falseAlarms.get(), maxBehind,
				window.count(), window.maxMillis());
		System.out.println("[lag] " + subject + " " + scenario + ": " + result.received + " of " + victimCount
				+ " DEAD events, " + result.falseAlarms + " false alarms; while they died: " + window.count()
				+ " GC pause(s), longest " + window.maxMillis() + " ms; feeder at most " + maxBehind + " ms behind; "
				+ Machine.load());
		return result;
	}

	private static String label(String subject) {
		return switch (subject) {
			case "engine" -> "DeadlineEngine";
			case "caffeine" -> "Caffeine 3.2";
			case "agrona" -> "Agrona 2.2 (8 ms ticks)";
			default -> subject;
		};
	}

	/**
	 * What a subject reports: deaths, with the engine's own lag where it has one, and LATE.
	 */
	interface Listener {

		void dead(String process, long engineLagMillis);

		void late(String process);

	}

	/**
	 * A subject of the benchmark, fed and polled by the feeder thread.
	 */
	interface Tracker {

		void beat(BeatRecord record);

		/**
		 * On every turn of the feeder's loop: what a single-threaded subject's duty cycle does.
		 */
		void poll(long now);

		long size();

		void close();

		static Tracker of(String subject, Listener listener) {
			return switch (subject) {
				case "engine" -> new EngineTracker(listener);
				case "caffeine" -> new CaffeineTracker(listener);
				case "agrona" -> new AgronaTracker(listener);
				default -> throw new IllegalArgumentException("subject must be one of " + SUBJECTS + ", was " + subject);
			};
		}

	}

	private static final class EngineTracker implements Tracker {

		private final DeadlineEngine engine = new DeadlineEngine(DeadlineEngineConfig.ofDefaults(),
				HeartbeatClock.SYSTEM);

		private final DeadlineLoop loop;

		EngineTracker(Listener listener) {
			this.engine.addListener(new MonitorListener() {

				@Override
				public void onStateChange(StateChange change) {
					if (change.to() == ProcessState.DEAD) {
						listener.dead(change.process(), change.detectionLag().toMillis());
					}
					else if (change.to() == ProcessState.LATE) {
						listener.late(change.process());
					}
				}

			});
			this.loop = new DeadlineLoop(this.engine);
			this.loop.start((task) -> new Thread(task, "deadline-loop"));
		}

		@Override
		public void beat(BeatRecord record) {
			this.engine.onBeat(record);
		}

		@Override
		public void poll(long now) {
			// the deadline loop has a thread of its own
		}

		@Override
		public long size() {
			return this.engine.size();
		}

		@Override
		public void close() {
			this.loop.stop();
		}

	}

	private static final class CaffeineTracker implements Tracker {

		private final CaffeinePeer peer;

		CaffeineTracker(Listener listener) {
			Deaths deaths = (process) -> listener.dead(process, -1);
			this.peer = new CaffeinePeer(HeartbeatClock.SYSTEM, deaths);
		}

		@Override
		public void beat(BeatRecord record) {
			this.peer.beat(record.process(),
					CaffeinePeer.deadline(record.recordTime(), record.beat().duration().toMillis()));
		}

		@Override
		public void poll(long now) {
			// the cache's scheduler expires entries
		}

		@Override
		public long size() {
			return this.peer.size();
		}

		@Override
		public void close() {
		}

	}

	private static final class AgronaTracker implements Tracker {

		private final AgronaPeer peer;

		AgronaTracker(Listener listener) {
			Deaths deaths = (process) -> listener.dead(process, -1);
			this.peer = new AgronaPeer(HeartbeatClock.SYSTEM.wallTime(), deaths);
		}

		@Override
		public void beat(BeatRecord record) {
			this.peer.beat(record.process(),
					record.recordTime() + record.beat().duration().toMillis() * CaffeinePeer.DEAD_AFTER_PERIODS);
		}

		@Override
		public void poll(long now) {
			this.peer.poll(now);
		}

		@Override
		public long size() {
			return this.peer.size();
		}

		@Override
		public void close() {
		}

	}

	private static BeatRecord record(Fleet fleet, int p, Beat beat, long recordTime, long seq) {
		return new BeatRecord(fleet.process(p), Fleet.app(p), beat, recordTime, fleet.instance(p), seq,
				RunStatus.RUNNING, "UP");
	}

	private static String ms(long micros) {
		return Table.number(micros / 1000.0, 2) + " ms";
	}

	/**
	 * What one scenario measured.
	 * @param subject what was measured, one of {@link #SUBJECTS}
	 * @param scenario its name
	 * @param victims how many processes stopped
	 * @param received how many DEAD events arrived for them
	 * @param lagMicros receipt time minus deadline, microseconds
	 * @param engineLagMillis the engine's detection lag, milliseconds (none for a peer)
	 * @param falseAlarms LATE or DEAD events of processes that kept beating
	 * @param maxBehindMillis how far the feeder fell behind its schedule
	 * @param gcPauses GC pauses between the first deadline and the last DEAD event
	 * @param longestGcPauseMillis the longest of them
	 */
	public record Result(String subject, String scenario, int victims, int received, Percentiles lagMicros,
			Percentiles engineLagMillis, int falseAlarms, long maxBehindMillis, int gcPauses,
			long longestGcPauseMillis) {

		/**
		 * Whether every victim was reported, with no false alarm and a p99 within the target.
		 * @return whether the target is met
		 */
		public boolean meetsTarget() {
			return this.received == this.victims && this.falseAlarms == 0
					&& this.lagMicros.at(99) <= TARGET_P99_MILLIS * 1_000;
		}

	}

}
