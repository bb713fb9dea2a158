package dev.heartbeat.boot.monitor.health;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.common.TopicPartition;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import dev.heartbeat.boot.monitor.kafka.HeartbeatConsumer;
import dev.heartbeat.boot.support.HeartbeatOwnHealth;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.monitor.PartitionSight;
import dev.heartbeat.core.time.HeartbeatClock;

/**
 * The {@code heartbeatMonitor} health: can this monitor judge its share of processes?
 * <ul>
 * <li>{@code UP} while it owns partitions, has rebuilt them all and sees every one of them;</li>
 * <li>{@code OUT_OF_SERVICE} while it owns no partition (its group has more monitors than the
 * topic has partitions, or it is still joining) or rebuilds one;</li>
 * <li>{@code DOWN} while a partition is blind (unseen for longer than
 * {@code heartbeat.monitor.blind-after}: the broker unreachable, or the consumer behind), with
 * since when, why, and the verdicts held; and when its consumer does not run.</li>
 * </ul>
 * Details give, per owned partition, up to when it is seen, how far behind that is, the records
 * still to read, the verdicts held and the time it was blind in all. Add it to the readiness
 * group ({@code management.endpoint.health.group.readiness.include=readinessState,heartbeatMonitor})
 * to take a blind monitor out of traffic; it never drives the beats of the application.
 */
public final class MonitorHealthIndicator implements HealthIndicator, HeartbeatOwnHealth {

	private final HeartbeatConsumer consumer;

	private final DeadlineEngine engine;

	private final HeartbeatClock clock;

	/**
	 * Create the indicator.
	 * @param consumer the monitor's consumer
	 * @param engine the engine, which knows the sight of each partition
	 * @param clock the clock
	 */
	public MonitorHealthIndicator(HeartbeatConsumer consumer, DeadlineEngine engine, HeartbeatClock clock) {
		this.consumer = Objects.requireNonNull(consumer, "consumer");
		this.engine = Objects.requireNonNull(engine, "engine");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	@Override
	public Health health() {
		Instant now = this.clock.instant();
		List<PartitionSight> sights = this.engine.sights();
		Map<TopicPartition, Long> lags = this.consumer.lags();
		Map<String, Object> partitions = new LinkedHashMap<>();
		Instant blindSince = null;
		long held = 0;
		StringBuilder blind = new StringBuilder();
		for (PartitionSight sight : sights) {
			Long lag = lags.get(new TopicPartition(this.consumer.topic(), sight.partition()));
			partitions.put(Integer.toString(sight.partition()), details(sight, lag, now));
			held += sight.heldVerdicts();
			if (sight.blind()) {
				blind.append((blind.length() > 0) ? "," : "").append(sight.partition());
				blindSince = (blindSince == null || sight.seenUpTo().isBefore(blindSince)) ? sight.seenUpTo() : blindSince;
			}
		}
		Health.Builder health;
		if (!this.consumer.isRunning()) {
			health = Health.down().withDetail("reason", "the consumer does not run");
		}
		else if (this.consumer.assignment().isEmpty()) {
			health = Health.outOfService().withDetail("reason", "no partitions: nothing to watch");
		}
		else if (!this.consumer.isLive()) {
			health = Health.outOfService().withDetail("reason", "rebuilding partitions from the topic");
		}
		else if (blindSince != null) {
			String failure = this.consumer.sightFailure();
			String why = (failure != null) ? "cannot read the end offsets: " + failure
					: "the consumer is behind: lag " + lags.values().stream().mapToLong(Long::longValue).sum() + " record(s)";
			health = Health.down()
				.withDetail("reason", "blind since " + blindSince + " on partitions " + blind + "; " + why)
				.withDetail("heldVerdicts", held);
		}
		else {
			health = Health.up();
		}
		return health.withDetail("topic", this.consumer.topic()).withDetail("partitions", partitions).build();
	}

	private static Map<String, Object> details(PartitionSight sight, Long lag, Instant now) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("seenUpTo", sight.seenUpTo().toString());
		details.put("sightAge", sight.age(now).toMillis() / 1000.0);
		details.put("lag", lag);
		details.put("blind", sight.blind());
		details.put("heldVerdicts", sight.heldVerdicts());
		details.put("blindTime", sight.blindTime().toMillis() / 1000.0);
		return details;
	}

}
