package dev.heartbeat.boot.monitor.autoconfigure;

import java.time.Duration;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import dev.heartbeat.boot.monitor.kafka.HeartbeatConsumer;
import dev.heartbeat.boot.monitor.listener.ListenerDispatcher;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.monitor.DeadlineLoop;

/**
 * Starts the monitor's threads in order (listeners, deadline loop, consumer) and stops them in
 * reverse, so that no event is produced without somewhere to go.
 */
final class HeartbeatMonitorLifecycle implements SmartLifecycle {

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private final DeadlineEngine engine;

	private final ListenerDispatcher dispatcher;

	private final DeadlineLoop loop;

	private final HeartbeatConsumer consumer;

	// guarded by this
	private boolean running;

	HeartbeatMonitorLifecycle(DeadlineEngine engine, ListenerDispatcher dispatcher, DeadlineLoop loop,
			HeartbeatConsumer consumer) {
		this.engine = engine;
		this.dispatcher = dispatcher;
		this.loop = loop;
		this.consumer = consumer;
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.dispatcher.start();
		this.engine.addListener(this.dispatcher);
		this.loop.start(threads("heartbeat-monitor-deadlines-"));
		this.consumer.start();
		this.running = true;
	}

	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.consumer.stop(STOP_TIMEOUT);
		this.loop.stop();
		this.engine.removeListener(this.dispatcher);
		this.dispatcher.stop(Duration.ofSeconds(2));
	}

	@Override
	public synchronized boolean isRunning() {
		return this.running;
	}

	private static CustomizableThreadFactory threads(String prefix) {
		CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
		threads.setDaemon(true);
		return threads;
	}

}
