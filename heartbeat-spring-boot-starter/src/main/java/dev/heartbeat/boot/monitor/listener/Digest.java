package dev.heartbeat.boot.monitor.listener;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.heartbeat.core.monitor.MonitorEvent;

/**
 * The events a listener with a {@code digest} window collected, in the order they arrived, to be
 * sent as one message. A window that collected a single event sends it as a plain event instead.
 *
 * @param entries the events, at least two
 */
public record Digest(List<Entry> entries) {

	/**
	 * A digest.
	 * @param entries the events, at least two
	 */
	public Digest {
		entries = List.copyOf(entries);
		if (entries.size() < 2) {
			throw new IllegalArgumentException("a digest has at least two events, got " + entries.size());
		}
	}

	/**
	 * How many events it holds.
	 * @return the count
	 */
	public int size() {
		return this.entries.size();
	}

	/**
	 * One event of a digest.
	 *
	 * @param event the event
	 * @param values its placeholder values
	 * @param completion told when the channel is done with the event, {@code null} if nobody waits
	 */
	public record Entry(MonitorEvent event, EventValues values, @Nullable Completion completion) {

		/**
		 * An event nobody waits for.
		 * @param event the event
		 * @param values its placeholder values
		 */
		public Entry(MonitorEvent event, EventValues values) {
			this(event, values, null);
		}

		// the channel is done with the event: tried to the end, or dropped
		void done(boolean tried) {
			if (this.completion != null) {
				this.completion.done(tried);
			}
		}

	}

}
