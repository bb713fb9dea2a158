package dev.heartbeat.boot.monitor.support;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.beat.BeatCodec;
import dev.heartbeat.core.status.RunStatus;

/**
 * An application simulated with wire records: {@code start/<warmup>}, then {@code beat/<period>}
 * every period (or {@code degraded/<period>} once degraded) with app, instance, sequence, status
 * and health headers, and {@code stop} on close.
 */
public final class SimulatedApp implements BeatingApp {

	private final WireBeats wire;

	private final String process;

	private final String app;

	private final Duration period;

	private final String instance = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).substring(4);

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "simulated-app");
		thread.setDaemon(true);
		return thread;
	});

	// guarded by this
	private long seq;

	// guarded by this
	private boolean degraded;

	// guarded by this
	private RunStatus status = RunStatus.RUNNING;

	// guarded by this
	private boolean dead;

	private volatile long lastBeat;

	private SimulatedApp(WireBeats wire, String process, String app, Duration period) {
		this.wire = wire;
		this.process = process;
		this.app = app;
		this.period = period;
	}

	/**
	 * Start an app: it sends {@code start/<2 × period>} now and beats every period.
	 * @param wire where it writes
	 * @param process the process id
	 * @param app the app name
	 * @param period the period
	 * @return the running app
	 */
	public static SimulatedApp start(WireBeats wire, String process, String app, Duration period) {
		SimulatedApp simulated = new SimulatedApp(wire, process, app, period);
		simulated.send(Beat.start(period.multipliedBy(2)));
		simulated.scheduler.scheduleAtFixedRate(simulated::tick, period.toMillis(), period.toMillis(),
				TimeUnit.MILLISECONDS);
		return simulated;
	}

	@Override
	public String process() {
		return this.process;
	}

	@Override
	public Duration period() {
		return this.period;
	}

	@Override
	public void degrade() {
		synchronized (this) {
			this.degraded = true;
		}
		tick();
	}

	/**
	 * Report the given run status from the next beat on (as a paused app does).
	 * @param status the status
	 */
	public void status(RunStatus status) {
		synchronized (this) {
			this.status = status;
		}
		tick();
	}

	@Override
	public void kill() {
		synchronized (this) {
			this.dead = true;
		}
		shutdown();
	}

	@Override
	public Instant lastBeatTime() {
		return Instant.ofEpochMilli(this.lastBeat);
	}

	@Override
	public void close() {
		boolean alive;
		synchronized (this) {
			alive = !this.dead;
			this.dead = true;
		}
		shutdown();
		if (alive) {
			sendNow(Beat.stop());
		}
	}

	private void shutdown() {
		this.scheduler.shutdownNow();
		try {
			this.scheduler.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void tick() {
		boolean isDegraded;
		synchronized (this) {
			isDegraded = this.degraded;
		}
		send(isDegraded ? Beat.degraded(this.period) : Beat.beat(this.period));
	}

	private void send(Beat beat) {
		synchronized (this) {
			if (this.dead) {
				return;
			}
			sendNow(beat);
		}
	}

	private synchronized void sendNow(Beat beat) {
		this.lastBeat = this.wire.beat(this.process, this.app, this.instance, ++this.seq, BeatCodec.encode(beat),
				this.status, this.degraded ? "DOWN" : "UP");
	}

	@Override
	public String toString() {
		return "SimulatedApp[" + this.process + "]";
	}

}
