package dev.heartbeat.bench.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import dev.heartbeat.boot.monitor.support.MonitorJvm;

/**
 * Scale-out: 1, 2, then 3 monitors in one group, each in a JVM of its own with the starter's
 * defaults, started together on the same preloaded compacted topic ({@code records} records over
 * {@code processes} processes, exact wire format). The broker delays a new group's first
 * assignment ({@code group.initial.rebalance.delay.ms}) so that every monitor of a size joins
 * before any partition is handed out, and each rebuilds only its own share. Each monitor is asked
 * every 50 ms for its counters: the time runs from the last answer before any record was read to
 * the first at which the monitors together own every partition, are live and track every
 * process; the CPU time of each monitor's JVM ({@code OperatingSystemMXBean}, from the monitor
 * itself) and of this JVM (the broker) over the same span.
 */
public final class ScaleOutBenchmark {

	private static final Duration BOOT = Duration.ofSeconds(120);

	private static final long PERIOD_MILLIS = 300_000;

	private ScaleOutBenchmark() {
	}

	/**
	 * Run it.
	 * @param args records (3,000,000), processes (100,000), partitions (6), the largest group (3)
	 */
	public static void main(String[] args) throws Exception {
		int records = (args.length > 0) ? Integer.parseInt(args[0]) : 3_000_000;
		int processes = (args.length > 1) ? Integer.parseInt(args[1]) : 100_000;
		int partitions = (args.length > 2) ? Integer.parseInt(args[2]) : 6;
		int most = (args.length > 3) ? Integer.parseInt(args[3]) : 3;
		System.out.println("[scaleout] " + KafkaIngestBenchmark.machine());
		System.out.println("[scaleout] records=" + records + ", processes=" + processes + ", partitions=" + partitions
				+ ", groups of 1 to " + most + " monitors; monitors: the starter's defaults, JVM "
				+ FleetBench.MONITOR_JVM + "; this JVM (broker) "
				+ java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
		List<Size> result = run(records, processes, partitions, most, Duration.ofSeconds(8));
		List<List<String>> rows = new ArrayList<>();
		for (Size size : result) {
			List<String> cpu = new ArrayList<>();
			List<String> perRecord = new ArrayList<>();
			List<String> read = new ArrayList<>();
			for (int i = 0; i < size.monitors(); i++) {
				cpu.add(String.format("%.2f", size.cpuNanos()[i] / 1e9));
				perRecord.add(String.format("%.2f", size.cpuNanos()[i] / 1e3 / Math.max(1, size.consumed()[i])));
				read.add(String.format("%,d", size.consumed()[i]));
			}
			double wall = size.nanos() / 1e9;
			double monitorsCpu = java.util.Arrays.stream(size.cpuNanos()).sum() / 1e9;
			rows.add(List.of(Integer.toString(size.monitors()), String.format("%.2f", wall),
					String.format("%,.0f", records / wall), String.join(" / ", read), String.join(" / ", cpu),
					String.join(" / ", perRecord), String.format("%.2f", size.brokerCpuNanos() / 1e9),
					String.format("%.2f", (monitorsCpu + size.brokerCpuNanos() / 1e9) / wall)));
		}
		KafkaIngestBenchmark.printTable(String.format(
				"Scale-out, monitors in one group rebuilding a preloaded topic (%,d records, %,d processes, %d partitions)",
				records, processes, partitions),
				List.of("monitors", "wall s", "total records/s", "records read, per monitor", "CPU s, per monitor",
						"CPU us/record, per monitor", "broker JVM CPU s", "cores busy (all JVMs)"),
				rows);
		System.out.println("[scaleout] done; " + KafkaIngestBenchmark.load());
	}

	/**
	 * Start a broker, preload it, then for each group size start the monitors together and time
	 * them until together they track everything.
	 * @param initialRebalanceDelay how long the broker waits for a new group's members before
	 * its first assignment: longer than the monitors' JVMs take to boot one after the other
	 * @return one entry per size
	 */
	public static List<Size> run(int records, int processes, int partitions, int most,
			Duration initialRebalanceDelay) throws Exception {
		EmbeddedKafkaKraftBroker broker = FleetBench.broker(initialRebalanceDelay);
		String topic = "heartbeats-scaleout";
		try {
			FleetBench.createCompactedTopic(broker, topic, partitions);
			int rounds = (records + processes - 1) / processes;
			long start = System.nanoTime();
			// the last round about now, a long period: nobody is late while the monitors rebuild
			KafkaIngestBenchmark.preload(broker.getBrokersAsString(), topic, records, processes,
					System.currentTimeMillis() - rounds * PERIOD_MILLIS, PERIOD_MILLIS);
			System.out.printf("[scaleout] preloaded %,d records in %.1f s; %s%n", records,
					(System.nanoTime() - start) / 1e9, KafkaIngestBenchmark.load());
			List<Size> result = new ArrayList<>();
			for (int n = 1; n <= most; n++) {
				Size size = size(broker, topic, "scaleout-" + n, n, records, processes, partitions);
				System.out.printf("[scaleout] %d monitor(s): %.2f s, %,.0f records/s; %s%n", n, size.nanos() / 1e9,
						records / (size.nanos() / 1e9), KafkaIngestBenchmark.load());
				result.add(size);
			}
			return result;
		}
		finally {
			broker.destroy();
		}
	}

	private static Size size(EmbeddedKafkaKraftBroker broker, String topic, String group, int n, int records,
			int processes, int partitions) {
		List<MonitorJvm> monitors = new ArrayList<>();
		try {
			for (int i = 0; i < n; i++) {
				monitors.add(FleetBench.monitor(broker, group + "-" + (i + 1), topic, group));
			}
			monitors.forEach((monitor) -> monitor.awaitReady(BOOT));
			long[] baseCpu = new long[n];
			long baseBroker = 0;
			long base = 0;
			long deadline = System.nanoTime() + BOOT.toNanos();
			while (true) {
				long now = System.nanoTime();
				long brokerCpu = FleetBench.ownCpuNanos();
				List<MonitorJvm.Stats> stats = monitors.stream().map(MonitorJvm::stats).toList();
				long consumed = stats.stream().mapToLong(MonitorJvm.Stats::consumed).sum();
				if (consumed > 0) {
					if (base == 0) {
						throw new IllegalStateException("records were read before the first look");
					}
					break;
				}
				base = now;
				baseBroker = brokerCpu;
				for (int i = 0; i < n; i++) {
					baseCpu[i] = stats.get(i).cpuNanos();
				}
				if (now > deadline) {
					throw new IllegalStateException("no monitor read anything in time: " + stats);
				}
				FleetBench.sleep(50);
			}
			while (true) {
				List<MonitorJvm.Stats> stats = monitors.stream().map(MonitorJvm::stats).toList();
				long now = System.nanoTime();
				long brokerCpu = FleetBench.ownCpuNanos();
				boolean done = stats.stream().allMatch(MonitorJvm.Stats::live)
						&& stats.stream().mapToInt(MonitorJvm.Stats::partitions).sum() == partitions
						&& stats.stream().mapToInt(MonitorJvm.Stats::tracked).sum() == processes;
				if (done) {
					long[] cpu = new long[n];
					long[] consumed = new long[n];
					for (int i = 0; i < n; i++) {
						cpu[i] = stats.get(i).cpuNanos() - baseCpu[i];
						consumed[i] = stats.get(i).consumed();
					}
					if (java.util.Arrays.stream(consumed).sum() < records) {
						throw new IllegalStateException("the monitors read fewer records than the topic holds: " + stats);
					}
					return new Size(n, now - base, consumed, cpu, brokerCpu - baseBroker);
				}
				if (now > deadline) {
					throw new IllegalStateException("the monitors did not rebuild in time: " + stats);
				}
				FleetBench.sleep(50);
			}
		}
		finally {
			monitors.forEach(MonitorJvm::close);
		}
	}

	/**
	 * One group size.
	 * @param monitors how many monitors
	 * @param nanos from the last look before any record was read to all live
	 * @param consumed records each read
	 * @param cpuNanos CPU time each used meanwhile
	 * @param brokerCpuNanos CPU time of the broker's JVM meanwhile
	 */
	public record Size(int monitors, long nanos, long[] consumed, long[] cpuNanos, long brokerCpuNanos) {
	}

}
