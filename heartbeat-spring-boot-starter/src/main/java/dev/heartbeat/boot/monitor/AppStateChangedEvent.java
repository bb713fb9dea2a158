package dev.heartbeat.boot.monitor;

import dev.heartbeat.core.monitor.AppStateChange;

/**
 * Published for every change of an app's state the monitor reports (and every reminder of an app
 * still dead or degraded), so that an application can react with a plain {@code @EventListener}.
 * Delivered as {@link ProcessStateChangedEvent} is: on the monitor's own event thread, in order
 * with the process events.
 */
public class AppStateChangedEvent extends MonitorApplicationEvent<AppStateChange> {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an event.
	 * @param source the component that published it
	 * @param change the change
	 */
	public AppStateChangedEvent(Object source, AppStateChange change) {
		super(source, change);
	}

}
