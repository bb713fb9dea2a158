package dev.heartbeat.core.monitor;

import java.util.Locale;

/**
 * What the monitor believes about an app, derived from the states of its instances (the tracked
 * processes whose beats carry its name).
 * <p>
 * An instance is <em>alive</em> in {@link ProcessState#STARTING}, {@link ProcessState#UP},
 * {@link ProcessState#DEGRADED}, {@link ProcessState#LATE} and {@link ProcessState#PAUSED}; it is
 * not in {@link ProcessState#DEAD} and {@link ProcessState#STOPPED}. {@code LATE} counts as alive:
 * it is a suspicion, not a death, and counting it dead would flap the app on every late beat and
 * say one window early what {@code DEAD} says anyway. The app's state is the first that applies:
 * <ol>
 * <li>{@link #STOPPED}: every instance stopped gracefully;</li>
 * <li>{@link #DEAD}: no instance is alive;</li>
 * <li>{@link #PAUSED}: every alive instance is paused;</li>
 * <li>{@link #DEGRADED}: fewer instances are alive than the app's minimum, or an alive instance
 * is degraded;</li>
 * <li>{@link #STARTING}: every alive instance is starting;</li>
 * <li>{@link #UP} otherwise.</li>
 * </ol>
 */
public enum AppState {

	/**
	 * Not tracked: only the {@code from} of the first event of an app.
	 */
	UNKNOWN,

	/**
	 * Every alive instance is starting.
	 */
	STARTING,

	/**
	 * At least the minimum of instances is alive and none of them is degraded.
	 */
	UP,

	/**
	 * Some instances are alive, but fewer than the minimum, or one of them is degraded.
	 */
	DEGRADED,

	/**
	 * Every alive instance is paused.
	 */
	PAUSED,

	/**
	 * No instance is alive, and not every one stopped gracefully.
	 */
	DEAD,

	/**
	 * Every instance stopped gracefully.
	 */
	STOPPED;

	private final String eventName = name().toLowerCase(Locale.ROOT);

	/**
	 * The lower-case name used in event names, e.g. {@code degraded}.
	 * @return the lower-case name
	 */
	public String eventName() {
		return this.eventName;
	}

	/**
	 * Whether an instance in a state counts as alive.
	 * @param state the instance's state
	 * @return whether it is starting, up, degraded, late or paused
	 */
	public static boolean isAlive(ProcessState state) {
		return switch (state) {
			case STARTING, UP, DEGRADED, LATE, PAUSED -> true;
			default -> false;
		};
	}

}
