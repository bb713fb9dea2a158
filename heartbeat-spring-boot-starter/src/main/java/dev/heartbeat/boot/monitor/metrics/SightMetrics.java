package dev.heartbeat.boot.monitor.metrics;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.apache.kafka.common.TopicPartition;

import dev.heartbeat.boot.monitor.kafka.HeartbeatConsumer;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.monitor.MonitorListener;
import dev.heartbeat.core.monitor.PartitionSight;
import dev.heartbeat.core.monitor.SightChange;
import dev.heartbeat.core.time.HeartbeatClock;

/**
 * The meters of the monitor's sight, per live partition (tag {@code partition}), registered as
 * partitions are rebuilt and removed as they go:
 * <ul>
 * <li>{@value #LAG} (gauge): records behind the partition's end, as of the last read of it;</li>
 * <li>{@value #SIGHT_AGE} (gauge, seconds): how far behind now the partition is seen;</li>
 * <li>{@value #BLIND_TIME} (function counter, seconds): how long it was blind in all;</li>
 * <li>{@value #HELD} (gauge, no tag): processes whose verdicts wait for sight now;</li>
 * <li>{@value #SIGHT_EVENTS} (counter, tag {@code event}: blind, sighted).</li>
 * </ul>
 */
public final class SightMetrics implements MeterBinder {

	/** Gauge of records behind the end, per partition. */
	public static final String LAG = "heartbeat.monitor.partition.lag";

	/** Gauge of how far behind now a partition is seen, per partition. */
	public static final String SIGHT_AGE = "heartbeat.monitor.partition.sight.age";

	/** Function counter of blind time, per partition. */
	public static final String BLIND_TIME = "heartbeat.monitor.partition.blind.time";

	/** Gauge of the verdicts held. */
	public static final String HELD = "heartbeat.monitor.verdicts.held";

	/** Counter of {@code monitor.blind} and {@code monitor.sighted} events. */
	public static final String SIGHT_EVENTS = "heartbeat.monitor.sight.events";

	private final DeadlineEngine engine;

	private final HeartbeatConsumer consumer;

	private final HeartbeatClock clock;

	// guarded by this
	private final Map<Integer, List<Meter>> registered = new HashMap<>();

	/**
	 * Meters of a monitor's sight.
	 * @param engine the engine, which knows the sight of each partition
	 * @param consumer the consumer, which knows the lags and the live partitions
	 * @param clock the clock
	 */
	public SightMetrics(DeadlineEngine engine, HeartbeatConsumer consumer, HeartbeatClock clock) {
		this.engine = Objects.requireNonNull(engine, "engine");
		this.consumer = Objects.requireNonNull(consumer, "consumer");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(HELD, this.engine,
				(engine) -> engine.sights().stream().mapToLong(PartitionSight::heldVerdicts).sum())
			.description("Processes whose verdicts wait for their partition to be seen")
			.register(registry);
		Counter blind = Counter.builder(SIGHT_EVENTS).tag("event", "blind")
			.description("The monitor lost or regained sight of partitions")
			.register(registry);
		Counter sighted = Counter.builder(SIGHT_EVENTS).tag("event", "sighted")
			.description("The monitor lost or regained sight of partitions")
			.register(registry);
		this.engine.addListener(new MonitorListener() {

			@Override
			public void onSightChange(SightChange change) {
				(change.blind() ? blind : sighted).increment();
			}

		});
		this.consumer.onLivePartitions((live) -> partitions(registry, live));
		partitions(registry, this.consumer.assignment());
	}

	private synchronized void partitions(MeterRegistry registry, Set<TopicPartition> live) {
		Map<Integer, Boolean> wanted = new HashMap<>();
		live.forEach((partition) -> wanted.put(partition.partition(), true));
		this.registered.entrySet().removeIf((entry) -> {
			if (wanted.containsKey(entry.getKey())) {
				return false;
			}
			entry.getValue().forEach(registry::remove);
			return true;
		});
		for (TopicPartition partition : live) {
			this.registered.computeIfAbsent(partition.partition(), (number) -> register(registry, partition));
		}
	}

	private List<Meter> register(MeterRegistry registry, TopicPartition partition) {
		Tags tags = Tags.of("partition", Integer.toString(partition.partition()));
		int number = partition.partition();
		Meter lag = Gauge.builder(LAG, this.consumer, (consumer) -> {
			Long records = consumer.lags().get(partition);
			return (records != null) ? records : Double.NaN;
		}).description("Records behind the end of the partition").tags(tags).register(registry);
		Meter age = Gauge.builder(SIGHT_AGE, this.engine,
				sight(number, (sight) -> sight.age(Instant.ofEpochMilli(this.clock.wallTime())).toMillis() / 1000.0))
			.description("How far behind now the partition is seen: its verdicts wait until then")
			.baseUnit("seconds")
			.tags(tags)
			.register(registry);
		Meter blind = FunctionCounter.builder(BLIND_TIME, this.engine,
				sight(number, (sight) -> sight.blindTime().toMillis() / 1000.0))
			.description("How long the partition was blind in all")
			.baseUnit("seconds")
			.tags(tags)
			.register(registry);
		return List.of(lag, age, blind);
	}

	private static ToDoubleFunction<DeadlineEngine> sight(int partition, ToDoubleFunction<PartitionSight> value) {
		return (engine) -> engine.sights()
			.stream()
			.filter((sight) -> sight.partition() == partition)
			.mapToDouble(value)
			.findFirst()
			.orElse(Double.NaN);
	}

}
