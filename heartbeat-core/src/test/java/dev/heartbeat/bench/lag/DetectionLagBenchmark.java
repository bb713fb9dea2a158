package dev.heartbeat.bench.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.heartbeat.bench.Fleet;
import dev.heartbeat.bench.Machine;
import dev.heartbeat.bench.Percentiles;
import dev.heartbeat.bench.Table;
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
 */
public final class DetectionLagBenchmark {

	/**
	 * The p99 the issue asks for, in milliseconds.
	 */
	public static final long TARGET_P99_MILLIS = 50;

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
		Result staggered = run(processes, periodMillis, false, true);
		System.gc();
		Result simultaneous = run(processes, periodMillis, true, true);
		Table table = new Table("Detection lag: deadline to DEAD event on the real clock (" + Table.number(processes, 0)
				+ " processes, 1 % stop)", "scenario", "DEAD events", "p50", "p99", "p99.9", "max", "engine lag p99 / max",
				"false alarms", "GC pauses meanwhile (longest)", "target p99", "verdict");
		for (Result result : new Result[] { staggered, simultaneous }) {
			table.row(result.scenario, result.received + " / " + result.victims, ms(result.lagMicros.at(50)),
					ms(result.lagMicros.at(99)), ms(result.lagMicros.at(99.9)), ms(result.lagMicros.max()),
					result.engineLagMillis.at(99) + " / " + result.engineLagMillis.max() + " ms", result.falseAlarms,
					result.gcPauses + " (" + result.longestGcPauseMillis + " ms)", "<= " + TARGET_P99_MILLIS + " ms", Table.verdict(result.meetsTarget()));
		}
		table.print(System.out);
		System.out.println("[lag] done; " + Machine.load());
	}

	/**
	 * Run one scenario.
	 * @param processes how many processes
	 * @param periodMillis their period
	 * @param simultaneous whether the victims all stop in the same millisecond
	 * @param settle whether to run a full GC once every process is tracked, so that the load's
	 * survivors are promoted as in a monitor that has run for a while (a pause of a second or so
	 * at a million processes; leave it out with short periods, where it would make processes late)
	 * @return the result
	 */
	public static Result run(int processes, long periodMillis, boolean simultaneous, boolean settle)
			throws InterruptedException {
		String scenario = simultaneous ? "simultaneous" : "staggered";
		Fleet fleet = Fleet.of(processes);
		int[] order = fleet.shuffledOrder(13);
		int victimCount = Math.max(1, processes / 100);
		boolean[] victim = new boolean[processes];
		Set<String> victimIds = new HashSet<>();
		for (int v = 0; v < victimCount; v++) {
			int p = order[(v * 100 + 50) % processes];
			victim[p] = true;
			victimIds.add(fleet.process(p));
		}
		long[] lagMicros = new long[victimCount];
		long[] engineLagMillis = new long[victimCount];
		AtomicInteger received = new AtomicInteger();
		AtomicInteger falseAlarms = new AtomicInteger();
		AtomicLong firstDeadline = new AtomicLong(Long.MAX_VALUE);
		DeadlineEngine engine = new DeadlineEngine(DeadlineEngineConfig.ofDefaults(), HeartbeatClock.SYSTEM);
		engine.addListener(new MonitorListener() {

			@Override
			public void onStateChange(StateChange change) {
				if (change.to() != ProcessState.DEAD && change.to() != ProcessState.LATE) {
					return;
				}
				if (!victimIds.contains(change.process())) {
					falseAlarms.incrementAndGet();
					return;
				}
				if (change.to() == ProcessState.DEAD) {
					Instant now = Instant.now();
					long nowMicros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
					int i = received.getAndIncrement();
					if (i < lagMicros.length) {
						lagMicros[i] = nowMicros - change.at().toEpochMilli() * 1_000;
						engineLagMillis[i] = change.detectionLag().toMillis();
						firstDeadline.accumulateAndGet(change.at().toEpochMilli(), Math::min);
					}
				}
			}

		});
		GcPauses pauses = GcPauses.start();
		DeadlineLoop loop = new DeadlineLoop(engine);
		loop.start((task) -> new Thread(task, "deadline-loop"));
		Beat beat = Beat.beat(Duration.ofMillis(periodMillis));
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
									engine.onBeat(record(fleet, q, beat, burst, 2));
								}
							}
						}
						System.out.println("[lag] " + scenario + ": " + engine.size()
								+ " processes tracked, 99 % beating on, the victims beat for the last time");
						break;
					}
					boolean silent = victim[p] && (simultaneous ? round >= 1 : round >= 2);
					if (!silent) {
						if (round >= 1) {
							// how late a beat of the steady rounds is sent (the load may lag, harmlessly)
							maxBehind = Math.max(maxBehind, now - due);
						}
						engine.onBeat(record(fleet, p, beat, now, round + 1));
						lastBeat[p] = now;
					}
					sent++;
				}
				LockSupport.parkNanos(500_000);
			}
			end = HeartbeatClock.SYSTEM.wallTime();
		}
		finally {
			loop.stop();
			pauses.stop();
		}
		int count = Math.min(received.get(), victimCount);
		GcPauses.Window window = pauses.within(firstDeadline.get(), end);
		Result result = new Result(scenario, victimCount, received.get(), new Percentiles(lagMicros, count),
				new Percentiles(engineLagMillis, count), falseAlarms.get(), maxBehind, window.count(),
				window.maxMillis());
		System.out.println("[lag] " + scenario + ": " + result.received + " of " + victimCount + " DEAD events, "
				+ result.falseAlarms + " false alarms; while they died: " + window.count() + " GC pause(s), longest "
				+ window.maxMillis() + " ms; feeder at most " + maxBehind + " ms behind; " + Machine.load());
		return result;
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
	 * @param scenario its name
	 * @param victims how many processes stopped
	 * @param received how many DEAD events arrived for them
	 * @param lagMicros receipt time minus deadline, microseconds
	 * @param engineLagMillis the engine's detection lag, milliseconds
	 * @param falseAlarms LATE or DEAD events of processes that kept beating
	 * @param maxBehindMillis how far the feeder fell behind its schedule
	 * @param gcPauses GC pauses between the first deadline and the last DEAD event
	 * @param longestGcPauseMillis the longest of them
	 */
	public record Result(String scenario, int victims, int received, Percentiles lagMicros,
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
