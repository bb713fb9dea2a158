package dev.heartbeat.boot.beat.health;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import dev.heartbeat.boot.beat.lifecycle.HeartbeatLifecycle;
import dev.heartbeat.boot.support.HeartbeatOwnHealth;
import dev.heartbeat.core.schedule.BeatScheduler;
import dev.heartbeat.core.schedule.PublisherStats;
import dev.heartbeat.core.schedule.SchedulerStats;
import dev.heartbeat.core.time.HeartbeatClock;

/**
 * The {@code heartbeat} health: are beats getting out?
 * <ul>
 * <li>{@code UP} while at least one publisher delivered a beat (start included) within the
 * window, period × report-by-buffer: the time a receiver waits before it declares the process
 * dead.</li>
 * <li>{@code UNKNOWN} while the scheduler does not run (before the application is ready, after
 * shutdown began), and during the first window after it started if nothing was delivered yet:
 * a broker still connecting is not a failure yet. {@code UNKNOWN} does not pull the application's
 * aggregated health down.</li>
 * <li>{@code DOWN} once no publisher delivered for a whole window.</li>
 * </ul>
 * Details list each publisher's counters, last success and last error.
 */
public final class HeartbeatHealthIndicator implements HealthIndicator, HeartbeatOwnHealth {

	private final BeatScheduler scheduler;

	private final HeartbeatLifecycle lifecycle;

	private final HeartbeatClock clock;

	private final Duration window;

	/**
	 * Create the indicator.
	 * @param scheduler the scheduler whose publishers are judged
	 * @param lifecycle tells how long the scheduler has been beating
	 * @param clock the clock
	 * @param window how long without a delivery makes the heartbeat DOWN
	 */
	public HeartbeatHealthIndicator(BeatScheduler scheduler, HeartbeatLifecycle lifecycle, HeartbeatClock clock,
			Duration window) {
		this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
		this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.window = Objects.requireNonNull(window, "window");
	}

	@Override
	public Health health() {
		SchedulerStats stats = this.scheduler.stats();
		Instant now = this.clock.instant();
		boolean delivered = false;
		Map<String, Object> publishers = new LinkedHashMap<>();
		for (PublisherStats publisher : stats.publishers()) {
			delivered |= publisher.lastSuccessAt() != null
					&& Duration.between(publisher.lastSuccessAt(), now).compareTo(this.window) <= 0;
			publishers.put(publisher.name(), details(publisher));
		}
		Health.Builder health;
		Optional<Duration> beatingFor = this.lifecycle.beatingFor();
		if (!stats.running() || beatingFor.isEmpty()) {
			health = Health.unknown().withDetail("reason", "not beating");
		}
		else if (delivered) {
			health = Health.up();
		}
		else if (beatingFor.get().compareTo(this.window) < 0) {
			health = Health.unknown().withDetail("reason", "starting: nothing delivered yet");
		}
		else {
			health = Health.down()
				.withDetail("reason", "no publisher delivered a beat within " + this.window.toMillis() + " ms");
		}
		return health.withDetail("window", this.window.toString()).withDetail("publishers", publishers).build();
	}

	private static Map<String, Object> details(PublisherStats publisher) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("sent", publisher.sent());
		details.put("failed", publisher.failed());
		details.put("timedOut", publisher.timedOut());
		details.put("dropped", publisher.dropped());
		details.put("lastSuccessAt", text(publisher.lastSuccessAt()));
		details.put("lastError", publisher.lastError());
		details.put("lastErrorAt", text(publisher.lastErrorAt()));
		return details;
	}

	private static @Nullable String text(@Nullable Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

}
