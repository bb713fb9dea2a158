package dev.heartbeat.core.publish;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.beat.BeatCodec;

/**
 * Keeps every beat in memory, for tests and for users who want to look at what was sent.
 * Thread-safe.
 */
public final class RecordingPublisher implements SyncBeatPublisher {

	private final String name;

	// guarded by this
	private final List<Recorded> recorded = new ArrayList<>();

	/**
	 * A recording publisher named {@code recording}.
	 */
	public RecordingPublisher() {
		this("recording");
	}

	/**
	 * A recording publisher with the given name.
	 * @param name the name
	 */
	public RecordingPublisher(String name) {
		this.name = name;
	}

	@Override
	public synchronized void publish(String subject, String process, String payload, BeatMetadata metadata) {
		this.recorded.add(new Recorded(subject, process, payload, metadata));
	}

	@Override
	public String name() {
		return this.name;
	}

	/**
	 * Everything recorded so far, oldest first.
	 * @return a copy of the recorded beats
	 */
	public synchronized List<Recorded> recorded() {
		return List.copyOf(this.recorded);
	}

	/**
	 * The payloads recorded so far, oldest first.
	 * @return the payloads
	 */
	public synchronized List<String> payloads() {
		List<String> payloads = new ArrayList<>(this.recorded.size());
		for (Recorded beat : this.recorded) {
			payloads.add(beat.payload());
		}
		return payloads;
	}

	/**
	 * The most recent beat.
	 * @return the last recorded beat, or {@code null} if none
	 */
	public synchronized @Nullable Recorded last() {
		return this.recorded.isEmpty() ? null : this.recorded.get(this.recorded.size() - 1);
	}

	/**
	 * How many beats were recorded.
	 * @return the count
	 */
	public synchronized int size() {
		return this.recorded.size();
	}

	/**
	 * Forget everything recorded.
	 */
	public synchronized void clear() {
		this.recorded.clear();
	}

	/**
	 * One recorded beat.
	 *
	 * @param subject the subject
	 * @param process the process id
	 * @param payload the payload
	 * @param metadata the metadata
	 */
	public record Recorded(String subject, String process, String payload, BeatMetadata metadata) {

		/**
		 * The payload parsed.
		 * @return the beat
		 */
		public Beat beat() {
			return BeatCodec.parse(this.payload);
		}

	}

}
