package dev.heartbeat.boot.monitor.listener;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import dev.heartbeat.core.monitor.AppStateChange;
import dev.heartbeat.core.monitor.MonitorEvent;
import dev.heartbeat.core.monitor.MonitorListener;
import dev.heartbeat.core.monitor.SightChange;
import dev.heartbeat.core.monitor.StateChange;

/**
 * Routes every event of the engine, a process's change ({@code heartbeat.<process>.<state>}), an
 * app's ({@code app.<app>.<state>}) or a change of its sight ({@code monitor.blind},
 * {@code monitor.sighted}), to the listeners whose match its name fits. Called on the engine's
 * thread, it only queues: each listener delivers on its own {@link ListenerChannel}. A
 * {@link DeliveryListener} hears when every listener a process's change went to is done with it.
 */
public final class ListenerDispatcher implements MonitorListener {

	private static final Logger logger = LoggerFactory.getLogger(ListenerDispatcher.class);

	private final List<ListenerChannel> channels;

	private final List<AutoCloseable> resources;

	private volatile DeliveryListener deliveries = DeliveryListener.NONE;

	/**
	 * A dispatcher over channels.
	 * @param channels the channels, one per listener
	 */
	public ListenerDispatcher(List<ListenerChannel> channels) {
		this(channels, List.of());
	}

	/**
	 * A dispatcher over channels that owns shared resources.
	 * @param channels the channels, one per listener
	 * @param resources what the channels share (e.g. a producer), closed after them
	 */
	public ListenerDispatcher(List<ListenerChannel> channels, List<? extends AutoCloseable> resources) {
		this.channels = List.copyOf(channels);
		this.resources = List.copyOf(resources);
	}

	/**
	 * The channels.
	 * @return the channels
	 */
	public List<ListenerChannel> channels() {
		return this.channels;
	}

	/**
	 * The channel of a listener.
	 * @param name the listener's name
	 * @return the channel, if there is one of that name
	 */
	public Optional<ListenerChannel> channel(String name) {
		return this.channels.stream().filter((channel) -> channel.name().equals(name)).findFirst();
	}

	/**
	 * Tell a listener when every listener a state change went to is done with it.
	 * @param listener the listener, replacing the one told before
	 */
	public void deliveries(DeliveryListener listener) {
		this.deliveries = Objects.requireNonNull(listener, "listener");
	}

	@Override
	public void onStateChange(StateChange change) {
		String eventName = change.eventName();
		DeliveryListener listener = this.deliveries;
		int matching = 0;
		for (ListenerChannel channel : this.channels) {
			if (channel.matches(eventName)) {
				matching++;
			}
		}
		listener.offered(change);
		if (matching == 0) {
			listener.delivered(change);
			return;
		}
		EventValues values = EventValues.of(change);
		Completion completion = new Completion(change, listener, matching);
		for (ListenerChannel channel : this.channels) {
			if (channel.matches(eventName)) {
				channel.offer(change, values, completion);
			}
		}
	}

	@Override
	public void onAppStateChange(AppStateChange change) {
		dispatch(change);
	}

	@Override
	public void onSightChange(SightChange change) {
		dispatch(change);
	}

	private void dispatch(MonitorEvent event) {
		String eventName = event.eventName();
		EventValues values = null;
		for (ListenerChannel channel : this.channels) {
			if (channel.matches(eventName)) {
				if (values == null) {
					values = EventValues.of(event);
				}
				channel.offer(event, values);
			}
		}
	}

	/**
	 * Start every channel's worker.
	 */
	public void start() {
		for (ListenerChannel channel : this.channels) {
			CustomizableThreadFactory threads = new CustomizableThreadFactory("heartbeat-listener-" + channel.name() + "-");
			threads.setDaemon(true);
			channel.start(threads);
		}
	}

	/**
	 * Stop every channel; events still waiting are dropped and counted.
	 * @param grace how long to wait for each worker
	 */
	public void stop(Duration grace) {
		for (ListenerChannel channel : this.channels) {
			channel.stop(grace);
		}
		for (AutoCloseable resource : this.resources) {
			try {
				resource.close();
			}
			catch (Exception ex) {
				logger.warn("Closing {} of the heartbeat listeners failed", resource, ex);
			}
		}
	}

	@Override
	public String toString() {
		return "ListenerDispatcher" + this.channels;
	}

}
