package dev.heartbeat.boot.monitor.kafka;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.heartbeat.core.time.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

class InvalidRecordLogTests {

	private final ManualClock clock = new ManualClock();

	private final InvalidRecordLog log = new InvalidRecordLog(this.clock, Duration.ofMinutes(1));

	@Test
	void reasonShouldBeLoggedAtMostOncePerInterval() {
		assertThat(report(InvalidReason.KEY_MISSING)).isTrue();
		assertThat(report(InvalidReason.KEY_MISSING)).isFalse();
		this.clock.advance(Duration.ofSeconds(59));
		assertThat(report(InvalidReason.KEY_MISSING)).isFalse();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(report(InvalidReason.KEY_MISSING)).isTrue();
	}

	@Test
	void reasonsShouldBeLimitedSeparately() {
		assertThat(report(InvalidReason.KEY_MISSING)).isTrue();
		assertThat(report(InvalidReason.SEQ_INVALID)).isTrue();
		assertThat(report(InvalidReason.SEQ_INVALID)).isFalse();
	}

	private boolean report(InvalidReason reason) {
		return this.log.report(reason, "heartbeats", 0, 1, "test");
	}

}
