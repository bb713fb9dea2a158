package dev.heartbeat.boot.monitor;

import java.util.Objects;

import org.springframework.context.ApplicationEvent;

import dev.heartbeat.core.monitor.AppStateChange;

/**
 * Published for every change of an app's state the monitor reports (and every reminder of an app
 * still dead or degraded), so that an application can react with a plain {@code @EventListener}.
 * Delivered as {@link ProcessStateChangedEvent} is: on the monitor's own event thread, in order
 * with the process events.
 */
public class AppStateChangedEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final transient AppStateChange change;

	/**
	 * Create an event.
	 * @param source the component that published it
	 * @param change the change
	 */
	public AppStateChangedEvent(Object source, AppStateChange change) {
		super(source);
		this.change = Objects.requireNonNull(change, "change");
	}

	/**
	 * The change.
	 * @return the change
	 */
	public AppStateChange getChange() {
		return this.change;
	}

	/**
	 * The event name, {@code app.<app>.<state>}.
	 * @return the event name
	 */
	public String getEventName() {
		return this.change.eventName();
	}

	@Override
	public String toString() {
		return "AppStateChangedEvent[" + this.change + "]";
	}

}
