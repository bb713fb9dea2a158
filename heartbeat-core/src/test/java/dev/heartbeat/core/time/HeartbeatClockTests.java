package dev.heartbeat.core.time;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HeartbeatClock}.
 */
class HeartbeatClockTests {

	@Test
	void instantShouldBeTheWallTimeInMilliseconds() {
		HeartbeatClock clock = new HeartbeatClock() {

			@Override
			public long wallTime() {
				return 1_767_225_600_123L;
			}

			@Override
			public long monotonicTime() {
				return 42;
			}

		};
		assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123Z"));
	}

	@Test
	void systemClockShouldReadTheSystemWallTime() {
		long before = System.currentTimeMillis();
		long wallTime = HeartbeatClock.SYSTEM.wallTime();
		long after = System.currentTimeMillis();
		assertThat(wallTime).isBetween(before, after);
	}

}
