package dev.heartbeat.core.publish;

import dev.heartbeat.core.publish.contract.AbstractBeatPublisherContractTests;
import dev.heartbeat.core.publish.contract.SimulatedTransport;

/**
 * The publisher contract for an asynchronous publisher ({@link Publishers#asAsync} of a recording
 * publisher) behind a simulated transport, so that the contract's asynchronous paths are
 * exercised here rather than first by a real asynchronous publisher.
 */
class AsyncPublisherContractTests extends AbstractBeatPublisherContractTests<AsyncBeatPublisher> {

	private final SimulatedTransport transport = new SimulatedTransport();

	@Override
	protected AsyncBeatPublisher createPublisher() {
		return Publishers.asAsync(new RecordingPublisher());
	}

	@Override
	protected BeatPublisher underTest(AsyncBeatPublisher publisher) {
		return this.transport.around(publisher);
	}

	@Override
	protected Transport transport(AsyncBeatPublisher publisher) {
		return this.transport;
	}

}
