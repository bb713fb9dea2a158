package dev.heartbeat.sample;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.UseMainMethod;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Grafana dashboard of {@code ops/grafana}, its panels' queries evaluated by a real
 * Prometheus (Debian's {@code prometheus} package, system property {@code prometheus.binary})
 * scraping the running sample every second and loading the alert rules of {@code ops/prometheus},
 * drawn by {@link DashboardRenderer} and photographed in headless Chromium. Every panel must show
 * data and every rule must evaluate; the picture is {@code sample-app/target/dashboard.png}, the
 * one in README is a copy.
 * <p>
 * For 75 s the sample runs its workers' story faster, flips its health to DEGRADED, is paused
 * and resumed, and also beats to an HTTP URL where nothing listens, so that the failure panels
 * have something to show.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT, useMainMethod = UseMainMethod.ALWAYS,
		properties = { "sample.workers.period=1s", "sample.workers.warmup=5s", "sample.workers.crash-after=15s",
				"sample.workers.stop-after=25s", "sample.workers.restart-after=30s", "sample.workers.steady-for=10s",
				"sample.workers.flap-for=20s", "heartbeat.http.timeout=500ms" })
@DirtiesContext
class DashboardScreenshotBrowserTests {

	private static final Path DASHBOARD_PNG = Path.of("target", "dashboard.png");

	private static final Duration RECORDED = Duration.ofSeconds(75);

	private static final Duration STEP = Duration.ofSeconds(2);

	// Grafana's $__rate_interval for a 1 s scrape interval, rounded up
	private static final String RATE_INTERVAL = "15s";

