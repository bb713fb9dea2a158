package dev.heartbeat.core.monitor.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.heartbeat.core.monitor.AppSnapshot;
import dev.heartbeat.core.monitor.AppState;

/**
 * What {@link dev.heartbeat.core.monitor.DeadlineEngine} does with apps, behind it: each method runs under the engine's
 * lock at the engine's time, as every operation of {@link EngineCore} does, and does what the
 * engine's method of the same name documents.
 */
public final class EngineApps {

	private final EngineCore core;

	private final AppBook apps;

	/**
	 * The app operations of an engine.
	 * @param core the engine's working part
	 */
	public EngineApps(EngineCore core) {
		this.core = core;
		this.apps = core.apps();
	}

	/** See {@link dev.heartbeat.core.monitor.DeadlineEngine#apps()}. */
	public List<AppSnapshot> list() {
		return this.core.operate(this.apps::snapshots);
	}

	/** See {@link dev.heartbeat.core.monitor.DeadlineEngine#app(String)}. */
	public Optional<AppSnapshot> get(String app) {
		Objects.requireNonNull(app, "app");
		return Optional.ofNullable(this.core.operate((now) -> this.apps.snapshot(app, now)));
	}

	/** See {@link dev.heartbeat.core.monitor.DeadlineEngine#countAppsByState()}. */
	public Map<AppState, Long> countByState() {
		return this.core.operate((now) -> this.apps.countByState());
	}

	/** See {@link dev.heartbeat.core.monitor.DeadlineEngine#snoozeApp(String, Instant)}. */
	public boolean snooze(String app, Instant until) {
		Objects.requireNonNull(app, "app");
		long untilMillis = TimerWheel.toMillis(Objects.requireNonNull(until, "until"));
		return this.core.operate((now) -> this.apps.snooze(app, untilMillis, now));
	}

}
