package dev.heartbeat.bench.kafka;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the fleet benchmarks (cold rebuild, takeover, scale-out) at tiny sizes in the normal
 * build, so that they keep working; the real runs are {@code -Pbench -Dbench=rebuild},
 * {@code takeover} and {@code scaleout} (see BENCHMARKS.md).
 */
class FleetBenchmarkSmokeTests {

	@Test
	void rebuildShouldTrackEveryProcessOfATinyTopic() throws Exception {
		List<RebuildBenchmark.Run> runs = RebuildBenchmark.run(2_000, 2, 2);
		assertThat(runs).hasSize(2).allSatisfy((run) -> {
			assertThat(run.tracked()).isEqualTo(2_000);
			assertThat(run.records()).isEqualTo(2_000);
			assertThat(run.fromFirstRecordNanos()).isPositive().isLessThanOrEqualTo(run.nanos());
		});
	}

	@Test
	void theSurvivorShouldTakeOverEveryProcessOfTheKilledMonitor() throws Exception {
		TakeoverBenchmark.Result result = TakeoverBenchmark.run(300, 1, 2, 1);
		assertThat(result.killedPartitions()).isEqualTo(1);
		assertThat(result.trackedBefore()).isPositive().isLessThan(300);
		assertThat(result.trackedAfter()).isEqualTo(300);
		// the killed monitor's session (6 s) must run out before its partitions move
		assertThat(result.assignedNanos()).isGreaterThan(Duration.ofSeconds(3).toNanos());
		assertThat(result.trackedNanos()).isGreaterThanOrEqualTo(result.liveNanos())
			.isLessThan(Duration.ofSeconds(60).toNanos());
	}

	@Test
	void everyGroupSizeShouldShareTheRebuildOfATinyTopic() throws Exception {
		List<ScaleOutBenchmark.Size> sizes = ScaleOutBenchmark.run(2_000, 200, 2, 2, Duration.ofSeconds(3));
		assertThat(sizes).hasSize(2);
		assertThat(sizes.get(0).consumed()).containsExactly(2_000);
		// two monitors, two partitions: each rebuilt its own, neither read the whole topic
		assertThat(sizes.get(1).consumed()).hasSize(2);
		for (long read : sizes.get(1).consumed()) {
			assertThat(read).isBetween(1L, 1_999L);
		}
		for (ScaleOutBenchmark.Size size : sizes) {
			for (long cpu : size.cpuNanos()) {
				assertThat(cpu).isPositive();
			}
		}
	}

}
