package dev.heartbeat.boot.support.internal;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTests {

	@Test
	void pausesShouldDoubleUpToTheMaximum() {
		Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1));
		assertThat(backoff.first()).isEqualTo(Duration.ofMillis(200));
		assertThat(backoff.after(Duration.ofMillis(200))).isEqualTo(Duration.ofMillis(400));
		assertThat(backoff.after(Duration.ofMillis(400))).isEqualTo(Duration.ofMillis(800));
		assertThat(backoff.after(Duration.ofMillis(800))).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void aFirstPauseAboveTheMaximumShouldBeCutToIt() {
		assertThat(new Backoff(Duration.ofMillis(500), Duration.ofMillis(200)).first()).isEqualTo(Duration.ofMillis(200));
	}

	@Test
	void aFixedBackOffShouldAlwaysPauseTheSame() {
		Backoff backoff = Backoff.fixed(Duration.ofSeconds(1));
		assertThat(backoff.after(backoff.first())).isEqualTo(Duration.ofSeconds(1));
	}

}
