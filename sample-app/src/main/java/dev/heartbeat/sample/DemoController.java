package dev.heartbeat.sample;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * The sample's own endpoints: flip the demo health, and a webhook receiver that logs what the
 * monitor's HTTP listener sends it.
 */
@RestController
@RequestMapping("/demo")
public class DemoController {

	private static final Log logger = LogFactory.getLog(DemoController.class);

	private static final int KEPT = 50;

	private static final ObjectMapper json = new ObjectMapper();

	private final DemoHealthIndicator health;

	// guarded by itself; newest first
	private final Deque<Map<String, Object>> webhooks = new ArrayDeque<>();

	public DemoController(DemoHealthIndicator health) {
		this.health = health;
	}

	@PostMapping("/health/{status}")
	public Map<String, String> flip(@PathVariable String status) {
		return Map.of("demo", this.health.set(status).getCode());
	}

	@PostMapping("/webhook")
	public ResponseEntity<Void> webhook(@RequestBody String body) {
		logger.info("Webhook received: " + body);
		synchronized (this.webhooks) {
			Map<String, Object> received = new LinkedHashMap<>();
			received.put("receivedAt", Instant.now().toString());
			received.put("body", parsed(body));
			this.webhooks.addFirst(received);
			while (this.webhooks.size() > KEPT) {
				this.webhooks.removeLast();
			}
		}
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/webhook")
	public List<Map<String, Object>> webhooks() {
		synchronized (this.webhooks) {
			return List.copyOf(this.webhooks);
		}
	}

	// the listener's default body is JSON: keep it as JSON so that GET shows it readably
	private static Object parsed(String body) {
		try {
			return json.readTree(body);
		}
		catch (JacksonException ex) {
			return body;
		}
	}

	@ExceptionHandler(IllegalArgumentException.class)
	public ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException ex) {
		return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("error", ex.getMessage()));
	}

}
