package dev.heartbeat.core.monitor;

import org.junit.jupiter.api.Test;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * The model comparison of {@link DeadlineEngineModelTests}, with seeds drawn by QuickTheories
 * over the whole {@code long} range (the fixed seeds there are small numbers).
 */
class DeadlineEnginePropertyTests {

	@Test
	void engineShouldAgreeWithABruteForceModel() {
		qt().withExamples(50).forAll(longs().all()).checkAssert((seed) -> ReferenceModel.compare(seed, 200));
	}

}
