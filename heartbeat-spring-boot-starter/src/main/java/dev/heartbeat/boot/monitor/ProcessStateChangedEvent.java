package dev.heartbeat.boot.monitor;

import java.util.Objects;

import org.springframework.context.ApplicationEvent;

import dev.heartbeat.core.monitor.StateChange;

/**
 * Published for every state change the monitor reports, so that an application can react with a
 * plain {@code @EventListener}. Delivered on the monitor's own event thread, in order, never on
 * the consumer or deadline thread; a listener that blocks delays only later Spring events.
 */
public class ProcessStateChangedEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final transient StateChange change;

	/**
	 * Create an event.
	 * @param source the component that published it
	 * @param change the change
	 */
	public ProcessStateChangedEvent(Object source, StateChange change) {
		super(source);
		this.change = Objects.requireNonNull(change, "change");
	}

	/**
	 * The change.
	 * @return the change
	 */
	public StateChange getChange() {
		return this.change;
	}

	/**
	 * The event name, {@code heartbeat.<process>.<state>}.
	 * @return the event name
	 */
	public String getEventName() {
		return this.change.eventName();
	}

	@Override
	public String toString() {
		return "ProcessStateChangedEvent[" + this.change + "]";
	}

}
