package dev.heartbeat.core.publish;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.heartbeat.core.status.RunStatus;

import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Tests for {@link BeatMetadata}.
 */
class BeatMetadataTests {

	private static final Instant SENT_AT = Instant.parse("2030-06-01T12:00:00Z");

	@Test
	void metadataShouldRejectAMissingApp() {
		assertThatNullPointerException()
			.isThrownBy(() -> new BeatMetadata(null, "i-1", 1, RunStatus.RUNNING, "UP", SENT_AT))
			.withMessage("app");
	}

	@Test
	void metadataShouldRejectAMissingInstance() {
		assertThatNullPointerException()
			.isThrownBy(() -> new BeatMetadata("shop", null, 1, RunStatus.RUNNING, "UP", SENT_AT))
			.withMessage("instance");
	}

	@Test
	void metadataShouldRejectAMissingStatus() {
		assertThatNullPointerException().isThrownBy(() -> new BeatMetadata("shop", "i-1", 1, null, "UP", SENT_AT))
			.withMessage("status");
	}

	@Test
	void metadataShouldRejectAMissingHealth() {
		assertThatNullPointerException()
			.isThrownBy(() -> new BeatMetadata("shop", "i-1", 1, RunStatus.RUNNING, null, SENT_AT))
			.withMessage("health");
	}

	@Test
	void metadataShouldRejectAMissingSendTime() {
		assertThatNullPointerException()
			.isThrownBy(() -> new BeatMetadata("shop", "i-1", 1, RunStatus.RUNNING, "UP", null))
			.withMessage("sentAt");
	}

}
