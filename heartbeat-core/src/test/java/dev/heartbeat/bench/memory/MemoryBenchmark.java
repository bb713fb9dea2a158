package dev.heartbeat.bench.memory;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.Random;
import java.util.function.Consumer;

import dev.heartbeat.bench.Fleet;
import dev.heartbeat.bench.Machine;
import dev.heartbeat.bench.Table;
import dev.heartbeat.bench.engine.NaiveEngine;
import dev.heartbeat.bench.peers.AgronaPeer;
import dev.heartbeat.bench.peers.CaffeinePeer;
import dev.heartbeat.bench.peers.Deaths;
import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.monitor.BeatRecord;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.monitor.DeadlineEngineConfig;
import dev.heartbeat.core.monitor.MonitorListener;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.time.HeartbeatClock;
import dev.heartbeat.core.time.ManualClock;

/**
 * Benchmark 2: the heap a {@link DeadlineEngine} retains per tracked process. Heap used after a
 * full GC with the engine holding {@code processes} processes, minus heap used with the engine
 * empty, divided by the number of processes.
 * <p>
 * The records are what a consumer hands over: fresh strings for every field (the engine keeps
 * the process id and shares the rest), process ids like {@code orders-7f3a9c21b4de-000123},
 * 12-hex instance ids, eight app names, health {@code UP}. Nothing else is retained: ids are
 * generated on the fly. The same is measured for the peers of benchmark 1 ({@link CaffeinePeer},
 * {@link AgronaPeer}, fed the same records) and, for scale, for the naive baseline (a map and a
 * scheduled task per process) and the process id strings alone. The beats' record times are
 * spread over the period before now, as a real fleet's are.
 * <p>
 * Run it in a JVM of its own with a fixed heap ({@code -Xms -Xmx}), as the launcher does.
 */
public final class MemoryBenchmark {

	/**
	 * The most bytes per process the issue allows.
	 */
	public static final double TARGET_BYTES = 256;

	private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

	private MemoryBenchmark() {
	}

	/**
	 * Run it.
	 * @param args the number of processes, a million by default
	 */
	public static void main(String[] args) throws Exception {
		int processes = (args.length > 0) ? Integer.parseInt(args[0]) : 1_000_000;
		System.out.println("[memory] " + Machine.describe());
		System.out.println("[memory] processes=" + processes + ", JVM flags " + Machine.jvmFlags()
				+ ", heap used measured by MemoryMXBean after repeated System.gc()");
		Result result = measure(processes);
		Table table = new Table("Memory: retained heap per tracked process (" + Table.number(processes, 0)
				+ " processes)", "what", "heap used empty", "heap used full", "bytes/process", "target",
				"verdict");
		table.row("DeadlineEngine", mib(result.engine.before), mib(result.engine.after),
				Table.number(result.engine.perProcess(processes), 1), "<= " + (int) TARGET_BYTES,
				Table.verdict(result.engine.perProcess(processes) <= TARGET_BYTES));
		table.row("naive baseline (map + STPE task)", mib(result.naive.before), mib(result.naive.after),
				Table.number(result.naive.perProcess(processes), 1), "", "");
		table.row("Caffeine 3.2 (expireAfter, systemScheduler)", mib(result.caffeine.before),
				mib(result.caffeine.after), Table.number(result.caffeine.perProcess(processes), 1), "", "");
		table.row("Agrona 2.2 (DeadlineTimerWheel 8 ms x 4096, 2 maps)", mib(result.agrona.before),
				mib(result.agrona.after), Table.number(result.agrona.perProcess(processes), 1), "", "");
		table.row("the process id strings alone", mib(result.ids.before), mib(result.ids.after),
				Table.number(result.ids.perProcess(processes), 1), "", "");
		double smallestPeer = Math.min(result.caffeine.perProcess(processes), result.agrona.perProcess(processes));
		table.row("engine <= the smallest peer", "", "", Table.number(smallestPeer, 1) + " (smallest peer)",
				"<= smallest peer", Table.verdict(result.engine.perProcess(processes) <= smallestPeer));
		table.print(System.out);
		System.out.println("[memory] done; " + Machine.load());
	}

	/**
	 * Measure.
	 * @param processes how many processes
	 * @return the measurements
	 */
	public static Result measure(int processes) throws InterruptedException {
		Measurement engine = measureEngine(processes);
		Measurement naive = measureNaive(processes);
		Measurement caffeine = measureCaffeine(processes);
		Measurement agrona = measureAgrona(processes);
		Measurement ids = measureIds(processes);
		return new Result(engine, naive, ids, caffeine, agrona);
	}

