package dev.heartbeat.core.beat;

/**
 * What a beat says about its process. The lower-case name is the payload's verb.
 */
public enum BeatKind {

	/**
	 * The process started; the next beat comes within the given warm-up.
	 */
	START("start", true),

	/**
	 * The process is alive and well; the next beat comes within the given period.
	 */
	BEAT("beat", true),

	/**
	 * The process is alive but not well; the next beat comes within the given period.
	 */
	DEGRADED("degraded", true),

	/**
	 * The process stopped on purpose; expect no more beats.
	 */
	STOP("stop", false);

	private final String verb;

	private final boolean hasDuration;

	BeatKind(String verb, boolean hasDuration) {
		this.verb = verb;
		this.hasDuration = hasDuration;
	}

	/**
	 * The payload verb, e.g. {@code degraded}.
	 * @return the verb
	 */
	public String verb() {
		return this.verb;
	}

	/**
	 * Whether payloads of this kind carry a duration.
	 * @return {@code true} for all kinds but {@link #STOP}
	 */
	public boolean hasDuration() {
		return this.hasDuration;
	}

	/**
	 * Whether this kind tells that the process is alive and will beat again (beat or degraded).
	 * @return whether this is a periodic beat
	 */
	public boolean isPeriodic() {
		return this == BEAT || this == DEGRADED;
	}

}
