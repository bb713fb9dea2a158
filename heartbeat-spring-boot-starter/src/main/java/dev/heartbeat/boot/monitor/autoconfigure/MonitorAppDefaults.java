package dev.heartbeat.boot.monitor.autoconfigure;

import dev.heartbeat.core.monitor.DeadlineEngineConfig;

/**
 * The settings of every app that has none of its own, under
 * {@code heartbeat.monitor.apps-default}.
 */
public class MonitorAppDefaults {

	/**
	 * How many instances of an app must be alive (STARTING, UP, DEGRADED, LATE or PAUSED) for it
	 * to be UP; with fewer it is DEGRADED and its dead instances are reminded of.
	 */
	private int minInstances = DeadlineEngineConfig.DEFAULT_MIN_INSTANCES;

	public int getMinInstances() {
		return this.minInstances;
	}

	public void setMinInstances(int minInstances) {
		this.minInstances = minInstances;
	}

}
