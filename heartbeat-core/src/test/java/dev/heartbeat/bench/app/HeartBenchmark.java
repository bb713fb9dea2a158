package dev.heartbeat.bench.app;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.heartbeat.core.beat.BeatKind;
import dev.heartbeat.core.heart.PublishOutcome;
import dev.heartbeat.core.heart.Heart;
import dev.heartbeat.core.heart.HeartConfig;
import dev.heartbeat.core.publish.BeatMetadata;
import dev.heartbeat.core.publish.SyncBeatPublisher;
import dev.heartbeat.core.schedule.TickDecision;
import dev.heartbeat.core.schedule.BeatSource;
import dev.heartbeat.core.status.StatusTracker;
import dev.heartbeat.core.time.HeartbeatClock;

/**
 * Benchmark 5: what one scheduler tick costs the app, health evaluation aside. The tick asks a
 * {@link BeatSource} that answers a constant {@link TickDecision}, maps it to a beat kind as the
 * scheduler does, and hands it to {@link Heart#send}: the duplicate check, the sequence number,
 * the metadata, the payload encoding and a synchronous publisher that only keeps what it was
 * given.
 * <ul>
 * <li>{@link #publishedTick}: minimum interval zero, so every tick is published;</li>
 * <li>{@link #suppressedTick}: minimum interval of an hour, so every tick repeats the last
 * delivered beat and is suppressed.</li>
 * </ul>
 * Run with JMH's GC profiler: {@code gc.alloc.rate.norm} is the bytes allocated per tick.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class HeartBenchmark {

	static final Duration PERIOD = Duration.ofSeconds(5);

	final BeatSource source = BeatSource.ALWAYS_UP;

	Heart published;

	Heart suppressed;

	@Setup
	public void setUp() {
		this.published = heart(Duration.ZERO);
		this.suppressed = heart(Duration.ofHours(1));
		// the first beat is delivered; every later one repeats it within the hour
		this.suppressed.beat(PERIOD);
	}

	static Heart heart(Duration minInterval) {
		HeartConfig config = HeartConfig.custom()
			.process("orders-7f3a9c21b4de-000123")
			.app("orders")
			.instance("3f9c2a7d1e0b")
			.minInterval(minInterval)
			.build();
		return new Heart(config, new KeepingPublisher(), new StatusTracker(HeartbeatClock.SYSTEM),
				HeartbeatClock.SYSTEM);
	}

	/**
	 * A tick that publishes.
	 * @return the outcome
	 */
	@Benchmark
	public CompletionStage<PublishOutcome> publishedTick() {
		return tick(this.published);
	}

	/**
	 * A tick that is suppressed as a duplicate.
	 * @return the outcome
	 */
	@Benchmark
	public CompletionStage<PublishOutcome> suppressedTick() {
		return tick(this.suppressed);
	}

	CompletionStage<PublishOutcome> tick(Heart heart) {
		TickDecision decision = this.source.decide();
		BeatKind kind = (decision.kind() == TickDecision.Kind.BEAT) ? BeatKind.BEAT : BeatKind.DEGRADED;
		return heart.send(kind, PERIOD, decision.health());
	}

	/**
	 * A publisher that sends nothing but keeps the last payload and metadata, so that the JIT
	 * cannot drop the encoding as unused.
	 */
	static final class KeepingPublisher implements SyncBeatPublisher {

		String payload;

		BeatMetadata metadata;

		@Override
		public void publish(String subject, String process, String payload, BeatMetadata metadata) {
			this.payload = payload;
			this.metadata = metadata;
		}

	}

}