	private static final Pattern LEGEND = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		int port = SampleTestSupport.freePort();
		registry.add("server.port", () -> port);
		// nothing listens there: every HTTP beat fails
		int nowhere = SampleTestSupport.freePort();
		registry.add("heartbeat.http.url", () -> "http://127.0.0.1:" + nowhere + "/beats");
	}

	@Test
	void everyPanelShouldShowWhatARealPrometheusScrapedFromTheSample(@TempDir Path work) throws Exception {
		int prometheusPort = SampleTestSupport.freePort();
		Process prometheus = startPrometheus(work, prometheusPort);
		try {
			String api = "http://127.0.0.1:" + prometheusPort;
			await().atMost(Duration.ofSeconds(60))
				.ignoreExceptions()
				.until(() -> !result(get(api + "/api/v1/query?query=" + encode("up{job=\"heartbeat-sample\"} == 1")))
					.isEmpty());
			Instant from = Instant.now();
			playTheStory(from);
			Instant to = Instant.now();

			List<DashboardRenderer.Panel> panels = panels(api, from, to);
			for (DashboardRenderer.Panel panel : panels) {
				if (!"row".equals(panel.type())) {
					assertThat(panel.series()).as(panel.title()).isNotEmpty();
					assertThat(panel.series()).as(panel.title())
						.anySatisfy((series) -> assertThat(series.hasNumbers()).isTrue());
				}
			}
			JsonNode rules = get(api + "/api/v1/rules").get("data").get("groups");
			List<String> evaluated = new ArrayList<>();
			for (JsonNode group : rules) {
				for (JsonNode rule : group.get("rules")) {
					assertThat(rule.get("health").asString()).as(rule.get("name").asString()).isEqualTo("ok");
					evaluated.add(rule.get("name").asString());
				}
			}
			assertThat(evaluated).contains("HeartbeatAppDead", "HeartbeatPublisherFailing", "HeartbeatMonitorBlind");

			String html = DashboardRenderer.html("Heartbeats",
					"the sample, " + RECORDED.toSeconds() + " s scraped every second by Prometheus, drawn from the panels of "
							+ "ops/grafana/heartbeat-dashboard.json",
					panels);
			Path page = Path.of("target", "dashboard.html").toAbsolutePath();
			Files.writeString(page, html);
			screenshot(work.resolve("browser"), page, panels);
		}
		finally {
			prometheus.destroy();
			if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
				prometheus.destroyForcibly();
			}
		}
	}

	private Process startPrometheus(Path work, int port) throws IOException {
		Path config = work.resolve("prometheus.yml");
		Files.writeString(config, String.join("\n", "global:", "  scrape_interval: 1s", "  evaluation_interval: 1s",
				"rule_files:", "  - " + OpsQueries.RULES.toAbsolutePath().normalize(), "scrape_configs:",
				"  - job_name: heartbeat-sample", "    metrics_path: /actuator/prometheus", "    static_configs:",
				"      - targets: ['localhost:" + this.port + "']", ""));
		return new ProcessBuilder(System.getProperty("prometheus.binary", "/usr/bin/prometheus"),
				"--config.file=" + config, "--storage.tsdb.path=" + work.resolve("data"),
				"--web.listen-address=127.0.0.1:" + port)
			.redirectErrorStream(true)
			.redirectOutput(Path.of("target", "prometheus.log").toFile())
			.start();
	}

	// the sample's own story runs meanwhile; this adds a degraded spell and a pause
	private void playTheStory(Instant from) throws Exception {
		at(from, 20);
		post("/demo/health/DEGRADED");
		at(from, 35);
		post("/demo/health/UP");
		post("/actuator/heartbeats/sample/pause");
		at(from, 55);
		post("/actuator/heartbeats/sample/resume");
		at(from, RECORDED.toSeconds());
	}

	// real time has to pass for Prometheus to record it
	private static void at(Instant from, long seconds) {
		Instant when = from.plusSeconds(seconds);
		await().atMost(Duration.ofSeconds(seconds + 5))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> !Instant.now().isBefore(when));
	}

	private List<DashboardRenderer.Panel> panels(String api, Instant from, Instant to) throws Exception {
		JsonNode dashboard = this.json.readTree(Files.readString(OpsQueries.DASHBOARD));
		List<DashboardRenderer.Panel> panels = new ArrayList<>();
		for (JsonNode panel : dashboard.get("panels")) {
			String type = panel.get("type").asString();
			JsonNode grid = panel.get("gridPos");
			JsonNode defaults = panel.path("fieldConfig").path("defaults");
			List<DashboardRenderer.Series> series = new ArrayList<>();
			for (JsonNode target : panel.path("targets")) {
				String expr = target.get("expr").asString().replace("$__rate_interval", RATE_INTERVAL).replace("$job", ".+");
				String legend = target.path("legendFormat").asString("");
				series.addAll("stat".equals(type) ? instant(api, expr, legend, to) : range(api, expr, legend, from, to));
			}
			Map<String, String> colors = new HashMap<>();
			for (JsonNode override : panel.path("fieldConfig").path("overrides")) {
				colors.put(override.get("matcher").get("options").asString(),
						override.get("properties").get(0).get("value").get("fixedColor").asString());
			}
			Map<String, String> texts = new HashMap<>();
			for (JsonNode mapping : defaults.path("mappings")) {
				for (Map.Entry<String, JsonNode> option : mapping.get("options").properties()) {
					texts.put(option.getKey(), option.getValue().get("text").asString());
					colors.put(option.getValue().get("text").asString(), option.getValue().get("color").asString());
				}
			}
			boolean stacked = "normal".equals(defaults.path("custom").path("stacking").path("mode").asString(""));
			panels.add(new DashboardRenderer.Panel(type, panel.get("title").asString(), grid.get("x").asInt(),
					grid.get("y").asInt(), grid.get("w").asInt(), grid.get("h").asInt(), defaults.path("unit").asString(""),
					stacked, colors, texts, series));
		}
		return panels;
	}

	private List<DashboardRenderer.Series> instant(String api, String expr, String legend, Instant at)
			throws Exception {
		List<DashboardRenderer.Series> series = new ArrayList<>();
		for (JsonNode result : result(get(api + "/api/v1/query?time=" + at.getEpochSecond() + "&query=" + encode(expr)))) {
			JsonNode value = result.get("value");
			series.add(new DashboardRenderer.Series(legend(legend, result.get("metric")),
					new double[] { value.get(0).asDouble() }, new double[] { Double.parseDouble(value.get(1).asString()) }));
		}
		return series;
	}

	private List<DashboardRenderer.Series> range(String api, String expr, String legend, Instant from, Instant to)
			throws Exception {
		List<DashboardRenderer.Series> series = new ArrayList<>();
		String url = api + "/api/v1/query_range?start=" + from.getEpochSecond() + "&end=" + to.getEpochSecond()
				+ "&step=" + STEP.toSeconds() + "&query=" + encode(expr);
		for (JsonNode result : result(get(url))) {
			JsonNode values = result.get("values");
			double[] times = new double[values.size()];
			double[] numbers = new double[values.size()];
			for (int i = 0; i < values.size(); i++) {
				times[i] = values.get(i).get(0).asDouble();
				numbers[i] = Double.parseDouble(values.get(i).get(1).asString());
			}
			series.add(new DashboardRenderer.Series(legend(legend, result.get("metric")), times, numbers));
		}
		return series;
	}

	private static String legend(String format, JsonNode metric) {
		if (format.isEmpty()) {
			return metric.toString();
		}
		Map<String, String> labels = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> label : metric.properties()) {
			labels.put(label.getKey(), label.getValue().asString());
		}
		Matcher matcher = LEGEND.matcher(format);
		StringBuilder text = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(text, Matcher.quoteReplacement(labels.getOrDefault(matcher.group(1), "")));
		}
		return matcher.appendTail(text).toString();
	}

	private JsonNode result(JsonNode answer) {
		assertThat(answer.get("status").asString()).as(answer.toString()).isEqualTo("success");
		return answer.get("data").get("result");
	}

	private JsonNode get(String url) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(url)).build(),
				HttpResponse.BodyHandlers.ofString());
		return this.json.readTree(response.body());
	}

	private void post(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
					.POST(HttpRequest.BodyPublishers.noBody())
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
	}

	private static String encode(String query) {
		return URLEncoder.encode(query, StandardCharsets.UTF_8);
	}

	private static void screenshot(Path profile, Path page, List<DashboardRenderer.Panel> panels) throws IOException {
		ChromeDriver browser = Chromium.start(profile, DashboardRenderer.WIDTH, DashboardRenderer.height(panels));
		try {
			// the whole page in the picture, whatever the browser's window decorations take
			browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", DashboardRenderer.WIDTH,
					"height", DashboardRenderer.height(panels), "deviceScaleFactor", 1, "mobile", false));
			browser.get(page.toUri().toString());
			File shot = browser.getScreenshotAs(OutputType.FILE);
			Files.createDirectories(DASHBOARD_PNG.getParent());
			Files.copy(shot.toPath(), DASHBOARD_PNG, StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			browser.quit();
		}
	}

}
