package dev.heartbeat.core.monitor;

import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class DeadlineEngineModelTests {

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void engineShouldAgreeWithABruteForceModelOverRandomSequences(long seed) {
		assertThat(ReferenceModel.compare(seed, 300)).isPositive();
	}

	static LongStream seeds() {
		return LongStream.range(0, 100);
	}

}
