package dev.heartbeat.boot.monitor.actuate.endpoint;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

import dev.heartbeat.boot.support.InvalidRequest;

/**
 * Registers what the {@code heartbeats} endpoint's answers are serialized from: its operations
 * return {@code WebEndpointResponse<OperationResponseBody>}, which names none of them.
 */
class MonitorEndpointRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(),
				MonitorEndpoint.ProcessesDescriptor.class, MonitorEndpoint.ProcessDescriptor.class,
				MonitorEndpoint.CommandDescriptor.class, InvalidRequest.Descriptor.class);
	}

}
