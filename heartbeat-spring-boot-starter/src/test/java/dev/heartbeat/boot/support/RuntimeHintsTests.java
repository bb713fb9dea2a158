package dev.heartbeat.boot.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import dev.heartbeat.boot.beat.actuate.endpoint.HeartbeatEndpoint;
import dev.heartbeat.boot.monitor.actuate.endpoint.MonitorEndpoint;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime hints a native image needs, registered the Spring Boot way (in
 * {@code META-INF/spring/aot.factories}, where AOT processing finds them): every file of the
 * status board, the endpoints' answers, and what the Kafka clients instantiate by name.
 */
class RuntimeHintsTests {

	private static final String BOARD = "dev/heartbeat/boot/monitor/board/";

	private final RuntimeHints hints = registered();

	private static RuntimeHints registered() {
		RuntimeHints hints = new RuntimeHints();
		ClassLoader classLoader = RuntimeHintsTests.class.getClassLoader();
		AotServices.factories(classLoader)
			.load(RuntimeHintsRegistrar.class)
			.forEach((registrar) -> registrar.registerHints(hints, classLoader));
		return hints;
	}

	@Test
	void everyFileOfTheBoardShouldBeAResourceHint() throws IOException {
		Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:" + BOARD + "**/*.*");
		List<String> paths = new ArrayList<>();
		for (Resource file : files) {
			String url = file.getURL().toString();
			if (!url.endsWith(".class")) {
				paths.add(url.substring(url.lastIndexOf(BOARD)));
			}
		}
		assertThat(paths).contains(BOARD + "index.html", BOARD + "static/board.js", BOARD + "static/board.css",
				BOARD + "static/favicon.svg");
		assertThat(paths).allSatisfy((path) -> assertThat(RuntimeHintsPredicates.resource().forResource(path))
			.as(path)
			.accepts(this.hints));
	}

	@Test
	void theEndpointsAnswersShouldBeBindable() {
		for (Class<?> type : List.of(MonitorEndpoint.ProcessesDescriptor.class, MonitorEndpoint.ProcessDescriptor.class,
				MonitorEndpoint.CommandDescriptor.class, InvalidRequest.Descriptor.class,
				HeartbeatEndpoint.HeartbeatDescriptor.class)) {
			assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getName()).accepts(this.hints);
		}
	}

	@Test
	void whatKafkaInstantiatesByNameShouldBeConstructible() {
		for (Class<?> type : List.of(StringSerializer.class, CooperativeStickyAssignor.class)) {
			assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getName()).accepts(this.hints);
		}
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of(KafkaClientRuntimeHints.SSL_ENGINE_FACTORY)))
			.accepts(this.hints);
	}

}
