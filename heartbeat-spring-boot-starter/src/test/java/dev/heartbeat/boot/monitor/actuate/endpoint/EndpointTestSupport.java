package dev.heartbeat.boot.monitor.actuate.endpoint;

import java.time.Duration;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import dev.heartbeat.boot.monitor.support.SharedKafka;

/**
 * What the endpoint tests share.
 */
final class EndpointTestSupport {

	private static final ObjectMapper json = new ObjectMapper();

	private EndpointTestSupport() {
	}

	static void monitorProperties(DynamicPropertyRegistry registry, String topic) {
		registry.add("spring.kafka.bootstrap-servers", SharedKafka::bootstrapServers);
		registry.add("heartbeat.kafka.topic", () -> topic);
		registry.add("heartbeat.monitor.group-id", () -> SharedKafka.unique("group"));
		registry.add("heartbeat.monitor.enabled", () -> "true");
		// a monitor only: it does not beat itself, so it tracks exactly what the test sends
		registry.add("heartbeat.enabled", () -> "false");
		registry.add("management.endpoints.web.exposure.include", () -> "heartbeats");
	}

	static JsonNode get(RestTestClient client, String uri) {
		String body = client.get().uri(uri).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
			.getResponseBody();
		return json.readTree(body);
	}

	static JsonNode read(String body) {
		return json.readTree(body);
	}

	static Duration within() {
		return Duration.ofSeconds(10);
	}

}
