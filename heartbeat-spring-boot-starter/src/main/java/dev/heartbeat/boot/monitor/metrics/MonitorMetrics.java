package dev.heartbeat.boot.monitor.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

import org.jspecify.annotations.Nullable;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.heartbeat.boot.monitor.kafka.DeadLetterPublisher;
import dev.heartbeat.boot.monitor.kafka.IngestStats;
import dev.heartbeat.boot.monitor.kafka.InvalidReason;
import dev.heartbeat.boot.monitor.listener.DeliveryStats;
import dev.heartbeat.boot.monitor.listener.ListenerChannel;
import dev.heartbeat.boot.monitor.listener.ListenerDispatcher;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.monitor.MonitorListener;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.monitor.StateChange;
import dev.heartbeat.core.time.HeartbeatClock;

/**
 * The monitor's meters:
 * <ul>
 * <li>{@value #PROCESSES} (gauge, tag {@code state}): tracked processes per state;</li>
 * <li>{@value #EVENTS} (counter, tag {@code state}): events fired, reminders included;</li>
 * <li>{@value #DETECTION_LAG} (timer, tag {@code state}): from a change ({@code at}, the deadline
 * itself for LATE and DEAD) to the engine noticing it;</li>
 * <li>{@value #RECORDS_CONSUMED}, {@value #RECORDS_STALE}, {@value #RECORDS_INVALID} (tag
 * {@code reason}): records read;</li>
 * <li>{@value #LISTENER_DELIVERIES} (tags {@code listener}, {@code outcome}: delivered, failed,
 * dropped) and {@value #LISTENER_ERRORS} (tags {@code listener}, {@code cause}: error, timeout)
 * per failed attempt;</li>
 * <li>{@value #DEAD_LETTERS} (tag {@code outcome}: sent, failed, dropped) when a dead-letter topic is
 * set;</li>
 * <li>{@value #APP_PROCESSES} (gauge, tags {@code app}, {@code state}) and {@value #APPS_TRACKED}: the
 * processes of each application per state, recounted at most every 10 s when read.</li>
 * </ul>
 * Every meter that can be known in advance is registered at once, at zero, so that a query or an
 * alert rule finds its series before the first event.
 */
public final class MonitorMetrics implements MeterBinder {

	/** Gauge of tracked processes per state. */
	public static final String PROCESSES = "heartbeat.monitor.processes";

	/** Counter of events per state. */
	public static final String EVENTS = "heartbeat.monitor.events";

	/** Timer of detection lag. */
	public static final String DETECTION_LAG = "heartbeat.monitor.detection.lag";

	/** Counter of records read. */
	public static final String RECORDS_CONSUMED = "heartbeat.monitor.records.consumed";

	/** Counter of valid records ignored as out of order. */
	public static final String RECORDS_STALE = "heartbeat.monitor.records.stale";

	/** Counter of invalid records per reason. */
	public static final String RECORDS_INVALID = "heartbeat.monitor.records.invalid";

	/** Counter of listener deliveries per outcome. */
	public static final String LISTENER_DELIVERIES = "heartbeat.monitor.listener.deliveries";

	/** Counter of failed listener attempts per cause. */
	public static final String LISTENER_ERRORS = "heartbeat.monitor.listener.errors";

	/** Counter of dead letters per outcome. */
	public static final String DEAD_LETTERS = "heartbeat.monitor.dead.letters";

	/** Gauge of the processes of one application per state. */
	public static final String APP_PROCESSES = AppStateGauges.APP_PROCESSES;

	/** Gauge of the applications tracked. */
	public static final String APPS_TRACKED = AppStateGauges.APPS_TRACKED;

	private final DeadlineEngine engine;

	private final IngestStats ingest;

	private final ListenerDispatcher dispatcher;

	private final @Nullable DeadLetterPublisher deadLetters;

	private final HeartbeatClock clock;

