package dev.heartbeat.core.publish;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Helpers that let callers treat every {@link BeatPublisher} alike.
 */
public final class Publishers {

	private Publishers() {
	}

	/**
	 * Publish through any publisher. A synchronous publisher runs on the calling thread and its
	 * outcome is returned as a completed stage; an asynchronous one returns its own stage. Never
	 * throws: a publisher that throws, or returns {@code null}, yields a failed stage.
	 * @param publisher the publisher
	 * @param subject the subject
	 * @param process the process id
	 * @param payload the payload
	 * @param metadata the metadata
	 * @return a stage that completes when the beat was delivered
	 */
	public static CompletionStage<?> publish(BeatPublisher publisher, String subject, String process, String payload,
			BeatMetadata metadata) {
		try {
			if (publisher instanceof SyncBeatPublisher sync) {
				sync.publish(subject, process, payload, metadata);
				return CompletableFuture.completedFuture(null);
			}
			CompletionStage<?> stage = ((AsyncBeatPublisher) publisher).publishAsync(subject, process, payload,
					metadata);
			if (stage == null) {
				return CompletableFuture.failedFuture(
						new IllegalStateException("Publisher '" + publisher.name() + "' returned no CompletionStage"));
			}
			return stage;
		}
		catch (Throwable ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/**
	 * View any publisher as an asynchronous one.
	 * @param publisher the publisher
	 * @return the publisher itself if asynchronous, else an adapter running it on the calling thread
	 */
	public static AsyncBeatPublisher asAsync(BeatPublisher publisher) {
		if (publisher instanceof AsyncBeatPublisher async) {
			return async;
		}
		return new AsyncBeatPublisher() {

			@Override
			public CompletionStage<?> publishAsync(String subject, String process, String payload,
					BeatMetadata metadata) {
				return publish(publisher, subject, process, payload, metadata);
			}

			@Override
			public String name() {
				return publisher.name();
			}

		};
	}

}
