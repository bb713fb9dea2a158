package dev.heartbeat.core.monitor.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.heartbeat.core.monitor.Admission;
import dev.heartbeat.core.monitor.AppStateChange;
import dev.heartbeat.core.monitor.BeatRecord;
import dev.heartbeat.core.monitor.MonitorListener;
import dev.heartbeat.core.monitor.ProcessForgotten;
import dev.heartbeat.core.monitor.SightChange;
import dev.heartbeat.core.monitor.StateChange;

/**
 * The engine's listeners and the events on their way to them, delivered in the order they were
 * produced: events are queued under the engine's lock, and delivered after it is released by
 * whichever thread finds no other one delivering. A listener that throws is logged with the event
 * and the other listeners still run. What is queued is a {@link StateChange}, an
 * {@link AppStateChange} or a {@link ProcessForgotten}.
 */
final class EventDelivery {

	// the engine's logger, as before the engine was split
	private static final Logger logger = LoggerFactory.getLogger("dev.heartbeat.core.monitor.DeadlineEngine");

	// the engine's lock, which guards the queue and the count
	private final ReentrantLock lock;

	// guarded by lock; events produced and not yet taken for delivery, in order
	private final ArrayDeque<Object> undelivered = new ArrayDeque<>();

	// guarded by lock; events and notices produced since the engine was created
	private long produced;

	// guarded by lock; the state changes among them, of processes and apps
	private long changes;

	// held by the thread delivering events, so that events reach listeners in order
	private final ReentrantLock deliveryLock = new ReentrantLock();

	// copy-on-write: listeners are added rarely and read on every event
	private final List<MonitorListener> listeners = new CopyOnWriteArrayList<>();

	EventDelivery(ReentrantLock lock) {
		this.lock = lock;
	}

	void addListener(MonitorListener listener) {
		this.listeners.add(Objects.requireNonNull(listener, "listener"));
	}

	void removeListener(MonitorListener listener) {
		this.listeners.remove(listener);
	}

	// guarded by lock
	void add(StateChange change) {
		this.changes++;
		queue(change);
	}

	// guarded by lock
	void add(AppStateChange change) {
		this.changes++;
		queue(change);
	}

	// guarded by lock
	void add(ProcessForgotten forgotten) {
		queue(forgotten);
	}

	// guarded by lock; the state changes produced so far, for counting what an operation fired
	long changes() {
		return this.changes;
	}

	private void queue(Object event) {
		this.produced++;
		this.undelivered.add(event);
	}

	// guarded by lock; an operation that finds it grown delivers after releasing the lock
	long produced() {
		return this.produced;
	}

	// deliver undelivered events unless another thread is at it (then it delivers ours too)
	void deliver() {
		if (this.deliveryLock.isHeldByCurrentThread()) {
			// a listener called back into the engine: the loop below delivers these after the
			// current event, keeping the order
			return;
		}
		while (this.deliveryLock.tryLock()) {
			try {
				List<Object> batch;
				while ((batch = takeUndelivered()) != null) {
					for (Object event : batch) {
						notifyListeners(event);
					}
				}
			}
			finally {
				this.deliveryLock.unlock();
			}
			// events added after our last take, by a thread that found us delivering
			if (!hasUndelivered()) {
				return;
			}
		}
	}

	// tell the listeners of a record that was not applied, on the calling thread
	void notifyIgnored(BeatRecord record, Admission result) {
		notifyAll((listener) -> {
			if (result == Admission.STALE) {
				listener.onStaleRecord(record);
			}
			else {
				listener.onRejectedRecord(record);
			}
		}, result, record);
	}

	// tell the listeners of a change of sight, on the calling thread
	void notifySight(SightChange change) {
		logger.info("{}: partitions {} seen up to {}, at {}; {} process(es) with verdicts held{}", change.eventName(),
				change.partitions(), change.since(), change.at(), change.heldVerdicts(),
				change.rearmed() ? "; the log shows nobody wrote meanwhile, so their deadlines are re-armed" : "");
		notifyAll((listener) -> listener.onSightChange(change), "sight change", change);
	}

	// tell the listeners of a snooze set or ended, on the calling thread
	void notifySnoozed(String process, Instant until) {
		notifyAll((listener) -> listener.onSnoozed(process, until), "snooze of", process);
	}

	private void notifyAll(Consumer<MonitorListener> call, Object what, Object subject) {
		for (MonitorListener listener : this.listeners) {
			try {
				call.accept(listener);
			}
			catch (Throwable ex) {
				logger.warn("Monitor listener {} failed on {} {}", listener, what, subject, ex);
			}
		}
	}

	private @Nullable List<Object> takeUndelivered() {
		this.lock.lock();
		try {
			if (this.undelivered.isEmpty()) {
				return null;
			}
			List<Object> batch = new ArrayList<>(this.undelivered);
			this.undelivered.clear();
			return batch;
		}
		finally {
			this.lock.unlock();
		}
	}

	private boolean hasUndelivered() {
		this.lock.lock();
		try {
			return !this.undelivered.isEmpty();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void notifyListeners(Object event) {
		if (event instanceof AppStateChange change) {
			if (logger.isDebugEnabled()) {
				logger.debug("App {} went from {} to {} at {} ({} of {} instances alive, {} needed){}", change.app(),
						change.from(), change.to(), change.at(), change.live(), change.instances(),
						change.minInstances(), change.reminder() ? " (reminder)" : "");
			}
			tell(change, MonitorListener::onAppStateChange);
		}
		else if (event instanceof ProcessForgotten forgotten) {
			if (logger.isDebugEnabled()) {
				logger.debug("Forgot process {} ({}) in state {}: {}", forgotten.process(), forgotten.app(),
						forgotten.state(), forgotten.reason());
			}
			tell(forgotten, MonitorListener::onForgotten);
		}
		else {
			notifyListeners((StateChange) event);
		}
	}

	private void notifyListeners(StateChange change) {
		if (logger.isDebugEnabled()) {
			logger.debug("Process {} went from {} to {} at {}{}", change.process(), change.from(), change.to(),
					change.at(), change.reminder() ? " (reminder)" : "");
		}
		tell(change, MonitorListener::onStateChange);
	}

	private <E> void tell(E event, BiConsumer<MonitorListener, E> call) {
		for (MonitorListener listener : this.listeners) {
			try {
				call.accept(listener, event);
			}
			catch (Throwable ex) {
				logger.warn("Monitor listener {} failed on {}; the other listeners still run", listener, event, ex);
			}
		}
	}

}
