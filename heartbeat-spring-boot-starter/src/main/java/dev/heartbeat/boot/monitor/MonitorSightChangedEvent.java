package dev.heartbeat.boot.monitor;

import java.util.Objects;

import org.springframework.context.ApplicationEvent;

import dev.heartbeat.core.monitor.SightChange;

/**
 * Published when the monitor loses or regains sight of partitions of the heartbeat topic
 * ({@code monitor.blind}, {@code monitor.sighted}), so that an application can react with a plain
 * {@code @EventListener}. Delivered on the monitor's own event thread, in order with the
 * {@link ProcessStateChangedEvent}s.
 */
public class MonitorSightChangedEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final transient SightChange change;

	/**
	 * Create an event.
	 * @param source the component that published it
	 * @param change the change
	 */
	public MonitorSightChangedEvent(Object source, SightChange change) {
		super(source);
		this.change = Objects.requireNonNull(change, "change");
	}

	/**
	 * The change.
	 * @return the change
	 */
	public SightChange getChange() {
		return this.change;
	}

	/**
	 * The event name, {@code monitor.blind} or {@code monitor.sighted}.
	 * @return the event name
	 */
	public String getEventName() {
		return this.change.eventName();
	}

	@Override
	public String toString() {
		return "MonitorSightChangedEvent[" + this.change + "]";
	}

}
