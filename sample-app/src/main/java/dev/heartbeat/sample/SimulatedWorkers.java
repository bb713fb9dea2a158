package dev.heartbeat.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

import dev.heartbeat.boot.beat.autoconfigure.HeartbeatProperties;
import dev.heartbeat.boot.beat.kafka.KafkaBeatPublisher;
import dev.heartbeat.boot.beat.kafka.KafkaBeatPublisher.TopicReadiness;
import dev.heartbeat.boot.support.KafkaClientSettings;
import dev.heartbeat.boot.beat.kafka.KafkaControlListener;
import dev.heartbeat.boot.beat.kafka.KafkaTopicCreator;
import dev.heartbeat.boot.monitor.autoconfigure.HeartbeatMonitorProperties;
import dev.heartbeat.core.schedule.BeatSource;
import dev.heartbeat.core.schedule.SchedulerConfig;
import dev.heartbeat.core.status.StatusTracker;
import dev.heartbeat.core.time.HeartbeatClock;
import dev.heartbeat.core.wire.ControlGate;

/**
 * A handful of simulated worker processes that beat through the same Kafka as the sample, each
 * under its own process id: the four instances of the app {@code workers}, so that the monitor
 * has a story to tell:
 * <ul>
 * <li>{@code worker-steady} beats all the time;</li>
 * <li>{@code worker-crash} dies without a stop beat after {@code crash-after}: LATE, then DEAD
 * (reminded of while its app is short of instances), and after {@code restart-after} a new
 * instance, {@code worker-crash-2}, replaces it (then {@code -3}, and so on), as an orchestrator
 * replaces a pod that died;</li>
 * <li>{@code worker-graceful} stops with a stop beat after {@code stop-after}: STOPPED, and
 * starts again under the same id after {@code restart-after};</li>
 * <li>{@code worker-flappy} alternates beat and degraded faster than the monitor's hold-time, so
 * its state flips on the board but its listeners hear nothing of it.</li>
 * </ul>
 * Each worker also listens on the control topic for itself, so the board's pause and resume
 * work on it as on a real service. They start when the application is ready, like the sample's
 * own heartbeat.
 */
@Component
@ConditionalOnBooleanProperty(name = "sample.workers.enabled", matchIfMissing = true)
class SimulatedWorkers implements SmartLifecycle {

	static final String STEADY = "worker-steady";

	static final String CRASH = "worker-crash";

	static final String GRACEFUL = "worker-graceful";

	static final String FLAPPY = "worker-flappy";

	private static final Log logger = LogFactory.getLog(SimulatedWorkers.class);

	private final WorkersProperties properties;

	private final HeartbeatProperties heartbeat;

	private final HeartbeatMonitorProperties monitor;

	private final HeartbeatClock clock;

	private final List<SimulatedWorker> workers = new ArrayList<>();

	// guarded by this; null while stopped
	private @Nullable ScheduledExecutorService story;

	SimulatedWorkers(WorkersProperties properties, HeartbeatProperties heartbeat,
			ObjectProvider<HeartbeatMonitorProperties> monitor, KafkaProperties kafkaProperties,
			KafkaConnectionDetails connectionDetails, ObjectProvider<KafkaTopicCreator> topicCreator,
			ObjectProvider<HeartbeatClock> clock) {
		this.properties = properties;
		this.heartbeat = heartbeat;
		this.monitor = monitor.getIfAvailable(HeartbeatMonitorProperties::new);
		this.clock = clock.getIfAvailable(() -> HeartbeatClock.SYSTEM);
		KafkaTopicCreator creator = topicCreator.getIfAvailable();
		// like the starter: no beat before the topic was created compacted
		TopicReadiness readiness = (creator != null) ? creator::awaitDone : TopicReadiness.READY;
		Duration timeout = heartbeat.getPublisherTimeout();
		SchedulerConfig schedule = SchedulerConfig.custom()
			.period(properties.period())
			.warmup(properties.warmup())
			.initialDelay(Duration.ZERO)
			.publisherTimeout(timeout)
			.shutdownGrace(heartbeat.getShutdownGrace())
			.build();
		Duration window = properties.period().multipliedBy((long) Math.ceil(heartbeat.getReportByBuffer()));
		KafkaClientSettings settings = new KafkaClientSettings(kafkaProperties, connectionDetails);
		for (String process : List.of(STEADY, CRASH, GRACEFUL, FLAPPY)) {
			Map<String, Object> producer = settings.beatProducer(process, timeout, window);
			BeatSource source = process.equals(FLAPPY)
					? new SimulatedWorker.Flapping(this.clock, properties.steadyFor(), properties.flapFor())
					: BeatSource.ALWAYS_UP;
			StatusTracker tracker = new StatusTracker(this.clock);
			HeartbeatProperties.Control control = heartbeat.getControl();
			// each life listens for the control records of its own process id
			Function<String, KafkaControlListener> controls = !control.isEnabled() ? null
					: (id) -> new KafkaControlListener(control.getTopic(),
							() -> new KafkaConsumer<String, String>(settings.controlConsumer(id)),
							new ControlGate(id, control.getSecret(), control.getMaxAge(), this.clock), tracker,
							this.clock);
			this.workers.add(new SimulatedWorker(process, properties.app(), schedule,
					() -> new KafkaBeatPublisher(heartbeat.getKafka().getTopic(),
							() -> new KafkaProducer<String, String>(producer), timeout, readiness, timeout),
					source, tracker, controls));
		}
	}

