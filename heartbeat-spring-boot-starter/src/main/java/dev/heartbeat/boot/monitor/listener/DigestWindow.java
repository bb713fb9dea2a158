package dev.heartbeat.boot.monitor.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.heartbeat.core.time.DelayScheduler;
import dev.heartbeat.core.time.DelayScheduler.Cancellable;

/**
 * The digest window of one listener: the first event opens it, every event that arrives until it
 * closes joins it, and when it closes, {@code window} after the first, its events are handed on
 * together. An event that arrives alone therefore waits no longer than the window. At most
 * {@code capacity} events are held; beyond that the oldest is dropped. Thread-safe.
 */
final class DigestWindow {

	private final Duration window;

	private final DelayScheduler scheduler;

	private final int capacity;

	private final Consumer<List<Digest.Entry>> closed;

	private final Runnable dropped;

	// guarded by this
	private List<Digest.Entry> events = new ArrayList<>();

	// guarded by this; the close of the open window, null while none is open
	private Cancellable closing;

	// guarded by this
	private boolean stopped;

	/**
	 * A window.
	 * @param window how long it stays open after its first event
	 * @param scheduler what closes it
	 * @param capacity how many events it holds at most
	 * @param closed takes the events of a closed window, on the scheduler's thread
	 * @param dropped told of every event dropped from a full window
	 */
	DigestWindow(Duration window, DelayScheduler scheduler, int capacity, Consumer<List<Digest.Entry>> closed,
			Runnable dropped) {
		this.window = window;
		this.scheduler = scheduler;
		this.capacity = capacity;
		this.closed = closed;
		this.dropped = dropped;
	}

	/**
	 * Add an event, opening a window if none is open.
	 * @param entry the event
	 * @return whether it was taken; not after {@link #stop()}
	 */
	synchronized boolean add(Digest.Entry entry) {
		if (this.stopped) {
			return false;
		}
		if (this.events.size() >= this.capacity) {
			this.events.remove(0);
			this.dropped.run();
		}
		this.events.add(entry);
		if (this.closing == null) {
			this.closing = this.scheduler.schedule(this.window, this::close);
		}
		return true;
	}

	/**
	 * Events held in the open window.
	 * @return the count
	 */
	synchronized int held() {
		return this.events.size();
	}

	private void close() {
		List<Digest.Entry> taken;
		synchronized (this) {
			taken = this.events;
			this.events = new ArrayList<>();
			this.closing = null;
			if (this.stopped || taken.isEmpty()) {
				taken.forEach((event) -> event.done(false));
				return;
			}
		}
		this.closed.accept(taken);
	}

	/**
	 * Close for good, dropping what the open window holds.
	 * @return how many events it held
	 */
	synchronized int stop() {
		this.stopped = true;
		if (this.closing != null) {
			this.closing.cancel();
			this.closing = null;
		}
		int held = this.events.size();
		this.events.forEach((event) -> event.done(false));
		this.events = new ArrayList<>();
		return held;
	}

}
