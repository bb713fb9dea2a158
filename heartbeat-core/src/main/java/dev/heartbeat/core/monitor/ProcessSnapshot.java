package dev.heartbeat.core.monitor;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the deadline engine knows about one process at one moment.
 *
 * @param process the process id
 * @param app the application name, {@code ""} if unknown
 * @param state the current state, as of the engine's last {@code advance()}
 * @param reportedState the state last delivered through events ({@link ProcessState#UNKNOWN} if
 * none yet); differs from {@code state} while a change is held back by the hold time or a snooze
 * @param lastBeat the last accepted beat
 * @param lateAt when the process is (or was) late without a newer beat; {@code null} when stopped
 * @param deadAt when the process is (or was) dead without a newer beat; {@code null} when stopped
 * @param snoozedUntil until when events are held back, {@code null} if not snoozed
 */
public record ProcessSnapshot(String process, String app, ProcessState state, ProcessState reportedState,
		LastBeatInfo lastBeat, @Nullable Instant lateAt, @Nullable Instant deadAt, @Nullable Instant snoozedUntil) {

	/**
	 * How long past its late deadline the process is.
	 * @param now the time to measure at
	 * @return the time since {@link #lateAt()}, or zero if that is not in the past (or stopped)
	 */
	public Duration overdue(Instant now) {
		if (this.lateAt == null || !now.isAfter(this.lateAt)) {
			return Duration.ZERO;
		}
		return Duration.between(this.lateAt, now);
	}

}
