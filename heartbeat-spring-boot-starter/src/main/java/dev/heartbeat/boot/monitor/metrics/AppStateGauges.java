package dev.heartbeat.boot.monitor.metrics;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.time.HeartbeatClock;

/**
 * The processes of each application per state, {@value #APP_PROCESSES} (tags {@code app},
 * {@code state}), and the number of applications tracked, {@value #APPS_TRACKED}. The engine counts
 * processes per state only, so the counts per application are taken by walking every tracked
 * process, at most once per {@link #RECOUNT_INTERVAL} and only when the meters are read (a
 * scrape): between two recounts the gauges show the last one. An application no process belongs
 * to any more loses its gauges at the next recount.
 */
final class AppStateGauges {

	/** Gauge of the processes of one application in one state. */
	static final String APP_PROCESSES = "heartbeat.monitor.app.processes";

	/** Gauge of the applications tracked. */
	static final String APPS_TRACKED = "heartbeat.monitor.apps.tracked";

	/** The shortest time between two recounts. */
	static final Duration RECOUNT_INTERVAL = Duration.ofSeconds(10);

	private static final ProcessState[] STATES = Arrays.stream(ProcessState.values())
		.filter((state) -> state != ProcessState.UNKNOWN)
		.toArray(ProcessState[]::new);

	private final DeadlineEngine engine;

	private final HeartbeatClock clock;

	private final MeterRegistry registry;

	// guarded by this: the last count, app -> processes per state ordinal
	private Map<String, long[]> counts = Map.of();

	// guarded by this: monotonic time of the last recount, or null before the first
	private Long countedAt;

	// the gauges registered per application
	private final Map<String, Meter[]> gauges = new ConcurrentHashMap<>();

	AppStateGauges(DeadlineEngine engine, HeartbeatClock clock, MeterRegistry registry) {
		this.engine = Objects.requireNonNull(engine, "engine");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.registry = Objects.requireNonNull(registry, "registry");
		// strong references: nothing else holds on to this object
		Gauge.builder(APPS_TRACKED, this, AppStateGauges::apps)
			.description("Applications with at least one process tracked by this monitor")
			.strongReference(true)
			.register(registry);
	}

	// read on every scrape: recounts when the last count is old enough
	private double apps() {
		return recountIfDue().size();
	}

	private synchronized Map<String, long[]> recountIfDue() {
		long now = this.clock.monotonicTime();
		if (this.countedAt != null && now - this.countedAt < RECOUNT_INTERVAL.toNanos()) {
			return this.counts;
		}
		Map<String, long[]> fresh = new HashMap<>();
		// the filter counts and keeps nothing, so the walk builds no list
		this.engine.list((snapshot) -> {
			fresh.computeIfAbsent(snapshot.app(), (app) -> new long[ProcessState.values().length])[snapshot.state()
				.ordinal()]++;
			return false;
		}, 1);
		this.counts = fresh;
		this.countedAt = now;
		fresh.keySet().forEach(this::register);
		this.gauges.keySet().removeIf((app) -> {
			if (fresh.containsKey(app)) {
				return false;
			}
			for (Meter meter : this.gauges.get(app)) {
				this.registry.remove(meter);
			}
			return true;
		});
		return fresh;
	}

	private void register(String app) {
		this.gauges.computeIfAbsent(app, (name) -> {
			Meter[] meters = new Meter[STATES.length];
			for (int i = 0; i < STATES.length; i++) {
				ProcessState state = STATES[i];
				meters[i] = Gauge.builder(APP_PROCESSES, this, (gauges) -> gauges.count(name, state))
					.description("Processes of one application tracked by this monitor, per state")
					.tags("app", name, "state", state.eventName())
					.strongReference(true)
					.register(this.registry);
			}
			return meters;
		});
	}

	private synchronized double count(String app, ProcessState state) {
		long[] perState = this.counts.get(app);
		return (perState != null) ? perState[state.ordinal()] : 0;
	}

}
