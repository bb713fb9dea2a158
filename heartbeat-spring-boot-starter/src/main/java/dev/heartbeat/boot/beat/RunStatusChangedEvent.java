package dev.heartbeat.boot.beat;

import java.time.Instant;
import java.util.Objects;

import org.springframework.context.ApplicationEvent;

import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.status.StatusChange;
import dev.heartbeat.core.status.StatusTracker;

/**
 * Published when the heartbeat run status changes, e.g. when a monitor pauses this process:
 * application code listens for it to stop or resume taking work.
 * <p>
 * {@link #getSource()} is the {@link StatusTracker}; {@link #origin()} says who asked for the
 * change.
 */
public class RunStatusChangedEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final transient StatusChange change;

	/**
	 * Create an event.
	 * @param tracker the tracker whose status changed
	 * @param change the change
	 */
	public RunStatusChangedEvent(StatusTracker tracker, StatusChange change) {
		super(tracker);
		this.change = Objects.requireNonNull(change, "change");
	}

	/**
	 * The status before.
	 * @return the status
	 */
	public RunStatus from() {
		return this.change.from();
	}

	/**
	 * The status now.
	 * @return the status
	 */
	public RunStatus to() {
		return this.change.to();
	}

	/**
	 * Who asked for the change: {@code local}, {@code control-topic}, {@code http-feedback}.
	 * @return the origin
	 */
	public String origin() {
		return this.change.source();
	}

	/**
	 * When the change happened.
	 * @return the time
	 */
	public Instant at() {
		return this.change.at();
	}

	/**
	 * Whether the process is paused now.
	 * @return whether the new status is {@link RunStatus#PAUSED}
	 */
	public boolean isPaused() {
		return this.change.to() == RunStatus.PAUSED;
	}

	/**
	 * The change as core reports it.
	 * @return the change
	 */
	public StatusChange change() {
		return this.change;
	}

	@Override
	public String toString() {
		return "RunStatusChangedEvent[" + from() + " -> " + to() + " (" + origin() + ")]";
	}

}
