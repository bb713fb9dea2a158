package dev.heartbeat.boot.monitor;

import dev.heartbeat.core.monitor.StateChange;

/**
 * Published for every state change the monitor reports of a process, so that an application can
 * react with a plain {@code @EventListener}. Delivered on the monitor's own event thread, in
 * order, never on the consumer or deadline thread; a listener that blocks delays only later
 * Spring events.
 */
public class ProcessStateChangedEvent extends MonitorApplicationEvent<StateChange> {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an event.
	 * @param source the component that published it
	 * @param change the change
	 */
	public ProcessStateChangedEvent(Object source, StateChange change) {
		super(source, change);
	}

}
