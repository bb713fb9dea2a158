package dev.heartbeat.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.UseMainMethod;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.heartbeat.boot.monitor.kafka.HeartbeatConsumer;
import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.monitor.BeatRecord;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.status.RunStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The status board with a large fleet, 500 apps of 40 instances each (20,000 processes, beyond
 * the 1,000 the endpoint lists at once), generated into the sample's own monitor: the board shows
 * every app in one readable row, expands one to its instances, and its state chips narrow the
 * apps to those with a match. Leaves {@code target/board-large.png} and
 * {@code target/board-large-expanded.png}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT, useMainMethod = UseMainMethod.ALWAYS,
		properties = { "sample.workers.enabled=false", "heartbeat.monitor.forget-dead-after=1h",
				"heartbeat.monitor.reminder-interval=0s" })
@DirtiesContext
class LargeFleetBrowserTests {

	private static final int APPS = 500;

	private static final int INSTANCES = 40;

	private static final Duration WITHIN = Duration.ofSeconds(30);

	@LocalServerPort
	private int port;

	@Autowired
	private DeadlineEngine engine;

	@Autowired
	private HeartbeatConsumer consumer;

	private ChromeDriver browser;

	@DynamicPropertySource
	static void port(DynamicPropertyRegistry registry) {
		int port = SampleTestSupport.freePort();
		registry.add("server.port", () -> port);
	}

	@BeforeEach
	void generateTheFleetAndOpenBrowser(@TempDir Path profile) {
		await().atMost(WITHIN).until(this.consumer::isLive);
		if (this.engine.size() < APPS * INSTANCES) {
			generate();
		}
		this.browser = Chromium.open(profile);
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void everyAppShouldHaveOneReadableRowAndExpandToItsInstances() throws IOException {
		long opened = System.nanoTime();
		this.browser.get("http://localhost:" + this.port + "/heartbeat/");
		// the 500 apps and the sample's own
		await().atMost(WITHIN).until(() -> appRows().size() == APPS + 1);
		long shownMillis = (System.nanoTime() - opened) / 1_000_000;
		assertThat(shownMillis).as("time until every app is shown").isLessThan(WITHIN.toMillis());
		String status = this.browser.findElement(By.id("board-status")).getText();
		assertThat(status).contains((APPS + 1) + " apps").contains((APPS * INSTANCES + 1) + " processes tracked");
		// collapsed, the apps alone are on the page: no instance row
		assertThat(this.browser.findElements(By.cssSelector("tr[data-process]"))).isEmpty();
		assertThat(app("svc-013").getAttribute("data-state")).isEqualTo("DEAD");
		assertThat(app("svc-013").findElement(By.cssSelector("td.live")).getText()).startsWith("0 / 40");
		assertThat(app("svc-021").getAttribute("data-state")).isEqualTo("UP");
		assertThat(app("svc-021").findElement(By.cssSelector("td.live")).getText()).startsWith("35 / 40");
		assertThat(app("svc-042").getAttribute("data-state")).isEqualTo("DEGRADED");
		assertThat(app("svc-099").getAttribute("data-state")).isEqualTo("STOPPED");
		assertThat(app("svc-123").getAttribute("data-state")).isEqualTo("PAUSED");
		// the apps in trouble come first
		assertThat(appRows().subList(0, 2)).extracting((row) -> row.getAttribute("data-app-row"))
			.containsExactly("svc-013", "svc-042");
		Chromium.screenshot(this.browser, "board-large.png");

		// one app expanded: its 40 instances, read from the endpoint for that app alone
		app("svc-021").findElement(By.cssSelector("button[data-action='expand']")).click();
		await().atMost(WITHIN).until(() -> instanceRows("svc-021").size() == INSTANCES);
		List<WebElement> dead = this.browser.findElements(By.cssSelector("tr[data-process][data-state='DEAD']"));
		assertThat(dead).hasSize(5)
			.allSatisfy((row) -> assertThat(row.findElement(By.cssSelector("td.state")).getText()).contains("replaced"));
		this.browser.executeScript("arguments[0].scrollIntoView({block: 'start'})", app("svc-021"));
		Chromium.screenshot(this.browser, "board-large-expanded.png");

		// a state chip narrows the apps to those with an instance in that state
		this.browser.findElement(By.id("count-DEAD")).click();
		await().atMost(WITHIN).until(() -> appRows().size() == 2);
		assertThat(appRows()).extracting((row) -> row.getAttribute("data-app-row")).containsExactly("svc-013", "svc-021");
		assertThat(this.browser.findElement(By.id("count-DEAD")).getText()).contains("45");
	}

	// 500 apps of 40 instances, all up but a few: one app dead, one with five dead instances
	// (replaced: the others are enough), one degraded, one stopped, one paused
	private void generate() {
		long now = System.currentTimeMillis();
		Beat beat = Beat.beat(Duration.ofMinutes(10));
		for (int a = 0; a < APPS; a++) {
			String app = String.format("svc-%03d", a);
			for (int i = 0; i < INSTANCES; i++) {
				String instance = String.format("%012x", (long) a * 1_000 + i + 0x5f3a9c000000L);
				String process = app + "-" + instance;
				Beat kind = beat;
				long time = now;
				RunStatus status = RunStatus.RUNNING;
				if (a == 13 || (a == 21 && i < 5)) {
					kind = Beat.beat(Duration.ofSeconds(5));
					time = now - 60_000;
				}
				else if (a == 42 && i < 3) {
					kind = Beat.degraded(Duration.ofMinutes(10));
				}
				else if (a == 99) {
					kind = Beat.stop();
				}
				else if (a == 123) {
					status = RunStatus.PAUSED;
				}
				this.engine.restore(new BeatRecord(process, app, kind, time, instance, 1, status, "UP"));
			}
		}
		this.engine.advance();
	}

	private List<WebElement> appRows() {
		return this.browser.findElements(By.cssSelector("tr[data-app-row]"));
	}

	private WebElement app(String app) {
		return this.browser.findElement(By.cssSelector("tr[data-app-row='" + app + "']"));
	}

	private List<WebElement> instanceRows(String app) {
		return this.browser.findElements(By.cssSelector("tr[data-instances-of='" + app + "'] tr[data-process]"));
	}


}
