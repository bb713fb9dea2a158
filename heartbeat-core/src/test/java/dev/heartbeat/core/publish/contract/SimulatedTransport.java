package dev.heartbeat.core.publish.contract;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import dev.heartbeat.core.publish.AsyncBeatPublisher;
import dev.heartbeat.core.publish.BeatMetadata;
import dev.heartbeat.core.publish.BeatPublisher;
import dev.heartbeat.core.publish.SyncBeatPublisher;

/**
 * The transport of a publisher that has none of its own, such as the log and recording
 * publishers. {@link #around} gives a publisher of the same flavour and name whose beats reach
 * the wrapped one while the transport works, fail with an {@link IOException} while it fails,
 * and wait while it hangs: a synchronous call blocks until the transport is restored or its
 * thread is interrupted, an asynchronous stage completes once the transport is restored.
 * Thread-safe.
 */
public final class SimulatedTransport implements AbstractBeatPublisherContractTests.Transport {

	private enum State {

		WORKING, FAILING, HANGING

	}

	// guarded by this
	private State state = State.WORKING;

	// guarded by this: completes when the current hang ends
	private CompletableFuture<Void> hangEnds = new CompletableFuture<>();

	/**
	 * A publisher that sends through this transport to the given one.
	 * @param publisher the publisher at the other end
	 * @return a publisher of the same flavour and name
	 */
	public BeatPublisher around(BeatPublisher publisher) {
		if (publisher instanceof SyncBeatPublisher sync) {
			return new SyncBeatPublisher() {

				@Override
				public void publish(String subject, String process, String payload, BeatMetadata metadata)
						throws Exception {
					try {
						passage().get();
					}
					catch (ExecutionException ex) {
						throw (Exception) ex.getCause();
					}
					sync.publish(subject, process, payload, metadata);
				}

				@Override
				public String name() {
					return sync.name();
				}

			};
		}
		AsyncBeatPublisher async = (AsyncBeatPublisher) publisher;
		return new AsyncBeatPublisher() {

			@Override
			public CompletionStage<?> publishAsync(String subject, String process, String payload,
					BeatMetadata metadata) {
				return passage().thenCompose((ignored) -> async.publishAsync(subject, process, payload, metadata));
			}

			@Override
			public String name() {
				return async.name();
			}

		};
	}

	@Override
	public synchronized void fail() {
		this.state = State.FAILING;
	}

	@Override
	public synchronized void hang() {
		this.state = State.HANGING;
	}

	@Override
	public void restore() {
		CompletableFuture<Void> ended;
		synchronized (this) {
			this.state = State.WORKING;
			ended = this.hangEnds;
			this.hangEnds = new CompletableFuture<>();
		}
		ended.complete(null);
	}

	/**
	 * What a beat waits for before it reaches the publisher.
	 */
	private synchronized CompletableFuture<Void> passage() {
		return switch (this.state) {
			case WORKING -> CompletableFuture.completedFuture(null);
			case FAILING -> CompletableFuture.failedFuture(new IOException("simulated transport failure"));
			case HANGING -> this.hangEnds;
		};
	}

}
