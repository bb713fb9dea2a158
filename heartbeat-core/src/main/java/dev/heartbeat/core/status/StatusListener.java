package dev.heartbeat.core.status;

/**
 * Told of every change of run status, after the change took effect. A listener that throws is
 * logged and does not keep the change or other listeners from happening.
 */
@FunctionalInterface
public interface StatusListener {

	/**
	 * A listener that does nothing.
	 */
	StatusListener NO_OP = (change) -> {
	};

	/**
	 * The status changed.
	 * @param change the change
	 */
	void onStatusChange(StatusChange change);

}
