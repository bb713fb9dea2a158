package dev.heartbeat.bench.kafka;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the Kafka ingest benchmark with a tiny topic in the normal build, so that it keeps
 * working; the real run is {@code -Pbench -Dbench=kafka} (see BENCHMARKS.md).
 */
class KafkaIngestBenchmarkSmokeTests {

	@Test
	void everyPassShouldReadEveryRecordOfATinyTopic() throws Exception {
		KafkaIngestBenchmark.Result result = KafkaIngestBenchmark.run(2_000, 200, 2, 0, 1);
		assertThat(result.warmups()).isEmpty();
		assertThat(result.timed()).hasSize(3).allSatisfy((pass) -> {
			assertThat(pass.records()).isEqualTo(2_000);
			assertThat(pass.rate()).isPositive();
		});
		assertThat(result.ratio()).isPositive();
	}

}
