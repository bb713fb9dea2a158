package dev.heartbeat.boot.beat.actuate.endpoint;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

import dev.heartbeat.boot.support.InvalidRequest;

/**
 * Registers what the {@code heartbeat} endpoint's write answers are serialized from: the write
 * operation returns {@code WebEndpointResponse<OperationResponseBody>}, which names none of them.
 */
class HeartbeatEndpointRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(),
				HeartbeatEndpoint.HeartbeatDescriptor.class, InvalidRequest.Descriptor.class);
	}

}
