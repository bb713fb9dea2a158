package dev.heartbeat.boot.beat.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * The log publisher, under {@code heartbeat.log}.
 */
public class HeartbeatLogProperties {

	/**
	 * Whether to log every beat; by default only when no other publisher is configured.
	 */
	private @Nullable Boolean enabled;

	public @Nullable Boolean getEnabled() {
		return this.enabled;
	}

	public void setEnabled(@Nullable Boolean enabled) {
		this.enabled = enabled;
	}

}
