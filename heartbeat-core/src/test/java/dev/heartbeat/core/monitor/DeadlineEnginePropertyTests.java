package dev.heartbeat.core.monitor;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The model comparison of {@link DeadlineEngineModelTests}, with seeds drawn by jqwik (which
 * also tries edge cases such as 0, 1 and the extremes of {@code long}).
 */
class DeadlineEnginePropertyTests {

	@Property(tries = 50)
	void engineShouldAgreeWithABruteForceModel(@ForAll long seed) {
		ReferenceModel.compare(seed, 200);
	}

}
