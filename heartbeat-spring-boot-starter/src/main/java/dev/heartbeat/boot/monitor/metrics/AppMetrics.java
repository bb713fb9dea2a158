package dev.heartbeat.boot.monitor.metrics;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.heartbeat.boot.monitor.kafka.IngestStats;
import dev.heartbeat.boot.monitor.kafka.TombstoneWriter;
import dev.heartbeat.core.monitor.AppState;
import dev.heartbeat.core.monitor.AppStateChange;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.monitor.MonitorListener;
import dev.heartbeat.core.monitor.ProcessForgotten;

/**
 * The monitor's meters of apps and of forgotten processes:
 * <ul>
 * <li>{@value #APPS} (gauge, tag {@code state}): apps per state;</li>
 * <li>{@value #APP_EVENTS} (counter, tag {@code state}): app events fired, reminders included;</li>
 * <li>{@value #FORGOTTEN} (counter, tag {@code reason}: retention, request, tombstone): processes
 * forgotten;</li>
 * <li>{@value #TOMBSTONES} (tag {@code outcome}: read, written, failed, skipped): tombstones read
 * on the heartbeat topic, and those this monitor wrote, could not write, or did not write because
 * the process was no longer its own or beat again.</li>
 * </ul>
 */
public final class AppMetrics implements MeterBinder {

	/** Gauge of apps per state. */
	public static final String APPS = "heartbeat.monitor.apps";

	/** Counter of app events per state. */
	public static final String APP_EVENTS = "heartbeat.monitor.app.events";

	/** Counter of forgotten processes per reason. */
	public static final String FORGOTTEN = "heartbeat.monitor.forgotten";

	/** Counter of tombstones per outcome. */
	public static final String TOMBSTONES = "heartbeat.monitor.tombstones";

	private final DeadlineEngine engine;

	private final IngestStats ingest;

	private final TombstoneWriter tombstones;

	/**
	 * Meters of a monitor's apps.
	 * @param engine the engine
	 * @param ingest the record counters
	 * @param tombstones the tombstone writer, or {@code null}
	 */
	public AppMetrics(DeadlineEngine engine, IngestStats ingest, TombstoneWriter tombstones) {
		this.engine = Objects.requireNonNull(engine, "engine");
		this.ingest = Objects.requireNonNull(ingest, "ingest");
		this.tombstones = tombstones;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Map<AppState, Counter> events = new EnumMap<>(AppState.class);
		for (AppState state : AppState.values()) {
			if (state == AppState.UNKNOWN) {
				continue;
			}
			Gauge.builder(APPS, this.engine, (engine) -> engine.countAppsByState().getOrDefault(state, 0L))
				.description("Apps whose instances this monitor tracks, per state")
				.tag("state", state.eventName())
				.register(registry);
			events.put(state, Counter.builder(APP_EVENTS)
				.description("App state changes reported, reminders included")
				.tag("state", state.eventName())
				.register(registry));
		}
		Map<ProcessForgotten.Reason, Counter> forgotten = new EnumMap<>(ProcessForgotten.Reason.class);
		for (ProcessForgotten.Reason reason : ProcessForgotten.Reason.values()) {
			forgotten.put(reason, Counter.builder(FORGOTTEN)
				.description("Processes no longer tracked, per reason")
				.tag("reason", reason.name().toLowerCase(Locale.ROOT))
				.register(registry));
		}
		this.engine.addListener(new MonitorListener() {

			@Override
			public void onAppStateChange(AppStateChange change) {
				events.get(change.to()).increment();
			}

			@Override
			public void onForgotten(ProcessForgotten process) {
				forgotten.get(process.reason()).increment();
			}

		});
		FunctionCounter.builder(TOMBSTONES, this.ingest, IngestStats::tombstones)
			.description("Tombstones of the heartbeat topic, per outcome")
			.tag("outcome", "read")
			.register(registry);
		if (this.tombstones != null) {
			tombstones(registry, "written", TombstoneWriter::sent);
			tombstones(registry, "failed", TombstoneWriter::failed);
			tombstones(registry, "skipped", TombstoneWriter::skipped);
		}
	}

	private void tombstones(MeterRegistry registry, String outcome, ToDoubleFunction<TombstoneWriter> count) {
		FunctionCounter.builder(TOMBSTONES, this.tombstones, count)
			.description("Tombstones of the heartbeat topic, per outcome")
			.tag("outcome", outcome)
			.register(registry);
	}

}
