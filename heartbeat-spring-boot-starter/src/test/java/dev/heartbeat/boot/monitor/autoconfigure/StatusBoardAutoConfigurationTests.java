package dev.heartbeat.boot.monitor.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import dev.heartbeat.boot.monitor.autoconfigure.HeartbeatMonitorAutoConfiguration;
import dev.heartbeat.boot.monitor.autoconfigure.MonitorEndpointAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import dev.heartbeat.boot.monitor.board.CsrfTokenSource;
import dev.heartbeat.boot.monitor.board.SpringSecurityCsrfTokenSource;
import dev.heartbeat.boot.monitor.board.StatusBoard;
import dev.heartbeat.boot.test.FailureMessages;

/**
 * When the status board is served, where, and what its page is told.
 */
class StatusBoardAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(KafkaAutoConfiguration.class,
			HeartbeatMonitorAutoConfiguration.class, MonitorEndpointAutoConfiguration.class,
			EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class, WebMvcAutoConfiguration.class,
			HttpMessageConvertersAutoConfiguration.class, StatusBoardAutoConfiguration.class);

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS)
		// nothing listens there: the monitor's consumer retries in the background, the board needs no broker
		.withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:1", "heartbeat.enabled=false",
				"heartbeat.monitor.enabled=true", "management.endpoints.web.exposure.include=heartbeats");

	@Test
	void boardShouldServeItsPageAtHeartbeatByDefault() {
		this.runner.run(http((mvc) -> {
			String page = page(mvc, "/heartbeat/");
			assertThat(page).contains("<title>Heartbeats</title>")
				.contains("data-api=\"../actuator/heartbeats\"")
				.contains("data-refresh=\"2000\"")
				.contains("data-problem=\"\"");
		}));
	}

	@Test
	void pageShouldForbidScriptsAndStylesFromAnywhereElse() {
		this.runner.run(http((mvc) -> mvc.perform(get("/heartbeat/"))
			.andExpect(header().string("Content-Security-Policy", StatusBoard.CONTENT_SECURITY_POLICY))
			.andExpect(header().string("Cache-Control", "no-store"))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))));
	}

	@Test
	void pathWithoutItsSlashShouldRedirectRelativelyToThePage() {
		this.runner.run(http((mvc) -> mvc.perform(get("/heartbeat"))
			.andExpect(status().isFound())
			.andExpect(header().string("Location", "heartbeat/"))));
	}

	@Test
	void boardShouldServeItsStylesheetScriptAndIconNextToThePage() {
		this.runner.run(http((mvc) -> {
			mvc.perform(get("/heartbeat/board.css"))
				.andExpect(status().isOk())
				.andExpect(content().contentTypeCompatibleWith("text/css"))
				.andExpect(content().string(containsString("--dead: #c62828")));
			mvc.perform(get("/heartbeat/board.js"))
				.andExpect(status().isOk())
				.andExpect(content().contentTypeCompatibleWith("text/javascript"))
				.andExpect(content().string(containsString("textContent")));
			mvc.perform(get("/heartbeat/favicon.svg"))
				.andExpect(status().isOk())
				.andExpect(content().contentTypeCompatibleWith("image/svg+xml"));
			// nothing else from the classpath is reachable
			mvc.perform(get("/heartbeat/index.html")).andExpect(status().isNotFound());
			mvc.perform(get("/heartbeat/StatusBoard.class")).andExpect(status().isNotFound());
		}));
	}

	@Test
	void pageShouldNotOfferWritesWhileTheEndpointIsReadOnly() {
		this.runner.run(http((mvc) -> assertThat(page(mvc, "/heartbeat/")).contains("data-writes=\"false\"")));
	}

	@Test
	void pageShouldOfferWritesOnceTheyAreGranted() {
		this.runner.withPropertyValues("management.endpoint.heartbeats.access=UNRESTRICTED")
			.run(http((mvc) -> assertThat(page(mvc, "/heartbeat/")).contains("data-writes=\"true\"")));
	}

	@Test
	void boardShouldMoveToACustomPathAndFindTheEndpointUnderACustomBasePath() {
		this.runner
			.withPropertyValues("heartbeat.monitor.board.path=/ops/board", "heartbeat.monitor.board.refresh-interval=5s",
					"management.endpoints.web.base-path=/manage",
					"management.endpoints.web.path-mapping.heartbeats=beats")
			.run(http((mvc) -> {
				String page = page(mvc, "/ops/board/");
				assertThat(page).contains("data-api=\"../../manage/beats\"").contains("data-refresh=\"5000\"");
				mvc.perform(get("/ops/board")).andExpect(header().string("Location", "board/"));
				mvc.perform(get("/ops/board/board.js")).andExpect(status().isOk());
				mvc.perform(get("/heartbeat/")).andExpect(status().isNotFound());
			}));
	}

	@Test
	void pageShouldSaySoWhenTheEndpointIsNotExposed() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=health")
			.run(http((mvc) -> assertThat(page(mvc, "/heartbeat/")).contains("data-api=\"\"")
				.contains("management.endpoints.web.exposure.include")));
	}

	@Test
	void pageShouldSaySoWhenTheActuatorRunsOnAnotherPort() {
		this.runner.withPropertyValues("management.server.port=0")
			.run(http((mvc) -> assertThat(page(mvc, "/heartbeat/")).contains("data-api=\"\"")
				.contains("management.server.port")));
	}

	@Test
	void boardShouldBeOffWhenDisabled() {
		this.runner.withPropertyValues("heartbeat.monitor.board.enabled=false").run(http((mvc) -> {
			mvc.perform(get("/heartbeat/")).andExpect(status().isNotFound());
			mvc.perform(get("/heartbeat/board.js")).andExpect(status().isNotFound());
		}));
		this.runner.withPropertyValues("heartbeat.monitor.board.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(StatusBoard.class));
	}

	@Test
	void boardShouldBeAbsentWhenTheMonitorIsOff() {
		this.runner.withPropertyValues("heartbeat.monitor.enabled=false").run(http((mvc) -> {
			mvc.perform(get("/heartbeat/")).andExpect(status().isNotFound());
		}));
		this.runner.withPropertyValues("heartbeat.monitor.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(StatusBoard.class));
	}

	@Test
	void boardShouldBeAbsentOutsideAServletWebApplication() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:1", "heartbeat.enabled=false",
					"heartbeat.monitor.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(StatusBoard.class);
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "heartbeat", "/", "/heartbeat/", "/a//b", "/a/../b", "/a/./b", "/a b", "/a?b", "/a%2Fb" })
	void pathThatIsNotASimplePathShouldFailTheStartUp(String path) {
		this.runner.withPropertyValues("heartbeat.monitor.board.path=" + path).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(FailureMessages.validationError(context.getStartupFailure(), "heartbeat.monitor.board.path"))
				.startsWith("heartbeat.monitor.board.path " + StatusBoard.pathProblem(path))
				.endsWith(", was '" + path + "'");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "100ms", "2h" })
	void refreshIntervalOutOfRangeShouldFailTheStartUp(String interval) {
		this.runner.withPropertyValues("heartbeat.monitor.board.refresh-interval=" + interval)
			.run((context) -> assertThat(
					FailureMessages.validationError(context.getStartupFailure(), "heartbeat.monitor.board.refresh-interval"))
				.isEqualTo("heartbeat.monitor.board.refresh-interval must be between 500ms and 1h, was '" + interval + "'"));
	}

	@Test
	void pageShouldCarrySpringSecuritysCsrfTokenForItsWrites() {
		CsrfToken token = new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "t0k<en>&");
		this.runner.run(http((mvc) -> {
			assertThat(mvc.getDispatcherServlet().getWebApplicationContext().getBean(CsrfTokenSource.class))
				.isInstanceOf(SpringSecurityCsrfTokenSource.class);
			String page = mvc.perform(get("/heartbeat/").requestAttr(CsrfToken.class.getName(), token))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(page).contains("<meta name=\"_csrf_header\" content=\"X-CSRF-TOKEN\">")
				.contains("<meta name=\"_csrf\" content=\"t0k&lt;en&gt;&amp;\">");
			assertThat(page(mvc, "/heartbeat/")).contains("<meta name=\"_csrf\" content=\"\">");
		}));
	}

	@Test
	void withoutSpringSecurityThePageShouldCarryNoCsrfToken() {
		this.runner.withClassLoader(new FilteredClassLoader(CsrfToken.class)).run(http((mvc) -> {
			assertThat(mvc.getDispatcherServlet().getWebApplicationContext().getBeanNamesForType(CsrfTokenSource.class))
				.isEmpty();
			assertThat(page(mvc, "/heartbeat/")).contains("<meta name=\"_csrf_header\" content=\"\">")
				.contains("<meta name=\"_csrf\" content=\"\">");
		}));
	}

	@Test
	void processDataNeverReachesThePageAsMarkup() {
		// the page holds configuration only; even that is escaped for its attribute
		StatusBoard board = new StatusBoard("/heartbeat", Duration.ofSeconds(2), () -> null,
				"<script>alert(\"x\")</script>");
		assertThat(board.page()).doesNotContain("<script>alert")
			.contains("data-problem=\"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;\"");
	}

	private static String page(MockMvc mvc, String path) throws Exception {
		return mvc.perform(get(path))
			.andExpect(status().isOk())
			.andExpect(content().contentType("text/html;charset=UTF-8"))
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private static ContextConsumer<AssertableWebApplicationContext> http(
			MvcCheck check) {
		return (context) -> {
			assertThat(context).hasNotFailed();
			MockMvc mvc = MockMvcBuilders
				.webAppContextSetup((WebApplicationContext) context.getSourceApplicationContext())
				.build();
			check.accept(mvc);
		};
	}

	@FunctionalInterface
	interface MvcCheck {

		void accept(MockMvc mvc) throws Exception;

	}

}
