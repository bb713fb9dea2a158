package dev.heartbeat.boot.monitor.autoconfigure;

/**
 * Where the monitor keeps what its listeners were told, under {@code heartbeat.monitor.state}:
 * a compacted topic that the owner of each partition writes and a new owner reads, so that an
 * event is not repeated after a restart, a crash or a rebalance.
 */
public class ReportedStateProperties {

	/**
	 * Whether to keep what the listeners were told in the state topic; without it a monitor that
	 * takes over a partition reports again the processes in it that are already dead.
	 */
	private boolean enabled = true;

	/**
	 * Compacted topic of what the listeners were told, one record per process, in the partition
	 * of the same number as the process's heartbeat partition.
	 */
	private String topic = "heartbeat-monitor-state";

	/**
	 * Whether the monitor creates the state topic (compacted, as many partitions as the heartbeat
	 * topic, heartbeat.kafka.replicas replicas) when it is missing.
	 */
	private boolean createTopic = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getTopic() {
		return this.topic;
	}

	public void setTopic(String topic) {
		this.topic = topic;
	}

	public boolean isCreateTopic() {
		return this.createTopic;
	}

	public void setCreateTopic(boolean createTopic) {
		this.createTopic = createTopic;
	}

}
