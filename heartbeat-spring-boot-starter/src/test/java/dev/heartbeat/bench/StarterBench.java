package dev.heartbeat.bench;

import java.util.List;

import dev.heartbeat.bench.kafka.KafkaIngestBenchmark;

/**
 * Runs the starter's benchmark, {@code kafka} (3), when asked for it or for {@code all}; the
 * Maven profile {@code bench} calls it with {@code -Dbench=...}. The other names are benchmarks
 * of heartbeat-core, run by its own launcher.
 */
public final class StarterBench {

	private static final List<String> CORE = List.of("engine", "memory", "lag", "app");

	private StarterBench() {
	}

	/**
	 * Run.
	 * @param args one argument: the names, comma-separated, or {@code all}
	 */
	public static void main(String[] args) throws Exception {
		boolean kafka = false;
		for (String name : ((args.length > 0) ? args[0] : "all").split(",")) {
			String trimmed = name.trim().toLowerCase();
			if (trimmed.equals("kafka") || trimmed.equals("all")) {
				kafka = true;
			}
			else if (!CORE.contains(trimmed)) {
				throw new IllegalArgumentException(
						"Unknown benchmark '" + trimmed + "', expected one of " + CORE + ", kafka or all");
			}
		}
		if (kafka) {
			KafkaIngestBenchmark.main(new String[0]);
		}
		else {
			System.out.println("[bench] nothing to run in heartbeat-spring-boot-starter for " + List.of(args));
		}
	}

}
