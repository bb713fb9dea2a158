package dev.heartbeat.bench.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import dev.heartbeat.boot.monitor.support.MonitorJvm;

/**
 * Takeover: two monitors in one group, each in a JVM of its own with the starter's defaults (so
 * the default membership: a 6 s session, no static membership), on a compacted topic of
 * {@code partitions} partitions, while {@code processes} simulated processes beat every
 * {@code period} ({@link BeatingFleet}, one producer in this JVM, exact wire format). Once both
 * monitors are live and together track every process UP, and the fleet has beaten a while
 * longer, one monitor is killed with {@code SIGKILL}. The survivor is then asked every 50 ms for
 * its counters (its consumer's assignment and liveness, its engine's size and count of UP
 * processes: the same objects its actuator endpoints read): the figure is the time from the kill
 * until it owns every partition, has rebuilt them all (live) and its engine tracks every
 * process.
 */
public final class TakeoverBenchmark {

	/**
	 * The most seconds the takeover may take.
	 */
	public static final double TARGET_SECONDS = 15;

	private static final Duration BOOT = Duration.ofSeconds(120);

	private TakeoverBenchmark() {
	}

	/**
	 * Run it.
	 * @param args processes (100,000), period in seconds (1), partitions (6), seconds of beating
	 * before the kill once both monitors track everything (10)
	 */
	public static void main(String[] args) throws Exception {
		int processes = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		int period = (args.length > 1) ? Integer.parseInt(args[1]) : 1;
		int partitions = (args.length > 2) ? Integer.parseInt(args[2]) : 6;
		int settle = (args.length > 3) ? Integer.parseInt(args[3]) : 10;
		System.out.println("[takeover] " + KafkaIngestBenchmark.machine());
		System.out.println("[takeover] processes=" + processes + ", period=" + period + " s (" + processes / period
				+ " beats/s), partitions=" + partitions + ", beating " + settle
				+ " s more once both monitors track everything; monitors: the starter's defaults (session 6 s), JVM "
				+ FleetBench.MONITOR_JVM + "; this JVM (broker and producer) "
				+ java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
		Result result = run(processes, period, partitions, settle);
		KafkaIngestBenchmark.printTable(String.format(
				"Takeover, 2 monitors, one killed with SIGKILL (%,d processes beating every %d s, %d partitions)",
				processes, period, partitions),
				List.of("from the kill to", "seconds"),
				List.of(List.of("the survivor owns every partition", seconds(result.assignedNanos())),
						List.of("... and has rebuilt them all (live)", seconds(result.liveNanos())),
						List.of("... and tracks every process", seconds(result.trackedNanos()))));
		KafkaIngestBenchmark.printTable("Takeover, what the survivor did", List.of("measure", "figure"),
				List.of(List.of("partitions of the killed monitor", Integer.toString(result.killedPartitions())),
						List.of("processes the survivor tracked before / after",
								String.format("%,d / %,d", result.trackedBefore(), result.trackedAfter())),
						List.of("of them UP after", String.format("%,d", result.upAfter())),
						List.of("records the survivor read from the kill to tracking all",
								String.format("%,d", result.recordsRead())),
						List.of("beats sent before the kill / in all",
								String.format("%,d / %,d", result.sentBeforeKill(), result.sent())),
						List.of("the producer's worst lag behind its schedule",
								result.worstLagMillis() + " ms")));
		double figure = result.trackedNanos() / 1e9;
		KafkaIngestBenchmark.printTable("Takeover target", List.of("measure", "figure", "target", "verdict"),
				List.of(List.of("from the kill until the survivor tracks every process", String.format("%.2f s", figure),
						"< " + TARGET_SECONDS + " s", (figure < TARGET_SECONDS) ? "met" : "MISSED")));
		System.out.println("[takeover] done; " + KafkaIngestBenchmark.load());
	}

	private static String seconds(long nanos) {
		return String.format("%.2f", nanos / 1e9);
	}

	/**
	 * Start a broker, two monitors and the fleet; kill one monitor; time the other's takeover.
	 * @param processes simulated processes
	 * @param period their period in seconds
	 * @param partitions the topic's
	 * @param settle seconds of beating before the kill
	 * @return what happened
	 */
	public static Result run(int processes, int period, int partitions, int settle) throws Exception {
		EmbeddedKafkaKraftBroker broker = FleetBench.broker(Duration.ZERO);
		String topic = "heartbeats-takeover";
		List<AutoCloseable> closing = new ArrayList<>();
		try {
			FleetBench.createCompactedTopic(broker, topic, partitions);
			BeatingFleet fleet = new BeatingFleet(broker.getBrokersAsString(), topic, processes, period * 1000L);
			closing.add(fleet);
			MonitorJvm killed = FleetBench.monitor(broker, "takeover-killed", topic, "takeover");
			closing.add(killed);
			MonitorJvm survivor = FleetBench.monitor(broker, "takeover-survivor", topic, "takeover");
			closing.add(survivor);
			killed.awaitReady(BOOT);
			survivor.awaitReady(BOOT);
			long deadline = System.nanoTime() + BOOT.toNanos();
			while (true) {
				MonitorJvm.Stats a = killed.stats();
				MonitorJvm.Stats b = survivor.stats();
				if (a.live() && b.live() && a.partitions() > 0 && b.partitions() > 0
						&& a.partitions() + b.partitions() == partitions && a.tracked() + b.tracked() == processes
						&& a.up() + b.up() == processes) {
					break;
				}
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("the monitors did not share the work in time: " + a + ", " + b);
				}
				FleetBench.sleep(200);
			}
			System.out.printf("[takeover] both monitors live and tracking every process UP; %,d beats sent; %s%n",
					fleet.sent(), KafkaIngestBenchmark.load());
			FleetBench.sleep(settle * 1000L);
			MonitorJvm.Stats before = survivor.stats();
			int killedPartitions = killed.stats().partitions();
			long sentBeforeKill = fleet.sent();
			System.out.printf("[takeover] killing the monitor with %d partitions; the survivor tracks %,d; %,d beats"
					+ " sent; %s%n", killedPartitions, before.tracked(), sentBeforeKill, KafkaIngestBenchmark.load());
			long kill = System.nanoTime();
			killed.kill();
			long assigned = 0;
			long live = 0;
			MonitorJvm.Stats after;
			deadline = kill + Duration.ofSeconds(120).toNanos();
			while (true) {
				after = survivor.stats();
				long now = System.nanoTime();
				if (assigned == 0 && after.partitions() == partitions) {
					assigned = now - kill;
				}
				if (live == 0 && after.partitions() == partitions && after.live()) {
					live = now - kill;
				}
				if (after.partitions() == partitions && after.live() && after.tracked() == processes) {
					break;
				}
				if (now > deadline) {
					throw new IllegalStateException("the survivor did not take over in time: " + after);
				}
				FleetBench.sleep(50);
			}
			long tracked = System.nanoTime() - kill;
			System.out.printf("[takeover] the survivor tracks %,d processes (%,d UP) %.2f s after the kill; %s%n",
					after.tracked(), after.up(), tracked / 1e9, KafkaIngestBenchmark.load());
			if (fleet.failed() > 0) {
				throw new IllegalStateException(fleet.failed() + " beats could not be sent");
			}
			return new Result(killedPartitions, before.tracked(), after.tracked(), after.up(),
					after.consumed() - before.consumed(), sentBeforeKill, fleet.sent(), fleet.worstLagMillis(),
					assigned, live, tracked);
		}
		finally {
			for (int i = closing.size() - 1; i >= 0; i--) {
				try {
					closing.get(i).close();
				}
				catch (Exception ex) {
					// going anyway
				}
			}
			broker.destroy();
		}
	}

	/**
	 * What happened.
	 * @param killedPartitions partitions of the killed monitor
	 * @param trackedBefore processes the survivor tracked before the kill
	 * @param trackedAfter and after the takeover
	 * @param upAfter of them UP
	 * @param recordsRead records the survivor read meanwhile (live beats and rebuilds)
	 * @param sentBeforeKill beats sent before the kill
	 * @param sent beats sent in all
	 * @param worstLagMillis the producer's worst lag behind its schedule
	 * @param assignedNanos from the kill until the survivor owned every partition
	 * @param liveNanos until it had rebuilt them all
	 * @param trackedNanos until it tracked every process
	 */
	public record Result(int killedPartitions, int trackedBefore, int trackedAfter, long upAfter, long recordsRead,
			long sentBeforeKill, long sent, long worstLagMillis, long assignedNanos, long liveNanos,
			long trackedNanos) {
	}

}
