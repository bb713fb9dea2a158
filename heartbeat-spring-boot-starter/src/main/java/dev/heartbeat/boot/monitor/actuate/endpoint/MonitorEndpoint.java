package dev.heartbeat.boot.monitor.actuate.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import dev.heartbeat.boot.monitor.kafka.ControlSender;
import dev.heartbeat.boot.support.InvalidRequest;
import dev.heartbeat.core.beat.BeatCodec;
import dev.heartbeat.core.beat.ProcessIds;
import dev.heartbeat.core.monitor.AppSnapshot;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.monitor.LastBeatInfo;
import dev.heartbeat.core.monitor.PartitionSight;
import dev.heartbeat.core.monitor.ProcessSnapshot;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.time.HeartbeatClock;
import dev.heartbeat.core.wire.ControlCommand;
import dev.heartbeat.core.wire.WireContract;

/**
 * The {@code heartbeats} endpoint of a monitor: the processes it tracks, and the verbs to steer
 * them.
 * <ul>
 * <li>{@code GET /actuator/heartbeats[?state=dead&app=billing]}: the tracked processes (at most
 * {@value #MAX_LIST}, sorted by id) with the count per state, and beside them every app (its state,
 * instances, live instances, minimum and count per state, sorted by name; never cut by the limit,
 * narrowed by {@code app} but not by {@code state});</li>
 * <li>{@code GET /actuator/heartbeats/{process}}: one process, 404 if not tracked;</li>
 * <li>{@code POST /actuator/heartbeats/{process}/pause} and {@code .../resume}: publish a control
 * record (signed when {@code heartbeat.control.secret} is set); the process may be {@code *};</li>
 * <li>{@code POST /actuator/heartbeats/{process}/snooze} with {@code {"until": "..."}} (an ISO
 * instant or a duration such as {@code PT10M}): hold back its events until then;</li>
 * <li>{@code POST /actuator/heartbeats/apps/{app}/snooze/{until}}: hold back the app's events
 * (not its instances') until then;</li>
 * <li>{@code DELETE /actuator/heartbeats/{process}}: forget it until it beats again (its
 * tombstone is written to the heartbeat topic).</li>
 * </ul>
 * Snooze and forget answer 404 for a process this monitor does not track (another monitor of
 * the group may); pause and resume do not need the process to be tracked here. A refused
 * parameter answers 400 with a body naming the parameter, the value and why
 * ({@link InvalidRequest.Descriptor}).
 * <p>
 * Read-only by default: the writes need
 * {@code management.endpoint.heartbeats.access=unrestricted}.
 */
@Endpoint(id = "heartbeats", defaultAccess = Access.READ_ONLY)
public class MonitorEndpoint {

	/**
	 * The most processes one list returns.
	 */
	public static final int MAX_LIST = 1000;

	private static final Logger logger = LoggerFactory.getLogger(MonitorEndpoint.class);

	private final DeadlineEngine engine;

	private final ControlSender control;

	private final HeartbeatClock clock;

