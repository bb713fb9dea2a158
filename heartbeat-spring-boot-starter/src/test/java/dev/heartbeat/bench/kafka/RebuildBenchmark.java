package dev.heartbeat.bench.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import dev.heartbeat.boot.monitor.kafka.HeartbeatConsumer;
import dev.heartbeat.boot.monitor.kafka.IngestStats;

/**
 * Cold rebuild: a monitor's {@link HeartbeatConsumer} (the monitor's own consumer, as pass (c)
 * of {@link KafkaIngestBenchmark}) started on a compacted topic that holds one record for each
 * of {@code processes} processes (1,000,000), in the exact wire format. It rebuilds every
 * partition from its beginning (decode each record, keep each process's last, restore them into
 * the engine); timed from {@link HeartbeatConsumer#start()} until every partition is live, and
 * checked that the engine then tracks every process. The first run is the cold one (a fresh
 * consumer in this JVM, whose JIT has not yet seen the consumer's code): the target is about it.
 * The runs after it, each with a fresh group and engine, show the same with a warm JIT.
 */
public final class RebuildBenchmark {

	/**
	 * The most seconds the rebuild may take.
	 */
	public static final double TARGET_SECONDS = 10;

	static final String TOPIC = "heartbeats-rebuild";

	private static final long PERIOD_MILLIS = 5_000;

	private RebuildBenchmark() {
	}

	/**
	 * Run it.
	 * @param args processes (1,000,000), runs (4: the cold one and three more), partitions (6)
	 */
	public static void main(String[] args) throws Exception {
		int processes = (args.length > 0) ? Integer.parseInt(args[0]) : 1_000_000;
		int runs = (args.length > 1) ? Integer.parseInt(args[1]) : 4;
		int partitions = (args.length > 2) ? Integer.parseInt(args[2]) : 6;
		System.out.println("[rebuild] " + KafkaIngestBenchmark.machine());
		System.out.println("[rebuild] processes=" + processes + " (one record each), partitions=" + partitions
				+ " (the starter's default), runs=" + runs + ", JVM flags "
				+ java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
		List<Run> result = run(processes, partitions, runs);
		List<List<String>> rows = new ArrayList<>();
		for (int i = 0; i < result.size(); i++) {
			Run run = result.get(i);
			rows.add(List.of((i == 0) ? "1 (cold)" : Integer.toString(i + 1), String.format("%.2f", run.seconds()),
					String.format("%.2f", run.fromFirstRecordSeconds()), String.format("%,.0f", run.rate()),
					String.format("%,d", run.tracked())));
		}
		KafkaIngestBenchmark.printTable(String.format(
				"Cold rebuild, HeartbeatConsumer on a compacted topic of %,d processes, %d partitions", processes,
				partitions),
				List.of("run", "start to all live, s", "first record to all live, s", "records/s (from first record)",
						"processes tracked"),
				rows);
		double cold = result.get(0).seconds();
		double[] warm = result.stream().skip(1).mapToDouble(Run::seconds).sorted().toArray();
		KafkaIngestBenchmark.printTable("Cold rebuild target", List.of("measure", "figure", "target", "verdict"),
				List.of(List.of("start to every process tracked, cold run", String.format("%.2f s", cold),
						"< " + TARGET_SECONDS + " s", (cold < TARGET_SECONDS) ? "met" : "MISSED"),
						List.of("the same, warm runs, median",
								(warm.length == 0) ? "-" : String.format("%.2f s", warm[warm.length / 2]), "", "")));
		System.out.println("[rebuild] done; " + KafkaIngestBenchmark.load());
	}

	/**
	 * Start a broker, fill the topic, rebuild it {@code runs} times.
	 * @param processes how many processes, one record each
	 * @param partitions the topic's partitions
	 * @param runs how many rebuilds, each with a fresh group and engine
	 * @return the runs, the cold one first
	 */
	public static List<Run> run(int processes, int partitions, int runs) throws Exception {
		EmbeddedKafkaKraftBroker broker = FleetBench.broker(Duration.ZERO);
		try {
			FleetBench.createCompactedTopic(broker, TOPIC, partitions);
			String bootstrap = broker.getBrokersAsString();
			long firstRecordTime = System.currentTimeMillis();
			long start = System.nanoTime();
			KafkaIngestBenchmark.preload(bootstrap, TOPIC, processes, processes, firstRecordTime, PERIOD_MILLIS);
			double preloadSeconds = (System.nanoTime() - start) / 1e9;
			System.out.printf("[rebuild] preloaded %,d records in %.1f s (%,.0f records/s); %s%n", processes,
					preloadSeconds, processes / preloadSeconds, KafkaIngestBenchmark.load());
			AtomicInteger groups = new AtomicInteger();
			List<Run> result = new ArrayList<>();
			for (int run = 1; run <= runs; run++) {
				Run one = rebuild(bootstrap, groups, processes, partitions, firstRecordTime);
				System.out.printf("[rebuild] run %d: %.2f s from start to all live (%.2f s from the first record, %,.0f"
						+ " records/s), %,d processes tracked; %s%n", run, one.seconds(), one.fromFirstRecordSeconds(),
						one.rate(), one.tracked(), KafkaIngestBenchmark.load());
				result.add(one);
			}
			return result;
		}
		finally {
			broker.destroy();
		}
	}

	private static Run rebuild(String bootstrap, AtomicInteger groups, int processes, int partitions,
			long firstRecordTime) throws InterruptedException {
		Map<String, Object> config = KafkaIngestBenchmark.consumerConfig(bootstrap, groups);
		config.put(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG, "rebuild-" + groups.get());
		KafkaIngestBenchmark.Rebuild rebuild = KafkaIngestBenchmark.rebuild(config, TOPIC, partitions, firstRecordTime);
		IngestStats stats = rebuild.stats();
		if (rebuild.tracked() != processes || stats.invalid() != 0) {
			throw new IllegalStateException("the monitor tracked " + rebuild.tracked() + " of " + processes
					+ " processes after consuming " + stats.consumed() + " records; invalid " + stats.invalidByReason());
		}
		return new Run(rebuild.live() - rebuild.started(), rebuild.live() - rebuild.firstPoll(), stats.consumed(),
				rebuild.tracked());
	}

	/**
	 * One rebuild.
	 * @param nanos from the consumer's start to its last partition live
	 * @param fromFirstRecordNanos from the first poll with records to the last partition live
	 * @param records records consumed
	 * @param tracked processes the engine tracks at the end
	 */
	public record Run(long nanos, long fromFirstRecordNanos, long records, int tracked) {

		double seconds() {
			return this.nanos / 1e9;
		}

		double fromFirstRecordSeconds() {
			return this.fromFirstRecordNanos / 1e9;
		}

		double rate() {
			return this.records / fromFirstRecordSeconds();
		}

	}

}
