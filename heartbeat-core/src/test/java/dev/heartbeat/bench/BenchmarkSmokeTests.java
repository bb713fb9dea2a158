package dev.heartbeat.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import dev.heartbeat.bench.app.HeartBenchmark;
import dev.heartbeat.bench.engine.EngineBenchmark;
import dev.heartbeat.bench.lag.DetectionLagBenchmark;
import dev.heartbeat.bench.memory.MemoryBenchmark;
import dev.heartbeat.core.heart.PublishOutcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the code of every core benchmark with tiny sizes, so that the benchmarks compile, run
 * and give sane figures in every build; the real runs are {@code -Pbench} (see BENCHMARKS.md).
 */
class BenchmarkSmokeTests {

	@Test
	void annotationProcessorShouldListEveryJmhBenchmark() throws IOException {
		String list;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
			assertThat(in).as("META-INF/BenchmarkList from jmh-generator-annprocess").isNotNull();
			list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(list).contains(EngineBenchmark.class.getName() + " ", "updates", "expiry",
				HeartBenchmark.class.getName() + " ", "publishedTick", "suppressedTick");
	}

	@Test
	void engineBaselineAndPeersShouldAcceptEveryBeatOfABatch() {
		for (String impl : new String[] { "engine", "engine-prefetch", "naive", "caffeine", "caffeine-putall",
				"agrona" }) {
			EngineBenchmark.Updates state = new EngineBenchmark.Updates();
			// two batches per round, so that deadlines fall between batches as in the real run
			state.processes = 2 * EngineBenchmark.BATCH;
			state.impl = impl;
			state.setUp();
			try {
				EngineBenchmark benchmark = new EngineBenchmark();
				// enough batches for the clock to pass the deadlines of the first beats
				for (int invocation = 0; invocation < 5; invocation++) {
					state.nextBatch();
					assertThat(benchmark.updates(state)).as(impl).isEqualTo(EngineBenchmark.BATCH);
				}
				// every process beat once per period: none may have been late
				assertThat(state.alarms()).as(impl).isZero();
			}
			finally {
				state.tearDown();
			}
		}
	}

	@Test
	void engineAndBaselineShouldExpireOnePercentAtOnceOnEveryInvocation() throws InterruptedException {
		for (String impl : new String[] { "engine", "naive" }) {
			EngineBenchmark.Expiry state = new EngineBenchmark.Expiry();
			state.processes = 2_000;
			state.impl = impl;
			state.setUp();
			try {
				EngineBenchmark benchmark = new EngineBenchmark();
				for (int invocation = 0; invocation < 3; invocation++) {
					state.dueAtOnce();
					assertThat(benchmark.expiry(state)).as(impl).isEqualTo(20);
				}
			}
			finally {
				state.tearDown();
			}
		}
	}

	@Test
	void memoryBenchmarkShouldMeasureAFewHundredBytesPerProcess() throws InterruptedException {
		MemoryBenchmark.Result result = MemoryBenchmark.measure(20_000);
		assertThat(result.engine().perProcess(20_000)).isBetween(50.0, 1_000.0);
		assertThat(result.naive().perProcess(20_000)).isBetween(50.0, 2_000.0);
		assertThat(result.ids().perProcess(20_000)).isBetween(40.0, 200.0);
		// each peer holds at least the id strings it was given
		assertThat(result.caffeine().perProcess(20_000)).isBetween(50.0, 2_000.0);
		assertThat(result.agrona().perProcess(20_000)).isBetween(50.0, 2_000.0);
	}

	@Test
	void detectionLagBenchmarkShouldSeeEveryVictimDieAndNoFalseAlarm() throws InterruptedException {
		for (String subject : DetectionLagBenchmark.SUBJECTS) {
			for (boolean simultaneous : new boolean[] { false, true }) {
				DetectionLagBenchmark.Result result = DetectionLagBenchmark.run(subject, 1_000, 200, simultaneous,
						false);
				String what = subject + " " + result.scenario();
				assertThat(result.victims()).isEqualTo(10);
				assertThat(result.received()).as(what).isEqualTo(10);
				assertThat(result.falseAlarms()).as(what).isZero();
				assertThat(result.lagMicros().count()).as(what).isEqualTo(10);
				assertThat(result.lagMicros().min()).as(what + ": no DEAD before its deadline")
					.isGreaterThanOrEqualTo(0);
				assertThat(result.engineLagMillis().count()).as(what).isEqualTo(subject.equals("engine") ? 10 : 0);
			}
		}
	}

	@Test
	void heartBenchmarkShouldPublishOneTickAndSuppressTheOther() {
		HeartBenchmark benchmark = new HeartBenchmark();
		benchmark.setUp();
		assertThat(benchmark.publishedTick().toCompletableFuture().join()).isEqualTo(PublishOutcome.PUBLISHED);
		assertThat(benchmark.publishedTick().toCompletableFuture().join()).isEqualTo(PublishOutcome.PUBLISHED);
		assertThat(benchmark.suppressedTick().toCompletableFuture().join()).isEqualTo(PublishOutcome.SUPPRESSED);
	}

	@Test
	void jmhShouldRunTheHeartBenchmarkInProcess() throws Exception {
		Collection<RunResult> results = new Runner(new OptionsBuilder().include(HeartBenchmark.class.getName() + "\\.")
			.forks(0)
			.warmupIterations(0)
			.measurementIterations(1)
			.measurementTime(TimeValue.milliseconds(100))
			.verbosity(VerboseMode.SILENT)
			.build()).run();
		assertThat(results).hasSize(2)
			.allSatisfy((result) -> assertThat(result.getPrimaryResult().getScore()).isPositive());
	}

}
