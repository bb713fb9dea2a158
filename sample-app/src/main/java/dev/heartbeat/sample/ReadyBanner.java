package dev.heartbeat.sample;

import java.lang.management.ManagementFactory;
import java.util.Locale;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.heartbeat.boot.monitor.board.StatusBoard;
import dev.heartbeat.core.heart.HeartConfig;

/**
 * Tells the user, once the sample is ready, which URLs to open and what to curl.
 */
@Component
class ReadyBanner {

	private static final Log logger = LogFactory.getLog(ReadyBanner.class);

	private final ObjectProvider<StatusBoard> board;

	private final ObjectProvider<HeartConfig> heart;

	ReadyBanner(ObjectProvider<StatusBoard> board, ObjectProvider<HeartConfig> heart) {
		this.board = board;
		this.heart = heart;
	}

	@EventListener
	void onReady(ApplicationReadyEvent event) {
		Environment environment = event.getApplicationContext().getEnvironment();
		String port = environment.getProperty("local.server.port");
		if (port == null) {
			return;
		}
		String root = "http://localhost:" + port + environment.getProperty("server.servlet.context-path", "");
		String basePath = environment.getProperty("management.endpoints.web.base-path", "/actuator");
		String actuator = root + ("/".equals(basePath) ? "" : basePath);
		String process = this.heart.getIfAvailable(() -> HeartConfig.ofDefaults("sample")).process();
		StringBuilder text = new StringBuilder();
		text.append(String.format(Locale.ROOT, "The heartbeat sample is ready in %.1f s (JVM up for %.1f s). Open:%n",
				event.getTimeTaken().toMillis() / 1000.0, ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0));
		StatusBoard shown = this.board.getIfAvailable();
		if (shown != null) {
			line(text, "status board", root + shown.path() + "/");
		}
		line(text, "this app's heartbeat", actuator + "/heartbeat");
		line(text, "the monitor's processes", actuator + "/heartbeats");
		line(text, "readiness", actuator + "/health/readiness");
		line(text, "flip the demo health", "curl -X POST " + root + "/demo/health/DEGRADED   (UP, DEGRADED, OUT_OF_SERVICE, DOWN)");
		line(text, "pause this app", "curl -X POST " + actuator + "/heartbeats/"
				+ process + "/pause   (and .../resume)");
		line(text, "webhook log", root + "/demo/webhook");
		logger.info(text.toString().stripTrailing());
	}

	private static void line(StringBuilder text, String what, String where) {
		text.append(String.format(Locale.ROOT, "  %-24s %s%n", what, where));
	}

}