	/**
	 * Meters of a monitor.
	 * @param engine the engine
	 * @param ingest the record counters
	 * @param dispatcher the listeners
	 * @param deadLetters the dead-letter publisher, or {@code null}
	 * @param clock the clock that spaces the recounts per application
	 */
	public MonitorMetrics(DeadlineEngine engine, IngestStats ingest, ListenerDispatcher dispatcher,
			@Nullable DeadLetterPublisher deadLetters, HeartbeatClock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
		this.engine = Objects.requireNonNull(engine, "engine");
		this.ingest = Objects.requireNonNull(ingest, "ingest");
		this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
		this.deadLetters = deadLetters;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Map<ProcessState, Counter> events = new EnumMap<>(ProcessState.class);
		Map<ProcessState, Timer> lags = new EnumMap<>(ProcessState.class);
		for (ProcessState state : ProcessState.values()) {
			if (state == ProcessState.UNKNOWN) {
				continue;
			}
			String tag = state.eventName();
			Gauge.builder(PROCESSES, this.engine, (engine) -> engine.countByState().getOrDefault(state, 0L))
				.description("Processes tracked by this monitor, per state")
				.tag("state", tag)
				.register(registry);
			events.put(state, Counter.builder(EVENTS)
				.description("State changes reported, reminders included")
				.tag("state", tag)
				.register(registry));
			lags.put(state, Timer.builder(DETECTION_LAG)
				.description("Time from a change (the deadline itself for late and dead) to its detection")
				.tag("state", tag)
				.register(registry));
		}
		this.engine.addListener(new MonitorListener() {

			@Override
			public void onStateChange(StateChange change) {
				events.get(change.to()).increment();
				if (!change.reminder()) {
					lags.get(change.to()).record(change.detectionLag());
				}
			}

		});
		FunctionCounter.builder(RECORDS_CONSUMED, this.ingest, IngestStats::consumed)
			.description("Heartbeat records read, valid or not")
			.register(registry);
		FunctionCounter.builder(RECORDS_STALE, this.ingest, IngestStats::stale)
			.description("Valid heartbeat records ignored as out of order or duplicate")
			.register(registry);
		for (InvalidReason reason : InvalidReason.values()) {
			FunctionCounter.builder(RECORDS_INVALID, this.ingest, (stats) -> stats.invalid(reason))
				.description("Invalid heartbeat records, per reason")
				.tag("reason", reason.tag())
				.register(registry);
		}
		for (ListenerChannel channel : this.dispatcher.channels()) {
			DeliveryStats stats = channel.stats();
			deliveries(registry, channel.name(), "delivered", stats, DeliveryStats::delivered);
			deliveries(registry, channel.name(), "failed", stats, DeliveryStats::failed);
			deliveries(registry, channel.name(), "dropped", stats, DeliveryStats::dropped);
			FunctionCounter.builder(LISTENER_ERRORS, stats, DeliveryStats::errors)
				.description("Failed listener attempts, per cause")
				.tags("listener", channel.name(), "cause", "error")
				.register(registry);
			FunctionCounter.builder(LISTENER_ERRORS, stats, DeliveryStats::timeouts)
				.description("Failed listener attempts, per cause")
				.tags("listener", channel.name(), "cause", "timeout")
				.register(registry);
		}
		if (this.deadLetters != null) {
			deadLetters(registry, "sent", DeadLetterPublisher::sent);
			deadLetters(registry, "failed", DeadLetterPublisher::failed);
			deadLetters(registry, "dropped", DeadLetterPublisher::dropped);
		}
		new AppStateGauges(this.engine, this.clock, registry);
	}

	private static void deliveries(MeterRegistry registry, String listener, String outcome, DeliveryStats stats,
			ToDoubleFunction<DeliveryStats> count) {
		FunctionCounter.builder(LISTENER_DELIVERIES, stats, count)
			.description("Events handled by a listener, per outcome")
			.tags("listener", listener, "outcome", outcome)
			.register(registry);
	}

	private void deadLetters(MeterRegistry registry, String outcome,
			ToDoubleFunction<DeadLetterPublisher> count) {
		FunctionCounter.builder(DEAD_LETTERS, this.deadLetters, count)
			.description("Invalid heartbeat records copied to the dead-letter topic, per outcome")
			.tag("outcome", outcome)
			.register(registry);
	}

}
