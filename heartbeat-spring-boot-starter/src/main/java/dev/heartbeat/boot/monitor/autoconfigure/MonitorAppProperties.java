package dev.heartbeat.boot.monitor.autoconfigure;

/**
 * The settings of one app, under {@code heartbeat.monitor.apps.<app>}; what is not set here
 * comes from {@code heartbeat.monitor.apps-default}.
 */
public class MonitorAppProperties {

	/**
	 * How many instances of this app must be alive (STARTING, UP, DEGRADED, LATE or PAUSED) for
	 * it to be UP; with fewer it is DEGRADED and its dead instances are reminded of. Defaults to
	 * heartbeat.monitor.apps-default.min-instances.
	 */
	private Integer minInstances;

	public Integer getMinInstances() {
		return this.minInstances;
	}

	public void setMinInstances(Integer minInstances) {
		this.minInstances = minInstances;
	}

}