	@EventListener(ApplicationReadyEvent.class)
	void onReady() {
		start();
	}

	@Override
	public synchronized void start() {
		if (this.story != null) {
			return;
		}
		CustomizableThreadFactory threads = new CustomizableThreadFactory("sample-workers-");
		threads.setDaemon(true);
		this.story = Executors.newSingleThreadScheduledExecutor(threads);
		this.workers.forEach(SimulatedWorker::start);
		Duration period = this.properties.period();
		Duration late = multiply(period, this.monitor.getLateFactor());
		Duration dead = multiply(period, this.monitor.getReportByBuffer());
		logger.info("Simulated workers started (app '" + this.properties.app() + "', a beat every " + text(period)
				+ "): " + CRASH + " dies in " + text(this.properties.crashAfter()) + ", " + GRACEFUL + " stops in "
				+ text(this.properties.stopAfter()) + ", " + FLAPPY + " flaps after " + text(this.properties.steadyFor()));
		repeat(worker(CRASH), this.properties.crashAfter(), (worker) -> {
			logger.info(worker.process() + " dies now without a stop beat: LATE in " + text(late) + ", DEAD in "
					+ text(dead) + restartNote("a new instance replaces it"));
			worker.crash();
		}, (worker) -> {
			worker.replace();
			logger.info(worker.process() + " starts as a new instance of '" + this.properties.app()
					+ "' in place of the one that died");
		});
		repeat(worker(GRACEFUL), this.properties.stopAfter(), (worker) -> {
			logger.info(GRACEFUL + " stops now with a stop beat: STOPPED" + restartNote("it starts again"));
			worker.stop();
		}, (worker) -> {
			logger.info(worker.process() + " starts again as a new instance");
			worker.start();
		});
	}

	// down after `up`, up again after restart-after, and so on
	private void repeat(SimulatedWorker worker, Duration up, Consumer<SimulatedWorker> down,
			Consumer<SimulatedWorker> again) {
		this.story.schedule(() -> {
			down.accept(worker);
			Duration restart = this.properties.restartAfter();
			if (!restart.isZero()) {
				this.story.schedule(() -> {
					again.accept(worker);
					repeat(worker, up, down, again);
				}, restart.toMillis(), TimeUnit.MILLISECONDS);
			}
		}, up.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		ScheduledExecutorService stopping;
		synchronized (this) {
			stopping = this.story;
			this.story = null;
		}
		if (stopping == null) {
			return;
		}
		stopping.shutdownNow();
		try {
			stopping.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		// the sample shuts down cleanly, so its workers do too: each running one sends stop
		this.workers.parallelStream().forEach(SimulatedWorker::stop);
	}

	@Override
	public synchronized boolean isRunning() {
		return this.story != null;
	}

	@Override
	public boolean isAutoStartup() {
		// started on ApplicationReadyEvent instead, like the sample's own heartbeat
		return false;
	}

	List<SimulatedWorker> workers() {
		return List.copyOf(this.workers);
	}

	private SimulatedWorker worker(String name) {
		return this.workers.stream().filter((worker) -> worker.name().equals(name)).findFirst().orElseThrow();
	}

	private String restartNote(String what) {
		Duration restart = this.properties.restartAfter();
		return restart.isZero() ? "" : "; " + what + " in " + text(restart);
	}

	private static Duration multiply(Duration duration, double factor) {
		return Duration.ofMillis((long) Math.ceil(duration.toMillis() * factor));
	}

	private static String text(Duration duration) {
		return duration.toString().substring(2).toLowerCase(Locale.ROOT);
	}

}
