package dev.heartbeat.boot.monitor.notify;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.heartbeat.boot.monitor.autoconfigure.HeartbeatMonitorAutoConfiguration;
import dev.heartbeat.boot.monitor.listener.ListenerChannel;
import dev.heartbeat.boot.monitor.listener.ListenerDispatcher;
import dev.heartbeat.boot.monitor.listener.TestChanges;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.time.HeartbeatClock;
import dev.heartbeat.core.time.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every notifier of a real monitor context against a real loopback server that checks each
 * request as the service documents it: method, path, headers and the JSON shape.
 */
@ExtendWith(OutputCaptureExtension.class)
class NotifierHttpTests {

	private static final Duration WITHIN = Duration.ofSeconds(5);

	private static final String SLACK_PATH = "/services/T0001/B0001/slack-secret-token";

	private static final String TEAMS_PATH = "/workflows/abc/triggers/manual/paths/invoke";

	private static final String ROUTING_KEY = "pd-routing-key-0123456789abcdef";

	private static final String API_KEY = "og-api-key-0123456789abcdef";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, HeartbeatMonitorAutoConfiguration.class))
		.withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:1", "heartbeat.monitor.enabled=true",
				"heartbeat.monitor.board.url=https://ops.example.com/heartbeat/");

	private Receiver receiver;

	@BeforeEach
	void startReceiver() throws IOException {
		this.receiver = new Receiver();
	}

	@AfterEach
	void stopReceiver() {
		this.receiver.close();
	}

	@Test
	void slackShouldGetItsWebhookJsonWithTextAndBlocks() {
		this.receiver.answer(SLACK_PATH, 200, "ok");
		this.runner.withPropertyValues("heartbeat.monitor.listeners.chat.kind=slack",
				"heartbeat.monitor.listeners.chat.url=" + this.receiver.url() + SLACK_PATH).run((context) -> {
					context.getBean(ListenerDispatcher.class).onStateChange(TestChanges.dead());
					Receiver.Request request = this.receiver.await(SLACK_PATH, 1, WITHIN).get(0);
					assertThat(request.method()).isEqualTo("POST");
					assertThat(request.header("Content-Type")).isEqualTo("application/json");
					JsonNode json = request.json();
					assertThat(json.get("text").asString())
						.isEqualTo("billing (shop) is DEAD, was UP; last beat 15s before");
					JsonNode blocks = json.get("blocks");
					assertThat(blocks.get(0).get("type").asString()).isEqualTo("section");
					assertThat(blocks.get(0).get("text").get("type").asString()).isEqualTo("mrkdwn");
					assertThat(blocks.get(0).get("text").get("text").asString())
						.isEqualTo(":red_circle: *billing (shop) is DEAD, was UP*");
					JsonNode fields = blocks.get(1).get("fields");
					assertThat(fields.size()).isBetween(4, 10);
					assertThat(fields.get(0).get("type").asString()).isEqualTo("mrkdwn");
					assertThat(fields.get(0).get("text").asString()).isEqualTo("*Process*\nbilling");
					assertThat(blocks.get(2).get("type").asString()).isEqualTo("context");
					assertThat(blocks.get(2).get("elements").get(0).get("text").asString())
						.isEqualTo("<https://ops.example.com/heartbeat/#app=shop|Status board>");
				});
	}

	@Test
	void teamsShouldGetAnAdaptiveCardInTheAttachmentsOfAMessage() {
		this.runner.withPropertyValues("heartbeat.monitor.listeners.team.kind=teams",
				"heartbeat.monitor.listeners.team.url=" + this.receiver.url() + TEAMS_PATH).run((context) -> {
					context.getBean(ListenerDispatcher.class).onStateChange(TestChanges.dead());
					Receiver.Request request = this.receiver.await(TEAMS_PATH, 1, WITHIN).get(0);
					assertThat(request.method()).isEqualTo("POST");
					assertThat(request.header("Content-Type")).isEqualTo("application/json");
					JsonNode json = request.json();
					assertThat(json.get("type").asString()).isEqualTo("message");
					JsonNode attachment = json.get("attachments").get(0);
					assertThat(attachment.get("contentType").asString())
						.isEqualTo("application/vnd.microsoft.card.adaptive");
					assertThat(attachment.get("contentUrl").isNull()).isTrue();
					JsonNode card = attachment.get("content");
					assertThat(card.get("type").asString()).isEqualTo("AdaptiveCard");
					assertThat(card.get("$schema").asString())
						.isEqualTo("http://adaptivecards.io/schemas/adaptive-card.json");
					assertThat(card.get("version").asString()).isEqualTo("1.4");
					JsonNode heading = card.get("body").get(0);
					assertThat(heading.get("type").asString()).isEqualTo("TextBlock");
					assertThat(heading.get("text").asString()).isEqualTo("billing (shop) is DEAD, was UP");
					assertThat(heading.get("color").asString()).isEqualTo("Attention");
					JsonNode facts = card.get("body").get(1);
					assertThat(facts.get("type").asString()).isEqualTo("FactSet");
					assertThat(facts.get("facts").get(0).get("title").asString()).isEqualTo("Process");
					assertThat(facts.get("facts").get(0).get("value").asString()).isEqualTo("billing");
					JsonNode action = card.get("actions").get(0);
					assertThat(action.get("type").asString()).isEqualTo("Action.OpenUrl");
					assertThat(action.get("url").asString()).isEqualTo("https://ops.example.com/heartbeat/#app=shop");
				});
	}

	@Test
	void pagerDutyShouldTriggerOnDeathAndResolveOnRecoveryWithTheSameDedupKey() {
		this.runner.withPropertyValues("heartbeat.monitor.listeners.pager.kind=pagerduty",
				"heartbeat.monitor.listeners.pager.routing-key=" + ROUTING_KEY,
				"heartbeat.monitor.listeners.pager.url=" + this.receiver.url() + "/v2/enqueue").run((context) -> {
					ListenerDispatcher dispatcher = context.getBean(ListenerDispatcher.class);
					dispatcher.onStateChange(TestChanges.change("billing", "shop", ProcessState.UP, ProcessState.LATE));
					dispatcher.onStateChange(TestChanges.dead());
					// neither opens nor closes an incident
					dispatcher.onStateChange(
							TestChanges.change("billing", "shop", ProcessState.DEAD, ProcessState.STARTING));
					dispatcher.onStateChange(TestChanges.change("billing", "shop", ProcessState.STARTING, ProcessState.UP));
					List<Receiver.Request> requests = this.receiver.await("/v2/enqueue", 3, WITHIN);
					ListenerChannel channel = dispatcher.channel("pager").orElseThrow();
					await().atMost(WITHIN).until(() -> channel.stats().delivered() == 4);
					assertThat(requests).hasSize(3).allSatisfy((request) -> {
						assertThat(request.method()).isEqualTo("POST");
						assertThat(request.header("Content-Type")).isEqualTo("application/json");
						assertThat(request.json().get("routing_key").asString()).isEqualTo(ROUTING_KEY);
						assertThat(request.json().get("dedup_key").asString()).isEqualTo("heartbeat.billing");
					});
					JsonNode late = requests.get(0).json();
					assertThat(late.get("event_action").asString()).isEqualTo("trigger");
					assertThat(late.get("payload").get("severity").asString()).isEqualTo("warning");
					JsonNode dead = requests.get(1).json();
					assertThat(dead.get("event_action").asString()).isEqualTo("trigger");
					JsonNode payload = dead.get("payload");
					assertThat(payload.get("summary").asString())
						.isEqualTo("billing (shop) is DEAD, was UP; last beat 15s before");
					assertThat(payload.get("source").asString()).isEqualTo("billing");
					assertThat(payload.get("severity").asString()).isEqualTo("critical");
					assertThat(payload.get("timestamp").asString()).isEqualTo(TestChanges.AT.toString());
					assertThat(payload.get("group").asString()).isEqualTo("shop");
					assertThat(payload.get("custom_details").get("Last beat").asString()).contains("15s before");
					assertThat(dead.get("links").get(0).get("href").asString())
						.isEqualTo("https://ops.example.com/heartbeat/#app=shop");
					JsonNode resolve = requests.get(2).json();
					assertThat(resolve.get("event_action").asString()).isEqualTo("resolve");
					assertThat(resolve.has("payload")).isFalse();
				});
	}

	@Test
	void opsgenieShouldOpenAnAlertByAliasAndCloseIt() {
		this.runner.withPropertyValues("heartbeat.monitor.listeners.genie.kind=opsgenie",
				"heartbeat.monitor.listeners.genie.api-key=" + API_KEY,
				"heartbeat.monitor.listeners.genie.url=" + this.receiver.url()).run((context) -> {
					ListenerDispatcher dispatcher = context.getBean(ListenerDispatcher.class);
					dispatcher.onStateChange(TestChanges.dead());
					dispatcher.onStateChange(TestChanges.change("billing", "shop", ProcessState.DEAD, ProcessState.UP));
					Receiver.Request create = this.receiver.await("/v2/alerts", 1, WITHIN).get(0);
					Receiver.Request close = this.receiver.await("/v2/alerts/heartbeat.billing/close", 1, WITHIN)
						.get(0);
					for (Receiver.Request request : List.of(create, close)) {
						assertThat(request.method()).isEqualTo("POST");
						assertThat(request.header("Authorization")).isEqualTo("GenieKey " + API_KEY);
						assertThat(request.header("Content-Type")).isEqualTo("application/json");
					}
					JsonNode alert = create.json();
					assertThat(alert.get("alias").asString()).isEqualTo("heartbeat.billing");
					assertThat(alert.get("message").asString())
						.isEqualTo("billing (shop) is DEAD, was UP; last beat 15s before");
					assertThat(alert.get("message").asString().length()).isLessThanOrEqualTo(130);
					assertThat(alert.get("priority").asString()).isEqualTo("P1");
					assertThat(alert.get("entity").asString()).isEqualTo("billing");
					assertThat(alert.get("description").asString()).contains("Status board: https://ops.example.com");
					assertThat(alert.get("tags").toString()).contains("heartbeat", "dead", "shop");
					assertThat(close.query()).isEqualTo("identifierType=alias");
					assertThat(close.json().get("source").asString()).isEqualTo("heartbeat monitor");
				});
	}

	@Test
	void fiftyDeathsWithinTheDigestWindowShouldBeOneSlackMessageListingFifty() {
		ManualClock clock = new ManualClock();
		this.runner.withBean(HeartbeatClock.class, () -> clock)
			.withPropertyValues("heartbeat.monitor.listeners.chat.kind=slack",
					"heartbeat.monitor.listeners.chat.url=" + this.receiver.url() + SLACK_PATH,
					"heartbeat.monitor.listeners.chat.digest=1m")
			.run((context) -> {
				ListenerDispatcher dispatcher = context.getBean(ListenerDispatcher.class);
				for (int i = 1; i <= 50; i++) {
					dispatcher.onStateChange(TestChanges.change("worker-" + i, "workers", ProcessState.UP,
							ProcessState.DEAD));
				}
				clock.advance(Duration.ofSeconds(59));
				assertThat(dispatcher.channel("chat").orElseThrow().digesting()).isEqualTo(50);
				assertThat(this.receiver.requests()).isEmpty();
				clock.advance(Duration.ofSeconds(1));
				JsonNode json = this.receiver.await(SLACK_PATH, 1, WITHIN).get(0).json();
				assertThat(json.get("text").asString()).isEqualTo("Heartbeat digest: 50 DEAD (50 events)");
				String listed = json.get("blocks").toString();
				for (int i = 1; i <= 50; i++) {
					assertThat(listed).contains("• worker-" + i + " is DEAD, was UP; last beat 15s before");
				}
				ListenerChannel channel = dispatcher.channel("chat").orElseThrow();
				await().atMost(WITHIN).until(() -> channel.stats().delivered() == 50);
				assertThat(this.receiver.requests()).hasSize(1);
			});
	}

	@Test
	void httpListenerWithADigestShouldSendOneJsonArrayOfItsBodies() {
		ManualClock clock = new ManualClock();
		this.runner.withBean(HeartbeatClock.class, () -> clock)
			.withPropertyValues("heartbeat.monitor.listeners.hook.kind=http",
					"heartbeat.monitor.listeners.hook.url=" + this.receiver.url() + "/hook",
					"heartbeat.monitor.listeners.hook.body={\"process\":\"{process}\",\"state\":\"{state}\"}",
					"heartbeat.monitor.listeners.hook.digest=10s")
			.run((context) -> {
				ListenerDispatcher dispatcher = context.getBean(ListenerDispatcher.class);
				dispatcher.onStateChange(TestChanges.change("a", "shop", ProcessState.UP, ProcessState.LATE));
				dispatcher.onStateChange(TestChanges.change("b", "shop", ProcessState.UP, ProcessState.DEAD));
				clock.advance(Duration.ofSeconds(10));
				Receiver.Request request = this.receiver.await("/hook", 1, WITHIN).get(0);
				assertThat(request.body())
					.isEqualTo("[{\"process\":\"a\",\"state\":\"LATE\"},{\"process\":\"b\",\"state\":\"DEAD\"}]");
			});
	}

	@Test
	void failingDeliveriesShouldLogNeitherWebhookUrlsNorKeys(CapturedOutput output) {
		// the services answer with what they were sent, as a proxy might
		this.receiver.answer(SLACK_PATH, 403, "invalid_token for " + SLACK_PATH)
			.answer("/v2/enqueue", 400, "{\"message\":\"bad routing_key " + ROUTING_KEY + "\"}")
			.answer("/v2/alerts", 401, "{\"message\":\"GenieKey " + API_KEY + " is not valid\"}");
		this.runner.withPropertyValues("heartbeat.monitor.listeners.chat.kind=slack",
				"heartbeat.monitor.listeners.chat.url=" + this.receiver.url() + SLACK_PATH,
				"heartbeat.monitor.listeners.chat.retries=0", "heartbeat.monitor.listeners.pager.kind=pagerduty",
				"heartbeat.monitor.listeners.pager.routing-key=" + ROUTING_KEY,
				"heartbeat.monitor.listeners.pager.url=" + this.receiver.url() + "/v2/enqueue",
				"heartbeat.monitor.listeners.pager.retries=0", "heartbeat.monitor.listeners.genie.kind=opsgenie",
				"heartbeat.monitor.listeners.genie.api-key=" + API_KEY,
				"heartbeat.monitor.listeners.genie.url=" + this.receiver.url(),
				"heartbeat.monitor.listeners.genie.retries=0").run((context) -> {
					ListenerDispatcher dispatcher = context.getBean(ListenerDispatcher.class);
					dispatcher.onStateChange(TestChanges.dead());
					for (String name : List.of("chat", "pager", "genie")) {
						ListenerChannel channel = dispatcher.channel(name).orElseThrow();
						await().atMost(WITHIN).until(() -> channel.stats().failed() == 1);
					}
					assertThat(output).contains("Heartbeat listener 'chat' (slack 127.0.0.1) gave up",
							"Slack answered HTTP 403: invalid_token for ******",
							"PagerDuty answered HTTP 400", "Opsgenie answered HTTP 401: {\"message\":\"GenieKey ******");
					assertThat(output).doesNotContain("slack-secret-token", ROUTING_KEY, API_KEY);
					assertThat(dispatcher.toString()).doesNotContain("slack-secret-token", ROUTING_KEY, API_KEY)
						.contains("slack 127.0.0.1", "pagerduty 127.0.0.1", "opsgenie 127.0.0.1");
				});
	}

}
