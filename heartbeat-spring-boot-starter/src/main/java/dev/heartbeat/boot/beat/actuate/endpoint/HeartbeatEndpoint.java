package dev.heartbeat.boot.beat.actuate.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import dev.heartbeat.boot.beat.lifecycle.LastDecision;
import dev.heartbeat.boot.support.InvalidRequest;
import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.beat.BeatCodec;
import dev.heartbeat.core.heart.HeartConfig;
import dev.heartbeat.core.heart.LastBeat;
import dev.heartbeat.core.schedule.BeatScheduler;
import dev.heartbeat.core.schedule.PublisherStats;
import dev.heartbeat.core.schedule.SchedulerStats;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.status.StatusTracker;

/**
 * The {@code heartbeat} endpoint.
 * <p>
 * Read ({@code GET /actuator/heartbeat}): who beats, the run status, the health that drives the
 * beats, the last beat, when the next is due, per-publisher stats and the watchdog state.
 * <p>
 * Write ({@code POST /actuator/heartbeat/pause} and {@code .../resume}): pause or resume this
 * process locally. The endpoint's default access is read-only, like actuator's own endpoints
 * that change state: writes work only with {@code management.endpoint.heartbeat.access=unrestricted}.
 */
@Endpoint(id = "heartbeat", defaultAccess = Access.READ_ONLY)
public class HeartbeatEndpoint {

	/**
	 * The source of status changes made through this endpoint.
	 */
	public static final String SOURCE = StatusTracker.LOCAL;

	private final BeatScheduler scheduler;

	private final StatusTracker tracker;

	private final LastDecision lastDecision;

	/**
	 * Create the endpoint.
	 * @param scheduler the scheduler
	 * @param tracker the run status tracker
	 * @param lastDecision the last decision of the beat source
	 */
	public HeartbeatEndpoint(BeatScheduler scheduler, StatusTracker tracker, LastDecision lastDecision) {
		this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
		this.tracker = Objects.requireNonNull(tracker, "tracker");
		this.lastDecision = Objects.requireNonNull(lastDecision, "lastDecision");
	}

	/**
	 * What the heartbeat does now.
	 * @return the descriptor
	 */
	@ReadOperation
	public HeartbeatDescriptor heartbeat() {
		HeartConfig config = this.scheduler.heart().config();
		SchedulerStats stats = this.scheduler.stats();
		String health = this.lastDecision.get()
			.map((decided) -> decided.decision().health())
			.orElse((stats.lastBeat() != null) ? stats.lastBeat().health() : null);
		String decision = this.lastDecision.get()
			.map((decided) -> decided.decision().kind().name().toLowerCase(Locale.ROOT))
			.orElse(null);
		List<PublisherDescriptor> publishers = stats.publishers().stream().map(PublisherDescriptor::of).toList();
		return new HeartbeatDescriptor(config.process(), config.app(), config.instance(), this.tracker.status(),
				health, decision, stats.running(), LastBeatDescriptor.of(stats.lastBeat()), text(stats.nextBeatDue()),
				this.scheduler.config().period().toString(), stats.watchdog().name(), stats.ticks(),
				stats.skippedTicks(), stats.silentTicks(), stats.suppressedBeats(), stats.sourceFailures(),
				publishers);
	}

	/**
	 * Pause or resume this process.
	 * @param action {@code pause} or {@code resume}
	 * @return what the heartbeat does after the change; 400 with the reason for an unknown action
	 */
	@WriteOperation
	public WebEndpointResponse<OperationResponseBody> change(@Selector String action) {
		RunStatus status = switch (action.toLowerCase(Locale.ROOT)) {
			case "pause" -> RunStatus.PAUSED;
			case "resume" -> RunStatus.RUNNING;
			default -> null;
		};
		if (status == null) {
			return new InvalidRequest("action", action,
					"Unknown heartbeat action '" + BeatCodec.escape(action) + "', expected pause or resume")
				.response();
		}
		this.tracker.apply(status, SOURCE);
		return new WebEndpointResponse<>(heartbeat());
	}

	private static @Nullable String text(@Nullable Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

	/**
	 * What the endpoint shows.
	 *
	 * @param process the process id
	 * @param app the application name
	 * @param instance the instance id
	 * @param runStatus RUNNING or PAUSED
	 * @param health the health status code that drove the last tick
	 * @param decision what the last tick decided: beat, degraded or silent
	 * @param running whether the scheduler runs
	 * @param lastBeat the last delivered beat, or {@code null}
	 * @param nextBeatDue when the next tick is due (ISO-8601), or {@code null}
	 * @param period the period (ISO-8601)
	 * @param watchdog OK, STALLED or IDLE
	 * @param ticks ticks run
	 * @param skippedTicks ticks skipped because the loop overran
	 * @param silentTicks ticks that sent nothing on purpose
	 * @param suppressedBeats beats not sent as duplicates
	 * @param sourceFailures ticks whose beat source failed
	 * @param publishers per-publisher stats
	 */
	public record HeartbeatDescriptor(String process, String app, String instance, RunStatus runStatus, @Nullable String health,
			@Nullable String decision, boolean running, @Nullable LastBeatDescriptor lastBeat, @Nullable String nextBeatDue, String period,
			String watchdog, long ticks, long skippedTicks, long silentTicks, long suppressedBeats,
			long sourceFailures, List<PublisherDescriptor> publishers) implements OperationResponseBody {
	}

	/**
	 * The last delivered beat.
	 *
	 * @param payload the payload, e.g. {@code beat/5}
	 * @param kind start, beat, degraded or stop
	 * @param period the period or warm-up (ISO-8601), {@code null} for stop
	 * @param at when it was sent (ISO-8601)
	 * @param seq its sequence number
	 * @param health the health code sent with it
	 */
	public record LastBeatDescriptor(String payload, String kind, @Nullable String period, String at, long seq, String health) {

		static @Nullable LastBeatDescriptor of(@Nullable LastBeat last) {
			if (last == null) {
				return null;
			}
			Beat beat = last.beat();
			return new LastBeatDescriptor(beat.encode(), beat.kind().verb(),
					(beat.duration() != null) ? beat.duration().toString() : null, last.at().toString(), last.seq(),
					last.health());
		}

	}

	/**
	 * What one publisher did.
	 *
	 * @param name the publisher name
	 * @param sent beats delivered
	 * @param failed beats that failed
	 * @param timedOut beats that timed out
	 * @param dropped beats replaced by newer ones while the publisher was busy
	 * @param lastSuccessAt the last delivery (ISO-8601), or {@code null}
	 * @param lastError the last error, or {@code null}
	 * @param lastErrorAt when it happened (ISO-8601), or {@code null}
	 */
	public record PublisherDescriptor(String name, long sent, long failed, long timedOut, long dropped,
			@Nullable String lastSuccessAt, @Nullable String lastError, @Nullable String lastErrorAt) {

		static PublisherDescriptor of(PublisherStats stats) {
			return new PublisherDescriptor(stats.name(), stats.sent(), stats.failed(), stats.timedOut(),
					stats.dropped(), text(stats.lastSuccessAt()), stats.lastError(), text(stats.lastErrorAt()));
		}

	}

}