	/**
	 * An endpoint.
	 * @param engine the engine
	 * @param control the control sender
	 * @param clock the clock
	 */
	public MonitorEndpoint(DeadlineEngine engine, ControlSender control, HeartbeatClock clock) {
		this.engine = Objects.requireNonNull(engine, "engine");
		this.control = Objects.requireNonNull(control, "control");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * The tracked processes.
	 * @param state only processes in this state (case ignored)
	 * @param app only processes of this application
	 * @return the processes; 400 for an unknown state
	 */
	@ReadOperation
	public WebEndpointResponse<OperationResponseBody> processes(@Nullable String state, @Nullable String app) {
		ProcessState wanted;
		try {
			wanted = (state != null && !state.isBlank()) ? parseState(state) : null;
		}
		catch (InvalidRequest ex) {
			return ex.response();
		}
		Predicate<ProcessSnapshot> filter = (snapshot) -> (wanted == null || snapshot.state() == wanted)
				&& (app == null || app.equals(snapshot.app()));
		List<ProcessSnapshot> snapshots = this.engine.list(filter, MAX_LIST + 1);
		boolean truncated = snapshots.size() > MAX_LIST;
		Instant now = this.clock.instant();
		List<ProcessDescriptor> processes = snapshots.stream()
			.limit(MAX_LIST)
			.sorted(Comparator.comparing(ProcessSnapshot::process))
			.map((snapshot) -> ProcessDescriptor.of(snapshot, now))
			.toList();
		Map<ProcessState, Long> counts = this.engine.countByState();
		counts.remove(ProcessState.UNKNOWN);
		List<AppDescriptor> apps = this.engine.apps()
			.stream()
			.filter((snapshot) -> app == null || app.equals(snapshot.app()))
			.sorted(Comparator.comparing(AppSnapshot::app))
			.map(AppDescriptor::of)
			.toList();
		return new WebEndpointResponse<>(new ProcessesDescriptor(this.engine.size(), counts, processes.size(), truncated,
				MAX_LIST, processes, apps, SightDescriptor.of(this.engine.sights())));
	}

	/**
	 * One process.
	 * @param process the process id
	 * @return the process, or {@code null} (404) if it is not tracked here
	 */
	@ReadOperation
	public @Nullable ProcessDescriptor process(@Selector String process) {
		Instant now = this.clock.instant();
		return this.engine.get(process).map((snapshot) -> ProcessDescriptor.of(snapshot, now)).orElse(null);
	}

	/**
	 * Pause or resume a process, or every process ({@code *}). Takes no request body, so a bare
	 * {@code curl -X POST …/pause} works.
	 * @param process the process id, or {@code *}
	 * @param action {@code pause} or {@code resume}
	 * @return what was done; 503 when the control record could not be sent, 400 for a refused
	 * parameter
	 */
	@WriteOperation
	public WebEndpointResponse<OperationResponseBody> command(@Selector String process, @Selector String action) {
		String verb = action.toLowerCase(Locale.ROOT);
		try {
			return switch (verb) {
				case "pause", "resume" -> send(process, ControlCommand.fromValue(verb));
				case "snooze" -> throw new InvalidRequest("until", null,
						"snooze needs a time in the path: POST …/{process}/snooze/{until}, where until is an ISO "
								+ "instant or a duration such as PT10M");
				default -> throw unknownAction(action);
			};
		}
		catch (InvalidRequest ex) {
			return ex.response();
		}
	}

	/**
	 * Hold back a process's events until a time: {@code POST …/{process}/snooze/{until}}. A time
	 * already past (or {@code PT0S}) ends a snooze.
	 * @param process the process id
	 * @param action {@code snooze}
	 * @param until an ISO instant, or a duration from now such as {@code PT10M}
	 * @return what was done; 404 when the process is not tracked here, 400 for a refused parameter
	 */
	@WriteOperation
	public WebEndpointResponse<OperationResponseBody> snooze(@Selector String process, @Selector String action,
			@Selector String until) {
		try {
			if (!"snooze".equalsIgnoreCase(action)) {
				throw unknownAction(action);
			}
			return snooze(process, until);
		}
		catch (InvalidRequest ex) {
			return ex.response();
		}
	}

	/**
	 * Hold back an app's events until a time: {@code POST …/apps/{app}/snooze/{until}}. A time
	 * already past (or {@code PT0S}) ends a snooze.
	 * @param apps {@code apps}
	 * @param app the app's name
	 * @param action {@code snooze}
	 * @param until an ISO instant, or a duration from now such as {@code PT10M}
	 * @return what was done; 404 when no process of the app is tracked here, 400 for a refused
	 * parameter
	 */
	@WriteOperation
	public WebEndpointResponse<OperationResponseBody> snoozeApp(@Selector String apps, @Selector String app,
			@Selector String action, @Selector String until) {
		try {
			if (!"apps".equals(apps) || !"snooze".equalsIgnoreCase(action)) {
				throw new InvalidRequest("action", action,
						"Unknown operation: an app is snoozed with POST …/apps/{app}/snooze/{until}");
			}
			Instant now = this.clock.instant();
			Instant end = parseUntil(until.strip(), now);
			if (!this.engine.snoozeApp(app, end)) {
				return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
			}
			return new WebEndpointResponse<>(
					new AppDescriptor.Snoozed(app, "snooze", now, end.isAfter(now) ? end : null));
		}
		catch (InvalidRequest ex) {
			return ex.response();
		}
	}

	private static InvalidRequest unknownAction(String action) {
		return new InvalidRequest("action", action, "Unknown action '" + BeatCodec.escape(action)
				+ "': use pause, resume or snooze/{until} (DELETE forgets)");
	}

	/**
	 * Forget a process: it is tracked again (from UNKNOWN) when it next beats.
	 * @param process the process id
	 * @return what was done, or 404 if it was not tracked here, 400 for an invalid process id
	 */
	@DeleteOperation
	public WebEndpointResponse<OperationResponseBody> forget(@Selector String process) {
		try {
			requireProcess(process, false);
		}
		catch (InvalidRequest ex) {
			return ex.response();
		}
		if (!this.engine.forget(process)) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		return new WebEndpointResponse<>(
				new CommandDescriptor(process, "forget", this.clock.instant(), null, null, null, null, null));
	}

	private WebEndpointResponse<OperationResponseBody> send(String process, ControlCommand command) {
		requireProcess(process, true);
		try {
			ControlSender.Sent sent = this.control.send(process, command);
			return new WebEndpointResponse<>(new CommandDescriptor(process, command.value(), sent.timestamp(),
					sent.signed(), this.control.topic(), sent.partition() + "@" + sent.offset(), null, null));
		}
		catch (ControlSender.ControlSendException ex) {
			logger.warn("Could not send {} for {}: {}", command.value(), process, ex.getMessage());
			return new WebEndpointResponse<>(new CommandDescriptor(process, command.value(), this.clock.instant(), null,
					this.control.topic(), null, null, ex.getMessage()), WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE);
		}
	}

	private WebEndpointResponse<OperationResponseBody> snooze(String process, String until) {
		requireProcess(process, false);
		Instant now = this.clock.instant();
		Instant end = parseUntil(until.strip(), now);
		if (!this.engine.snooze(process, end)) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		return new WebEndpointResponse<>(new CommandDescriptor(process, "snooze", now, null, null, null, end, null));
	}

	private static Instant parseUntil(String until, Instant now) {
		try {
			if (until.startsWith("P") || until.startsWith("p") || until.startsWith("-P")) {
				Duration duration = Duration.parse(until);
				if (duration.isNegative()) {
					throw new InvalidRequest("until", until, "'until' must not be a negative duration, was " + until);
				}
				return now.plus(duration);
			}
			return Instant.parse(until);
		}
		catch (DateTimeParseException | ArithmeticException ex) {
			throw new InvalidRequest("until", until,
					"'until' must be an ISO instant (2026-01-01T12:00:00Z) or a duration (PT10M), was '"
							+ BeatCodec.escape(until) + "'");
		}
	}

	private static void requireProcess(String process, boolean everyAllowed) {
		if (everyAllowed && WireContract.CONTROL_EVERY_PROCESS.equals(process)) {
			return;
		}
		String problem = ProcessIds.problem(process);
		if (problem != null) {
			throw new InvalidRequest("process", process, problem);
		}
	}

	private static ProcessState parseState(String state) {
		try {
			return ProcessState.valueOf(state.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequest("state", state, "Unknown state '" + BeatCodec.escape(state)
					+ "': use starting, up, degraded, paused, late, dead or stopped");
		}
	}

	/**
	 * A list of processes.
	 *
	 * @param total how many processes this monitor tracks
	 * @param counts how many are in each state
	 * @param returned how many are in this list
	 * @param truncated whether more matched than the list holds
	 * @param limit the most a list holds
	 * @param processes the processes, sorted by id
	 * @param apps the apps, sorted by name
	 * @param sight what the monitor can see of its partitions
	 */
	public record ProcessesDescriptor(int total, Map<ProcessState, Long> counts, int returned, boolean truncated,
			int limit, List<ProcessDescriptor> processes, List<AppDescriptor> apps, SightDescriptor sight)
			implements OperationResponseBody {
	}

	/**
	 * What the monitor can see of the partitions it owns and has rebuilt.
	 *
	 * @param blind whether some partition is blind: its verdicts wait
	 * @param blindSince until when the earliest blind partition was seen, or {@code null}
	 * @param heldVerdicts how many processes have verdicts waiting for sight
	 * @param partitions each watched partition
	 */
	public record SightDescriptor(boolean blind, Instant blindSince, long heldVerdicts,
			List<PartitionSight> partitions) {

		static SightDescriptor of(List<PartitionSight> partitions) {
			Instant since = partitions.stream()
				.filter(PartitionSight::blind)
				.map(PartitionSight::seenUpTo)
				.min(Comparator.naturalOrder())
				.orElse(null);
			long held = partitions.stream().mapToLong(PartitionSight::heldVerdicts).sum();
			return new SightDescriptor(since != null, since, held, partitions);
		}

	}

	/**
	 * One process.
	 *
	 * @param process the process id
	 * @param app the application name
	 * @param state the current state
	 * @param reportedState the state last reported through events
	 * @param lastBeatAt the record time of the last beat
	 * @param lastBeat the payload of the last beat, e.g. {@code beat/5}
	 * @param instance the instance that sent it
	 * @param seq its sequence number
	 * @param health the health it reported
	 * @param runStatus the run status it reported (RUNNING or PAUSED)
	 * @param nextDeadline the next deadline that changes the state without a beat (late, then dead), or
	 * {@code null} (dead or stopped)
	 * @param secondsOverdue seconds since the late deadline passed, 0 if it has not
	 * @param lateAt the late deadline of the last beat
	 * @param deadAt the dead deadline of the last beat
	 * @param snoozedUntil until when its events are held back, or {@code null}
	 */
	public record ProcessDescriptor(String process, String app, ProcessState state, ProcessState reportedState,
			Instant lastBeatAt, String lastBeat, String instance, long seq, String health, String runStatus,
			@Nullable Instant nextDeadline, double secondsOverdue, @Nullable Instant lateAt, @Nullable Instant deadAt,
			@Nullable Instant snoozedUntil) implements OperationResponseBody {

		static ProcessDescriptor of(ProcessSnapshot snapshot, Instant now) {
			LastBeatInfo beat = snapshot.lastBeat();
			Instant next = null;
			if (snapshot.lateAt() != null && now.isBefore(snapshot.lateAt())) {
				next = snapshot.lateAt();
			}
			else if (snapshot.deadAt() != null && now.isBefore(snapshot.deadAt())) {
				next = snapshot.deadAt();
			}
			String payload = (beat.duration() != null)
					? beat.kind().verb() + "/" + BeatCodec.formatSeconds(beat.duration()) : beat.kind().verb();
			return new ProcessDescriptor(snapshot.process(), snapshot.app(), snapshot.state(), snapshot.reportedState(),
					beat.recordTime(), payload, beat.instance(), beat.seq(), beat.health(), beat.status().name(), next,
					snapshot.overdue(now).toMillis() / 1000.0, snapshot.lateAt(), snapshot.deadAt(),
					snapshot.snoozedUntil());
		}

	}

	/**
	 * What a write operation did.
	 *
	 * @param process the process id (or {@code *})
	 * @param action pause, resume, snooze or forget
	 * @param at when (for pause and resume: the signed record timestamp)
	 * @param signed for pause and resume: whether the record is signed
	 * @param topic for pause and resume: the control topic
	 * @param record for pause and resume: {@code partition@offset} of the record
	 * @param until for snooze: until when
	 * @param error why it failed, or {@code null}
	 */
	public record CommandDescriptor(String process, String action, Instant at, @Nullable Boolean signed, @Nullable String topic,
			@Nullable String record, @Nullable Instant until, @Nullable String error) implements OperationResponseBody {
	}

}
