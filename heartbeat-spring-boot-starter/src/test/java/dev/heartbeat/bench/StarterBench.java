package dev.heartbeat.bench;

import java.util.List;

import dev.heartbeat.bench.kafka.KafkaIngestBenchmark;
import dev.heartbeat.bench.kafka.RebuildBenchmark;
import dev.heartbeat.bench.kafka.ScaleOutBenchmark;
import dev.heartbeat.bench.kafka.TakeoverBenchmark;

/**
 * Runs the starter's benchmarks, {@code kafka} (3), {@code rebuild}, {@code takeover} and
 * {@code scaleout}, those asked for or all of them for {@code all}; the
 * Maven profile {@code bench} calls it with {@code -Dbench=...}. The other names are benchmarks
 * of heartbeat-core, run by its own launcher.
 */
public final class StarterBench {

	private static final List<String> OWN = List.of("kafka", "rebuild", "takeover", "scaleout");

	private static final List<String> CORE = List.of("engine", "memory", "lag", "app");

	private StarterBench() {
	}

	/**
	 * Run.
	 * @param args one argument: the names, comma-separated, or {@code all}
	 */
	public static void main(String[] args) throws Exception {
		java.util.Set<String> chosen = new java.util.LinkedHashSet<>();
		for (String name : ((args.length > 0) ? args[0] : "all").split(",")) {
			String trimmed = name.trim().toLowerCase();
			if (trimmed.equals("all")) {
				chosen.addAll(OWN);
			}
			else if (OWN.contains(trimmed)) {
				chosen.add(trimmed);
			}
			else if (!CORE.contains(trimmed)) {
				throw new IllegalArgumentException(
						"Unknown benchmark '" + trimmed + "', expected one of " + CORE + ", " + OWN + " or all");
			}
		}
		for (String name : OWN) {
			if (chosen.contains(name)) {
				switch (name) {
					case "kafka" -> KafkaIngestBenchmark.main(new String[0]);
					case "rebuild" -> RebuildBenchmark.main(new String[0]);
					case "takeover" -> TakeoverBenchmark.main(new String[0]);
					default -> ScaleOutBenchmark.main(new String[0]);
				}
			}
		}
		if (chosen.isEmpty()) {
			System.out.println("[bench] nothing to run in heartbeat-spring-boot-starter for " + List.of(args));
		}
	}

}
