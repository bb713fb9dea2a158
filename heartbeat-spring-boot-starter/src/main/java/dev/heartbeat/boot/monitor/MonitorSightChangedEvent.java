package dev.heartbeat.boot.monitor;

import dev.heartbeat.core.monitor.SightChange;

/**
 * Published when the monitor loses or regains sight of partitions of the heartbeat topic
 * ({@code monitor.blind}, {@code monitor.sighted}), so that an application can react with a plain
 * {@code @EventListener}. Delivered on the monitor's own event thread, in order with the
 * {@link ProcessStateChangedEvent}s.
 */
public class MonitorSightChangedEvent extends MonitorApplicationEvent<SightChange> {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an event.
	 * @param source the component that published it
	 * @param change the change
	 */
	public MonitorSightChangedEvent(Object source, SightChange change) {
		super(source, change);
	}

}
