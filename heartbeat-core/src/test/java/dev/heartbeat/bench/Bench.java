package dev.heartbeat.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import dev.heartbeat.bench.app.HeartBenchmark;
import dev.heartbeat.bench.engine.EngineBenchmark;
import dev.heartbeat.bench.lag.DetectionLagBenchmark;
import dev.heartbeat.bench.memory.MemoryBenchmark;

/**
 * Runs the core's benchmarks and prints their tables: {@code engine} (1), {@code memory} (2),
 * {@code lag} (4), {@code app} (5), or {@code all}, comma-separated. The Maven profile
 * {@code bench} calls it with {@code -Dbench=...}; see BENCHMARKS.md.
 */
public final class Bench {

	/**
	 * The benchmarks of this module, in the order {@code all} runs them.
	 */
	public static final List<String> NAMES = List.of("engine", "memory", "lag", "app");

	/**
	 * Benchmarks that live in another module and are skipped here.
	 */
	public static final Set<String> ELSEWHERE = Set.of("kafka", "rebuild", "takeover", "scaleout");

	private Bench() {
	}

	/**
	 * Run benchmarks.
	 * @param args one argument: the names, comma-separated, or {@code all}
	 */
	public static void main(String[] args) throws Exception {
		Set<String> names = new LinkedHashSet<>();
		for (String name : ((args.length > 0) ? args[0] : "all").split(",")) {
			String trimmed = name.trim().toLowerCase();
			if (trimmed.equals("all")) {
				names.addAll(NAMES);
			}
			else if (NAMES.contains(trimmed)) {
				names.add(trimmed);
			}
			else if (ELSEWHERE.contains(trimmed)) {
				System.out.println("[bench] '" + trimmed + "' is a benchmark of heartbeat-spring-boot-starter; "
						+ "nothing to run in heartbeat-core");
			}
			else {
				throw new IllegalArgumentException(
						"Unknown benchmark '" + trimmed + "', expected one of " + NAMES + ", kafka or all");
			}
		}
		System.out.println("[bench] " + Machine.describe());
		for (String name : names) {
			switch (name) {
				case "engine" -> engine();
				case "memory" -> ChildJvm.run(List.of("-Xms3g", "-Xmx3g"), MemoryBenchmark.class, "1000000");
				case "lag" -> ChildJvm.run(List.of("-Xms2g", "-Xmx2g"), DetectionLagBenchmark.class, "1000000", "10000");
				case "app" -> app();
				default -> throw new IllegalStateException(name);
			}
		}
	}

