package dev.heartbeat.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.Color;
import org.openqa.selenium.support.ui.Select;

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
 * The status board in a real browser: Debian's headless Chromium, driven by Selenium through
 * Debian's chromedriver (never anything downloaded), against the sample started through its main
 * method with its embedded Kafka and the workers' story sped up. Run with
 * {@code ./mvnw -B -Pbrowser verify}; leaves a screenshot in {@code sample-app/target/board.png}.
 * <p>
 * The board shows apps first: a process row appears once its app is expanded (or a state filter
 * shows every app with a match, expanded).
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT, useMainMethod = UseMainMethod.ALWAYS,
		properties = { "sample.workers.period=500ms", "sample.workers.warmup=5s", "sample.workers.crash-after=3s",
				"sample.workers.stop-after=4s", "sample.workers.restart-after=0s" })
@DirtiesContext
class BoardBrowserTests {

	private static final Duration WITHIN = Duration.ofSeconds(30);

	private static final Path SCREENSHOT = Path.of("target", "board.png");

	@LocalServerPort
	private int port;

	private ChromeDriver browser;

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void port(DynamicPropertyRegistry registry) {
		int port = SampleTestSupport.freePort();
		registry.add("server.port", () -> port);
	}

	@BeforeEach
	void openBrowser(@TempDir Path profile) {
		this.browser = Chromium.start(profile, 1400, 900);
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void boardShouldShowTheCrashedWorkerDeadInRedAndItsPauseButtonShouldPauseTheSample() throws Exception {
		this.browser.get(url("/heartbeat"));
		assertThat(this.browser.getCurrentUrl()).endsWith("/heartbeat/");
		assertThat(this.browser.getTitle()).isEqualTo("Heartbeats");

		expand("workers");
		WebElement dead = await().atMost(WITHIN)
			.ignoreExceptions()
			.until(() -> badge("worker-crash", "DEAD"), WebElement::isDisplayed);
		assertThat(dead.getText()).isEqualTo("DEAD");
		assertThat(Color.fromString(dead.getCssValue("background-color"))).isEqualTo(Color.fromString("#c62828"));
		assertThat(this.browser.findElement(By.id("count-DEAD")).getText()).contains("1");
		// its app needs all four workers: with two alive it is degraded, and the dead one is not
		// replaced
		await().atMost(WITHIN).ignoreExceptions().untilAsserted(() -> {
			WebElement workers = this.browser.findElement(By.cssSelector("tr[data-app-row='workers']"));
			assertThat(workers.getAttribute("data-state")).isEqualTo("DEGRADED");
			assertThat(workers.findElement(By.cssSelector("td.live")).getText()).startsWith("2 / 4").contains("needs 4");
		});
		assertThat(this.browser.findElement(By.cssSelector("tr[data-process='worker-crash'] td.state")).getText())
			.doesNotContain("replaced");

		// the state filter asks the endpoint for DEAD processes only
		new Select(this.browser.findElement(By.id("filter-state"))).selectByValue("DEAD");
		await().atMost(WITHIN).untilAsserted(() -> assertThat(processes()).containsExactly("worker-crash"));
		assertThat(this.browser.getCurrentUrl()).contains("#state=DEAD");
		new Select(this.browser.findElement(By.id("filter-state"))).selectByValue("");
		expand("sample");
		await().atMost(WITHIN).untilAsserted(() -> assertThat(processes()).contains("sample", "worker-steady"));

		this.browser.findElement(By.cssSelector("tr[data-process='sample'] button[data-action='pause']")).click();
		await().atMost(WITHIN).untilAsserted(() -> {
			WebElement message = this.browser.findElement(By.id("board-message"));
			assertThat(message.getAttribute("data-kind")).isEqualTo("ok");
			assertThat(message.getText()).startsWith("Pause sent to sample (signed)");
		});
		// the app itself is paused: out of traffic, and says so
		await().atMost(WITHIN).until(() -> status("/actuator/health/readiness") == 503);
		assertThat(body("/actuator/heartbeat")).contains("\"runStatus\":\"PAUSED\"");
		// and its next beat shows it on the board, in blue
		WebElement paused = await().atMost(WITHIN)
			.ignoreExceptions()
			.until(() -> badge("sample", "PAUSED"), WebElement::isDisplayed);
		assertThat(Color.fromString(paused.getCssValue("background-color"))).isEqualTo(Color.fromString("#1565c0"));
		assertThat(badge("worker-crash", "DEAD").isDisplayed()).isTrue();
		screenshot();

		this.browser.findElement(By.cssSelector("tr[data-process='sample'] button[data-action='resume']")).click();
		await().atMost(WITHIN).until(() -> status("/actuator/health/readiness") == 200);
	}

	@Test
	void snoozeButtonShouldHoldBackAProcessesEventsUntilUnsnoozed() {
		this.browser.get(url("/heartbeat/"));
		expand("workers");
		await().atMost(WITHIN)
			.ignoreExceptions()
			.until(() -> this.browser.findElement(By.cssSelector("tr[data-process='worker-steady'] button[data-action='snooze']")),
					WebElement::isEnabled)
			.click();
		await().atMost(WITHIN).ignoreExceptions().untilAsserted(() -> {
			assertThat(this.browser.findElement(By.cssSelector("tr[data-process='worker-steady'] td.state")).getText())
				.contains("snoozed until");
			assertThat(body("/actuator/heartbeats/worker-steady")).contains("\"snoozedUntil\":\"");
		});
		this.browser.findElement(By.cssSelector("tr[data-process='worker-steady'] button[data-action='unsnooze']")).click();
		await().atMost(WITHIN).ignoreExceptions().untilAsserted(() -> {
			assertThat(this.browser.findElement(By.cssSelector("tr[data-process='worker-steady'] td.state")).getText())
				.doesNotContain("snoozed");
			assertThat(body("/actuator/heartbeats/worker-steady")).doesNotContain("snoozedUntil");
		});
	}

	private WebElement badge(String process, String state) {
		return this.browser
			.findElement(By.cssSelector("tr[data-process='" + process + "'][data-state='" + state + "'] td.state .badge"));
	}

	// show an app's instances, once its row is there
	private void expand(String app) {
		await().atMost(WITHIN)
			.ignoreExceptions()
			.until(() -> this.browser.findElement(By.cssSelector("tr[data-app-row='" + app + "']")), WebElement::isDisplayed)
			.findElement(By.cssSelector("button[data-action='expand']"))
			.click();
		await().atMost(WITHIN)
			.until(() -> "true".equals(this.browser.findElement(By.cssSelector("tr[data-app-row='" + app + "']"))
				.getAttribute("data-open")));
	}

	private List<String> processes() {
		return this.browser.findElements(By.cssSelector("tr[data-process]"))
			.stream()
			.map((row) -> row.getAttribute("data-process"))
			.toList();
	}

	private void screenshot() throws IOException {
		Chromium.screenshot(this.browser, SCREENSHOT.getFileName().toString());
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	private int status(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	private String body(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

}
