package dev.heartbeat.core.status;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.heartbeat.core.time.HeartbeatClock;

/**
 * Tracks the run status of this process. Every beat carries it; the receiving side changes it
 * through feedback (a control message, an HTTP response) and local code through
 * {@link #setStatus}. Thread-safe. Listeners run after the change and never under the tracker's
 * lock, so that a listener may wait for another thread that changes the status too: on the
 * thread that made the change or, when another thread is delivering changes at that moment, on
 * that thread, right after the changes before it. Either way every listener sees every change
 * once, in the order the changes happened; a change made by a listener is delivered once the
 * change it reacted to reached every listener.
 */
public final class StatusTracker {

	/**
	 * Source name for changes made by local code.
	 */
	public static final String LOCAL = "local";

	private static final Logger logger = LoggerFactory.getLogger(StatusTracker.class);

	private final HeartbeatClock clock;

	// written only under changeLock, so that listeners see changes in the order they happened
	private final AtomicReference<RunStatus> status;

	private final Object changeLock = new Object();

	// guarded by changeLock: changes made while others are being delivered (by a listener, or by
	// another thread) wait here for their turn, so that every listener sees every change in the
	// order it happened
	private final Queue<StatusChange> undelivered = new ArrayDeque<>();

	// guarded by changeLock: whether a thread is delivering changes (outside the lock)
	private boolean delivering;

	// copy-on-write: listeners are added rarely and read on every change
	private final List<StatusListener> listeners = new CopyOnWriteArrayList<>();

	/**
	 * A tracker starting as {@link RunStatus#RUNNING}.
	 * @param clock the clock that stamps changes
	 */
	public StatusTracker(HeartbeatClock clock) {
		this(RunStatus.RUNNING, clock);
	}

	/**
	 * A tracker with the given initial status.
	 * @param initial the initial status
	 * @param clock the clock that stamps changes
	 */
	public StatusTracker(RunStatus initial, HeartbeatClock clock) {
		this.status = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * The current status.
	 * @return the status
	 */
	public RunStatus status() {
		return this.status.get();
	}

	/**
	 * Whether the process is paused.
	 * @return whether the status is {@link RunStatus#PAUSED}
	 */
	public boolean isPaused() {
		return status() == RunStatus.PAUSED;
	}

	/**
	 * Set the status from local code.
	 * @param status the new status
	 * @return whether the status changed
	 */
	public boolean setStatus(RunStatus status) {
		return apply(status, LOCAL);
	}

	/**
	 * Apply status that arrived from the receiving side. Feedback equal to the current status
	 * changes nothing and fires nothing.
	 * @param feedback the status the receiving side wants
	 * @param source where it came from, for logs and events
	 * @return whether the status changed
	 */
	public boolean apply(RunStatus feedback, String source) {
		Objects.requireNonNull(feedback, "feedback");
		Objects.requireNonNull(source, "source");
		synchronized (this.changeLock) {
			RunStatus previous = this.status.getAndSet(feedback);
			if (previous == feedback) {
				return false;
			}
			StatusChange change = new StatusChange(previous, feedback, source, this.clock.instant());
			logger.info("Heartbeat run status changed from {} to {} ({})", previous, feedback, source);
			this.undelivered.add(change);
			if (this.delivering) {
				// the delivering thread (possibly this one, in a listener) delivers it next
				return true;
			}
			this.delivering = true;
		}
		deliverAll();
		return true;
	}

	// delivers queued changes, outside the lock, until none is left
	private void deliverAll() {
		boolean drained = false;
		try {
			while (true) {
				StatusChange next;
				synchronized (this.changeLock) {
					next = this.undelivered.poll();
					if (next == null) {
						this.delivering = false;
						drained = true;
						return;
					}
				}
				deliver(next);
			}
		}
		finally {
			if (!drained) {
				// only if logging failed: let the next change deliver what is left
				synchronized (this.changeLock) {
					this.delivering = false;
				}
			}
		}
	}

	private void deliver(StatusChange change) {
		for (StatusListener listener : this.listeners) {
			try {
				listener.onStatusChange(change);
			}
			catch (Throwable ex) {
				logger.warn("Status listener {} failed on {}; the change stands", listener, change, ex);
			}
		}
	}

	/**
	 * Add a listener.
	 * @param listener the listener
	 */
	public void addListener(StatusListener listener) {
		this.listeners.add(Objects.requireNonNull(listener, "listener"));
	}

	/**
	 * Remove a listener.
	 * @param listener the listener
	 */
	public void removeListener(StatusListener listener) {
		this.listeners.remove(listener);
	}

}