	static void engine() throws Exception {
		Options options = new OptionsBuilder().include(EngineBenchmark.class.getName() + "\\.").build();
		Collection<RunResult> results = new Runner(options).run();
		RunResult engineUpdates = find(results, "updates", "engine");
		RunResult prefetchUpdates = find(results, "updates", "engine-prefetch");
		RunResult naiveUpdates = find(results, "updates", "naive");
		RunResult engineExpiry = find(results, "expiry", "engine");
		RunResult naiveExpiry = find(results, "expiry", "naive");
		int processes = Integer.parseInt(engineUpdates.getParams().getParam("processes"));
		int victims = Math.max(1, processes / 100);
		double updatesRatio = score(engineUpdates) / score(naiveUpdates);
		double prefetchRatio = score(prefetchUpdates) / score(naiveUpdates);
		double expiryRatio = score(naiveExpiry) / score(engineExpiry);
		Table table = new Table("Deadline engine vs naive baseline (" + Table.number(processes, 0) + " processes)",
				"measurement", "DeadlineEngine", "naive STPE baseline", "engine advantage", "target", "verdict");
		table.row("beat updates/s, one by one (onBeat)", withError(engineUpdates, 0), withError(naiveUpdates, 0),
				Table.number(updatesRatio, 1) + "x", ">= 5x", Table.verdict(updatesRatio >= 5));
		table.row("beat updates/s, as the monitor's consumer applies them (chunks of 256: prefetch, then onBeats)",
				withError(prefetchUpdates, 0), withError(naiveUpdates, 0) + " (one by one)",
				Table.number(prefetchRatio, 1) + "x", ">= 5x", Table.verdict(prefetchRatio >= 5));
		table.row("expiry of 1 % at once (" + Table.number(victims, 0) + " DEAD events), us",
				withError(engineExpiry, 0), withError(naiveExpiry, 0), Table.number(expiryRatio, 1) + "x", "", "");
		table.row("expiry cost per expired process, ns", Table.number(score(engineExpiry) * 1000 / victims, 0),
				Table.number(score(naiveExpiry) * 1000 / victims, 0), "", "", "");
		table.print(System.out);
		RunResult caffeineUpdates = find(results, "updates", "caffeine");
		RunResult caffeinePutAll = find(results, "updates", "caffeine-putall");
		RunResult agronaUpdates = find(results, "updates", "agrona");
		double bestPeer = Math.max(score(caffeineUpdates), score(agronaUpdates));
		Table peers = new Table("Deadline engine vs peers, beat updates/s (" + Table.number(processes, 0)
				+ " processes, same run)", "subject", "one by one", "batched", "batch form",
				"engine one by one / this one by one");
		peers.row("DeadlineEngine", withError(engineUpdates, 0), withError(prefetchUpdates, 0),
				"chunks of 256: prefetch, then onBeats", "1.0x");
		peers.row("naive STPE baseline", withError(naiveUpdates, 0), "", "none",
				Table.number(updatesRatio, 1) + "x");
		peers.row("Caffeine 3.2 (expireAfter, systemScheduler)", withError(caffeineUpdates, 0),
				withError(caffeinePutAll, 0), "putAll of chunks of 256",
				Table.number(score(engineUpdates) / score(caffeineUpdates), 2) + "x");
		peers.row("Agrona 2.2 (DeadlineTimerWheel 8 ms x 4096, 2 maps)", withError(agronaUpdates, 0), "", "none",
				Table.number(score(engineUpdates) / score(agronaUpdates), 2) + "x");
		peers.row("target: engine ahead of every peer, one by one", "", "", "",
				Table.verdict(score(engineUpdates) > bestPeer));
		peers.print(System.out);
		System.out.println("[engine] done; " + Machine.load());
	}

	static void app() throws Exception {
		Options options = new OptionsBuilder().include(HeartBenchmark.class.getName() + "\\.")
			.addProfiler(GCProfiler.class)
			.build();
		Collection<RunResult> results = new Runner(options).run();
		RunResult published = find(results, "publishedTick", null);
		RunResult suppressed = find(results, "suppressedTick", null);
		double publishedNanos = score(published);
		double suppressedBytes = allocated(suppressed);
		Table table = new Table("App side: one scheduler tick (constant health decision, no-op synchronous publisher)",
				"tick", "ns/op", "bytes allocated/op", "target", "verdict");
		table.row("published: decide, encode, publish", withError(published, 1), Table.number(allocated(published), 1),
				"< 1,000 ns", Table.verdict(publishedNanos < 1000));
		table.row("suppressed duplicate", withError(suppressed, 1), Table.number(suppressedBytes, 3), "0 B/op",
				Table.verdict(suppressedBytes < 0.5));
		table.print(System.out);
		System.out.println("[app] done; " + Machine.load());
	}

	private static RunResult find(Collection<RunResult> results, String method, String impl) {
		List<String> seen = new ArrayList<>();
		for (RunResult result : results) {
			String benchmark = result.getParams().getBenchmark();
			seen.add(benchmark);
			if (benchmark.endsWith("." + method)
					&& (impl == null || impl.equals(result.getParams().getParam("impl")))) {
				return result;
			}
		}
		throw new IllegalStateException("No result for " + method + " " + impl + " among " + seen);
	}

	private static double score(RunResult result) {
		return result.getPrimaryResult().getScore();
	}

	private static String withError(RunResult result, int decimals) {
		Result<?> primary = result.getPrimaryResult();
		String error = Double.isNaN(primary.getScoreError()) ? "" : " ± " + Table.number(primary.getScoreError(), decimals);
		return Table.number(primary.getScore(), decimals) + error;
	}

	private static double allocated(RunResult result) {
		Result<?> norm = result.getSecondaryResults().get("gc.alloc.rate.norm");
		if (norm == null) {
			throw new IllegalStateException("The GC profiler gave no gc.alloc.rate.norm for "
					+ result.getParams().getBenchmark() + ": " + result.getSecondaryResults().keySet());
		}
		return norm.getScore();
	}

}
