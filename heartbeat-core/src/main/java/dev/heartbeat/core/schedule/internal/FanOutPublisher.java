package dev.heartbeat.core.schedule.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import dev.heartbeat.core.beat.BeatKind;
import dev.heartbeat.core.publish.AsyncBeatPublisher;
import dev.heartbeat.core.publish.BeatMetadata;

/**
 * Sends each beat to every isolated publisher. The beat counts as delivered as soon as one
 * publisher delivered it, and as failed once every publisher failed, timed out or dropped it.
 */
public final class FanOutPublisher implements AsyncBeatPublisher {

	private final List<IsolatedPublisher> publishers;

	/**
	 * Fan out to the given publishers.
	 * @param publishers the publishers
	 */
	public FanOutPublisher(List<IsolatedPublisher> publishers) {
		this.publishers = List.copyOf(publishers);
	}

	@Override
	public CompletionStage<?> publishAsync(String subject, String process, String payload, BeatMetadata metadata) {
		BeatKind kind = kindOf(payload);
		CompletableFuture<Void> delivered = new CompletableFuture<>();
		AtomicInteger remaining = new AtomicInteger(this.publishers.size());
		for (IsolatedPublisher publisher : this.publishers) {
			publisher.publish(subject, process, payload, metadata, kind).thenAccept((ok) -> {
				if (ok) {
					delivered.complete(null);
				}
				if (remaining.decrementAndGet() == 0 && !delivered.isDone()) {
					delivered.completeExceptionally(new BeatNotDeliveredException(payload, this.publishers));
				}
			});
		}
		return delivered;
	}

	@Override
	public String name() {
		return "fan-out";
	}

	/**
	 * The kind of a payload this scheduler encoded, from its first letters.
	 * @param payload the payload
	 * @return the kind
	 */
	static BeatKind kindOf(String payload) {
		return switch (payload.charAt(0)) {
			case 'b' -> BeatKind.BEAT;
			case 'd' -> BeatKind.DEGRADED;
			case 's' -> payload.startsWith("start") ? BeatKind.START : BeatKind.STOP;
			default -> throw new IllegalArgumentException("Not a payload of this scheduler: " + payload);
		};
	}

	/**
	 * No publisher delivered a beat.
	 */
	public static final class BeatNotDeliveredException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		BeatNotDeliveredException(String payload, List<IsolatedPublisher> publishers) {
			super(message(payload, publishers), null, false, false);
		}

		private static String message(String payload, List<IsolatedPublisher> publishers) {
			StringBuilder message = new StringBuilder("No publisher delivered ").append(payload).append(':');
			for (IsolatedPublisher publisher : publishers) {
				message.append(' ').append(publisher.name()).append(" (").append(publisher.stats().lastError()).append(')');
			}
			return message.toString();
		}

	}

}
