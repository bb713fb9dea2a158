package dev.heartbeat.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.UseMainMethod;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.status.StatusTracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The status board behind Spring Security with Boot's CSRF defaults (a token in the session,
 * required on every POST): the sample with spring-boot-starter-security and the README's
 * configuration for an operators-only actuator, here letting anyone look at the board. In headless
 * Chromium, an operator who signed in pauses, resumes and snoozes from the board; an anonymous
 * visitor's pause is refused and changes nothing; and a write without the token is refused even
 * for the operator, so the board's writes succeed because they carry it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT, useMainMethod = UseMainMethod.ALWAYS,
		properties = { "sample.workers.period=500ms", "sample.workers.warmup=5s", "sample.workers.crash-after=1h",
				"sample.workers.stop-after=1h", "sample.workers.restart-after=0s" })
@DirtiesContext
class SecuredBoardBrowserTests {

	private static final Duration WITHIN = Duration.ofSeconds(30);

	// the board with the apps of the processes these tests act on expanded (apps come first)
	private static final String BOARD = "/heartbeat/#open=sample&open=workers";

	private static final String OPERATOR = "operator";

	private static final String PASSWORD = "operator-password";

	@LocalServerPort
	private int port;

	@Autowired
	private StatusTracker tracker;

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
		this.tracker.apply(RunStatus.RUNNING, "test");
	}

	@Test
	void anOperatorShouldPauseResumeAndSnoozeFromTheBoard() {
		signIn();
		this.browser.get(url(BOARD));
		assertThat(this.browser.findElement(By.cssSelector("meta[name='_csrf']")).getAttribute("content")).isNotBlank();
		assertThat(this.browser.findElement(By.cssSelector("meta[name='_csrf_header']")).getAttribute("content"))
			.isEqualTo("X-CSRF-TOKEN");

		button("sample", "pause").click();
		await().atMost(WITHIN).untilAsserted(() -> assertThat(message()).startsWith("ok: Pause sent to sample (signed)"));
		await().atMost(WITHIN).until(() -> this.tracker.status() == RunStatus.PAUSED);
		await().atMost(WITHIN)
			.ignoreExceptions()
			.until(() -> this.browser.findElement(By.cssSelector("tr[data-process='sample'][data-state='PAUSED']")),
					WebElement::isDisplayed);

		button("sample", "resume").click();
		await().atMost(WITHIN).until(() -> this.tracker.status() == RunStatus.RUNNING);

		button("worker-steady", "snooze").click();
		await().atMost(WITHIN).ignoreExceptions().untilAsserted(() -> assertThat(
				this.browser.findElement(By.cssSelector("tr[data-process='worker-steady'] td.state")).getText())
			.contains("snoozed until"));
		button("worker-steady", "unsnooze").click();
		await().atMost(WITHIN).ignoreExceptions().untilAsserted(() -> assertThat(
				this.browser.findElement(By.cssSelector("tr[data-process='worker-steady'] td.state")).getText())
			.doesNotContain("snoozed"));
	}

	@Test
	void anAnonymousVisitorMaySeeTheBoardButItsPauseShouldBeRefused() {
		this.browser.get(url(BOARD));
		button("sample", "pause").click();
		await().atMost(WITHIN)
			.untilAsserted(() -> assertThat(message()).isEqualTo(
					"error: Could not pause sample (HTTP 401): refused by the server's security"));
		button("worker-steady", "snooze").click();
		await().atMost(WITHIN)
			.untilAsserted(() -> assertThat(message()).startsWith("error: Could not snooze worker-steady (HTTP 401)"));
		assertThat(this.tracker.status()).isEqualTo(RunStatus.RUNNING);
		assertThat(this.browser.findElement(By.cssSelector("tr[data-process='worker-steady'] td.state")).getText())
			.doesNotContain("snoozed");
	}

	@Test
	void aWriteWithoutTheCsrfTokenShouldBeRefusedEvenForAnOperator() throws Exception {
		String credentials = Base64.getEncoder()
			.encodeToString((OPERATOR + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create(url("/actuator/heartbeats/sample/pause")))
					.header("Authorization", "Basic " + credentials)
					.POST(HttpRequest.BodyPublishers.noBody())
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(this.tracker.status()).isEqualTo(RunStatus.RUNNING);
		// the same operator may read
		assertThat(this.http.send(HttpRequest.newBuilder(URI.create(url("/actuator/heartbeat")))
			.header("Authorization", "Basic " + credentials)
			.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
	}

	private void signIn() {
		this.browser.get(url("/login"));
		this.browser.findElement(By.id("username")).sendKeys(OPERATOR);
		this.browser.findElement(By.id("password")).sendKeys(PASSWORD);
		this.browser.findElement(By.cssSelector("button[type='submit']")).click();
		await().atMost(WITHIN).until(() -> !this.browser.getCurrentUrl().contains("/login"));
	}

	private WebElement button(String process, String action) {
		return await().atMost(WITHIN)
			.ignoreExceptions()
			.until(() -> this.browser
				.findElement(By.cssSelector("tr[data-process='" + process + "'] button[data-action='" + action + "']")),
					WebElement::isEnabled);
	}

	private String message() {
		WebElement message = this.browser.findElement(By.id("board-message"));
		return message.getAttribute("data-kind") + ": " + message.getText();
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	/**
	 * The README's security for an operators-only actuator, with the board (and the list it reads)
	 * open to everyone for this test, and the sample's own demo endpoints left alone.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class OperatorSecurity {

		@Bean
		SecurityFilterChain operatorsOnly(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests((requests) -> requests
				.requestMatchers(EndpointRequest.to("health")).permitAll()
				// anyone may look at the board: drop these two lines for operators only
				.requestMatchers(HttpMethod.GET, "/heartbeat", "/heartbeat/**").permitAll()
				.requestMatchers(HttpMethod.GET, "/actuator/heartbeats", "/actuator/heartbeats/**").permitAll()
				.requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole("OPERATOR")
				.anyRequest().permitAll())
				.formLogin(Customizer.withDefaults())
				.httpBasic(Customizer.withDefaults())
				// the sample's webhook receiver and health switch, not part of the README's configuration
				.csrf((csrf) -> csrf.ignoringRequestMatchers("/demo/**"));
			return http.build();
		}

		@Bean
		UserDetailsService operators() {
			return new InMemoryUserDetailsManager(
					User.withUsername(OPERATOR).password("{noop}" + PASSWORD).roles("OPERATOR").build());
		}

	}

}
