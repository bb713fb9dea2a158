package dev.heartbeat.boot.monitor;

import java.util.Objects;

import org.springframework.context.ApplicationEvent;

import dev.heartbeat.core.monitor.MonitorEvent;

/**
 * A Spring event for every event the monitor reports, so that an application can react with a
 * plain {@code @EventListener}: {@link ProcessStateChangedEvent} for a process,
 * {@link AppStateChangedEvent} for an app and {@link MonitorSightChangedEvent} for the monitor's
 * own sight; listen to this type for all. Delivered on the
 * monitor's own event thread, in order, never on the consumer or deadline thread; a listener that
 * blocks delays only later Spring events.
 *
 * @param <E> the kind of change
 */
public abstract class MonitorApplicationEvent<E extends MonitorEvent> extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final transient E change;

	/**
	 * Create an event.
	 * @param source the component that published it
	 * @param change the change
	 */
	protected MonitorApplicationEvent(Object source, E change) {
		super(source);
		this.change = Objects.requireNonNull(change, "change");
	}

	/**
	 * The change.
	 * @return the change
	 */
	public E getChange() {
		return this.change;
	}

	/**
	 * The event name, {@code heartbeat.<process>.<state>}, {@code app.<app>.<state>},
	 * {@code monitor.blind} or {@code monitor.sighted}.
	 * @return the event name
	 */
	public String getEventName() {
		return this.change.eventName();
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + this.change + "]";
	}

}
