package dev.heartbeat.core.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The monitor lost or regained sight of partitions of the heartbeat topic, as delivered to
 * {@link MonitorListener}s: event {@value #BLIND} or {@value #SIGHTED}.
 * <p>
 * A partition is blind once the monitor has not seen it to its end for longer than
 * {@link DeadlineEngineConfig#blindAfter()}; its LATE and DEAD verdicts (and every other event
 * of its processes) are held meanwhile, neither dropped nor sent early, and judged with what the
 * log holds once it is seen again.
 *
 * @param blind {@code true} for {@value #BLIND}, {@code false} for {@value #SIGHTED}
 * @param partitions the partitions this change is about, in ascending order
 * @param since until when the partitions were seen to their end: the start of the blind spell
 * @param at when the change was noticed: for {@value #SIGHTED}, the time the partitions are seen
 * up to again
 * @param heldVerdicts how many processes of these partitions had verdicts held: so far for
 * {@value #BLIND}, at the end of the spell for {@value #SIGHTED} (judged now)
 * @param rearmed for {@value #SIGHTED}: whether the log showed that nobody wrote to some of the
 * partitions meanwhile (the broker was away for everyone), so that the deadlines of processes
 * whose beat fell due then were re-armed from {@code at}; always {@code false} for {@value #BLIND}
 */
public record SightChange(boolean blind, List<Integer> partitions, Instant since, Instant at, long heldVerdicts,
		boolean rearmed) implements MonitorEvent {

	/**
	 * The event name of a partition going blind.
	 */
	public static final String BLIND = "monitor.blind";

	/**
	 * The event name of a partition seen again.
	 */
	public static final String SIGHTED = "monitor.sighted";

	/**
	 * A change.
	 * @param blind whether blind
	 * @param partitions the partitions
	 * @param since the start of the blind spell
	 * @param at when noticed
	 * @param heldVerdicts processes with verdicts held
	 * @param rearmed whether deadlines were re-armed
	 */
	public SightChange {
		partitions = List.copyOf(partitions);
		Objects.requireNonNull(since, "since");
		Objects.requireNonNull(at, "at");
	}

	/**
	 * The event name.
	 * @return {@value #BLIND} or {@value #SIGHTED}
	 */
	@Override
	public String eventName() {
		return this.blind ? BLIND : SIGHTED;
	}

	/**
	 * When the monitor noticed the change: its time, {@link #at()}.
	 * @return the time
	 */
	@Override
	public Instant detectedAt() {
		return this.at;
	}

	/**
	 * A change of sight is never repeated.
	 * @return {@code false}
	 */
	@Override
	public boolean reminder() {
		return false;
	}

	/**
	 * How long the partitions were (or have been) unseen.
	 * @return {@code at - since}
	 */
	public Duration duration() {
		return Duration.between(this.since, this.at);
	}

}