	static Measurement measureEngine(int processes) throws InterruptedException {
		ManualClock clock = new ManualClock();
		DeadlineEngine engine = new DeadlineEngine(DeadlineEngineConfig.ofDefaults(), clock);
		engine.addListener(MonitorListener.NO_OP);
		long before = settledHeapUsed();
		feed(processes, clock.wallTime(), engine::onBeat);
		long after = settledHeapUsed();
		if (engine.size() != processes) {
			throw new IllegalStateException("the engine tracks " + engine.size() + " processes, not " + processes);
		}
		Reference.reachabilityFence(engine);
		return new Measurement(before, after);
	}

	static Measurement measureNaive(int processes) throws InterruptedException {
		NaiveEngine naive = new NaiveEngine(HeartbeatClock.SYSTEM, MonitorListener.NO_OP);
		long before = settledHeapUsed();
		feed(processes, System.currentTimeMillis(), naive::onBeat);
		long after = settledHeapUsed();
		if (naive.size() != processes) {
			throw new IllegalStateException("the baseline tracks " + naive.size() + " processes, not " + processes);
		}
		naive.close();
		Reference.reachabilityFence(naive);
		return new Measurement(before, after);
	}

	static Measurement measureCaffeine(int processes) throws InterruptedException {
		ManualClock clock = new ManualClock();
		CaffeinePeer caffeine = new CaffeinePeer(clock, Deaths.NONE);
		long before = settledHeapUsed();
		feed(processes, clock.wallTime(), (record) -> caffeine.beat(record.process(),
				CaffeinePeer.deadline(record.recordTime(), record.beat().duration().toMillis())));
		caffeine.cleanUp();
		long after = settledHeapUsed();
		if (caffeine.size() != processes) {
			throw new IllegalStateException("Caffeine holds " + caffeine.size() + " processes, not " + processes);
		}
		Reference.reachabilityFence(caffeine);
		return new Measurement(before, after);
	}

	static Measurement measureAgrona(int processes) throws InterruptedException {
		long now = new ManualClock().wallTime();
		AgronaPeer agrona = new AgronaPeer(now, Deaths.NONE);
		long before = settledHeapUsed();
		feed(processes, now, (record) -> agrona.beat(record.process(),
				record.recordTime() + record.beat().duration().toMillis() * CaffeinePeer.DEAD_AFTER_PERIODS));
		long after = settledHeapUsed();
		if (agrona.size() != processes) {
			throw new IllegalStateException("Agrona holds " + agrona.size() + " processes, not " + processes);
		}
		Reference.reachabilityFence(agrona);
		return new Measurement(before, after);
	}

	static Measurement measureIds(int processes) throws InterruptedException {
		String[] ids = new String[processes];
		long before = settledHeapUsed();
		Random random = new Random(42);
		for (int i = 0; i < processes; i++) {
			ids[i] = Fleet.processId(i, random);
			Fleet.hex12(random);
		}
		long after = settledHeapUsed();
		Reference.reachabilityFence(ids);
		return new Measurement(before, after);
	}

	// a beat from every process, with fresh strings as a consumer decodes them, sent over the
	// period before now
	private static void feed(int processes, long now, Consumer<BeatRecord> sink) {
		Random random = new Random(42);
		Beat beat = Beat.beat(Duration.ofSeconds(30));
		long period = beat.duration().toMillis();
		for (int i = 0; i < processes; i++) {
			String process = Fleet.processId(i, random);
			String instance = Fleet.hex12(random);
			long recordTime = now - period + i * period / processes;
			sink.accept(new BeatRecord(process, new String(Fleet.app(i)), beat, recordTime, instance, 1,
					RunStatus.RUNNING, new String("UP")));
		}
	}

	/**
	 * Heap used after full GCs, once two in a row agree within 64 KiB (at most ten).
	 * @return bytes
	 */
	public static long settledHeapUsed() throws InterruptedException {
		long last = Long.MAX_VALUE;
		for (int i = 0; i < 10; i++) {
			System.gc();
			Thread.sleep(100);
			long used = MEMORY.getHeapMemoryUsage().getUsed();
			if (Math.abs(used - last) < 64 * 1024) {
				return used;
			}
			last = used;
		}
		return last;
	}

	private static String mib(long bytes) {
		return Table.number(bytes / 1024.0 / 1024.0, 1) + " MiB";
	}

	/**
	 * Heap used before and after.
	 * @param before bytes used with nothing tracked
	 * @param after bytes used with every process tracked
	 */
	public record Measurement(long before, long after) {

		/**
		 * Retained bytes per process.
		 * @param processes how many
		 * @return bytes
		 */
		public double perProcess(int processes) {
			return (this.after - this.before) / (double) processes;
		}

	}

	/**
	 * All the measurements.
	 * @param engine the engine
	 * @param naive the naive baseline
	 * @param ids the process ids alone
	 * @param caffeine the Caffeine peer
	 * @param agrona the Agrona peer
	 */
	public record Result(Measurement engine, Measurement naive, Measurement ids, Measurement caffeine,
			Measurement agrona) {
	}

}
