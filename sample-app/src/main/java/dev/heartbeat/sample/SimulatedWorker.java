package dev.heartbeat.sample;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.heartbeat.boot.beat.kafka.KafkaBeatPublisher;
import dev.heartbeat.boot.beat.kafka.KafkaControlListener;
import dev.heartbeat.core.heart.HeartConfig;
import dev.heartbeat.core.publish.AsyncBeatPublisher;
import dev.heartbeat.core.publish.BeatMetadata;
import dev.heartbeat.core.schedule.TickDecision;
import dev.heartbeat.core.schedule.BeatScheduler;
import dev.heartbeat.core.schedule.BeatSource;
import dev.heartbeat.core.schedule.SchedulerConfig;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.status.StatusTracker;
import dev.heartbeat.core.time.HeartbeatClock;

/**
 * One simulated worker process: a core {@link BeatScheduler} of its own that beats through the
 * starter's {@link KafkaBeatPublisher} under its own process id, as a separate service would.
 * Each {@link #start()} is a new life with a new instance id and a new producer, like a process
 * that restarts; {@link #replace()} starts one under a new process id, as an orchestrator starts
 * a new pod in place of one that died. Each life listens for its own control records.
 */
final class SimulatedWorker {

	private static final Log logger = LogFactory.getLog(SimulatedWorker.class);

	private final String name;

	private final String app;

	private final SchedulerConfig schedule;

	private final Supplier<KafkaBeatPublisher> publishers;

	private final BeatSource source;

	private final StatusTracker tracker;

	// a control listener for a process id, or null when control is off
	private final Function<String, KafkaControlListener> controls;

	// guarded by this: the process id of the current (or last) life, and how many lives had one
	private String process;

	private int generation = 1;

	// guarded by this; null while down
	private @Nullable Life life;

	/**
	 * A worker.
	 * @param process its process id
	 * @param app its application name
	 * @param schedule its timing
	 * @param publishers a new Kafka publisher (and so a new producer) for each life
	 * @param source what each tick sends
	 * @param tracker its run status, which the control topic may change
	 * @param controls makes the control listener of a life's process id, or {@code null}
	 */
	SimulatedWorker(String process, String app, SchedulerConfig schedule,
			Supplier<KafkaBeatPublisher> publishers, BeatSource source, StatusTracker tracker,
			Function<String, KafkaControlListener> controls) {
		this.name = process;
		this.process = process;
		this.app = app;
		this.schedule = schedule;
		this.publishers = publishers;
		this.source = source;
		this.tracker = tracker;
		this.controls = controls;
	}

	/**
	 * The worker's name, the process id of its first life.
	 * @return the name
	 */
	String name() {
		return this.name;
	}

	/**
	 * The process id of the current (or last) life.
	 * @return the process id
	 */
	synchronized String process() {
		return this.process;
	}

	/**
	 * Start a new life under a new process id, {@code <name>-<n>}: the one before is left as it
	 * ended (dead, when it crashed), and the new one takes its place.
	 */
	synchronized void replace() {
		if (this.life != null) {
			return;
		}
		this.generation++;
		this.process = this.name + "-" + this.generation;
		start();
	}

	/**
	 * Start a new life: {@code start/<warmup>}, then a beat every period.
	 */
	synchronized void start() {
		if (this.life != null) {
			return;
		}
		// a restarted process starts running, whatever its previous life was told
		this.tracker.setStatus(RunStatus.RUNNING);
		Wire wire = new Wire(this.publishers.get());
		HeartConfig heart = HeartConfig.custom()
			.process(this.process)
			.app(this.app)
			.instance(HeartConfig.randomInstanceId())
			// every tick must go out even with sub-second test periods
			.minInterval(Duration.ZERO)
			.build();
		BeatScheduler scheduler = BeatScheduler.builder(heart)
			.config(this.schedule)
			.publisher(wire)
			.beatSource(this.source)
			.statusTracker(this.tracker)
			.build();
		KafkaControlListener control = (this.controls != null) ? this.controls.apply(this.process) : null;
		if (control != null) {
			control.start();
		}
		scheduler.start();
		this.life = new Life(scheduler, wire, control);
	}

	/**
	 * Die without a word: nothing more leaves the process, not even {@code stop}.
	 */
	synchronized void crash() {
		if (this.life == null) {
			return;
		}
		this.life.wire.cut = true;
		end();
	}

	/**
	 * Stop gracefully: send {@code stop}.
	 */
	synchronized void stop() {
		if (this.life != null) {
			end();
		}
	}

	synchronized boolean isUp() {
		return this.life != null;
	}

	private void end() {
		this.life.scheduler.stop();
		this.life.wire.publisher.close();
		if (this.life.control != null) {
			this.life.control.stop();
		}
		this.life = null;
	}

	private record Life(BeatScheduler scheduler, Wire wire, KafkaControlListener control) {
	}

	/**
	 * The publisher a crash cuts: after that nothing is sent, so the monitor hears silence.
	 */
	private static final class Wire implements AsyncBeatPublisher {

		private final KafkaBeatPublisher publisher;

		// set once by crash(), read by the publisher thread
		private volatile boolean cut;

		Wire(KafkaBeatPublisher publisher) {
			this.publisher = publisher;
		}

		@Override
		public CompletionStage<?> publishAsync(String subject, String process, String payload, BeatMetadata metadata) {
			if (this.cut) {
				logger.debug(process + " is crashed: " + payload + " never leaves it");
				return CompletableFuture.failedFuture(new IllegalStateException("the process crashed"));
			}
			return this.publisher.publishAsync(subject, process, payload, metadata);
		}

		@Override
		public String name() {
			return this.publisher.name();
		}

	}

	/**
	 * The beat source of worker-flappy: steady for a while, then beat and degraded alternate every
	 * tick for a while, and again. Each flip is shorter than the monitor's hold-time, so the
	 * board shows the state flipping while the listeners hear nothing of it.
	 */
	static final class Flapping implements BeatSource {

		private final HeartbeatClock clock;

		private final long steadyNanos;

		private final long cycleNanos;

		private final long startNanos;

		// only the scheduler's loop thread calls decide()
		private boolean degraded;

		Flapping(HeartbeatClock clock, Duration steadyFor, Duration flapFor) {
			this.clock = clock;
			this.steadyNanos = steadyFor.toNanos();
			this.cycleNanos = Math.max(1, steadyFor.plus(flapFor).toNanos());
			this.startNanos = clock.monotonicTime();
		}

		@Override
		public TickDecision decide() {
			long inCycle = (this.clock.monotonicTime() - this.startNanos) % this.cycleNanos;
			this.degraded = inCycle >= this.steadyNanos && !this.degraded;
			return this.degraded ? TickDecision.degraded("DEGRADED")
					: TickDecision.up();
		}

	}

}
