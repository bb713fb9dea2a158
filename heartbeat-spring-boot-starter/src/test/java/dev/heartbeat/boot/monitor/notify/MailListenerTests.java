package dev.heartbeat.boot.monitor.notify;

import java.time.Duration;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.MailSender;

import dev.heartbeat.boot.monitor.autoconfigure.HeartbeatMonitorAutoConfiguration;
import dev.heartbeat.boot.monitor.listener.ListenerDispatcher;
import dev.heartbeat.boot.monitor.listener.TestChanges;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.time.HeartbeatClock;
import dev.heartbeat.core.time.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Mail listeners of a real monitor context against a real SMTP server (GreenMail) on loopback,
 * through Boot's own mail sender.
 */
class MailListenerTests {

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(
			new ServerSetup(3025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, MailSenderAutoConfiguration.class,
				HeartbeatMonitorAutoConfiguration.class))
		.withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:1", "heartbeat.monitor.enabled=true",
				"heartbeat.monitor.board.url=https://ops.example.com/heartbeat/");

	private ApplicationContextRunner withMail(String... properties) {
		return this.runner
			.withPropertyValues("spring.mail.host=127.0.0.1", "spring.mail.port=" + smtp.getSmtp().getPort(),
					"heartbeat.monitor.listeners.ops-mail.kind=mail",
					"heartbeat.monitor.listeners.ops-mail.to=ops@example.com,oncall@example.com",
					"heartbeat.monitor.listeners.ops-mail.from=heartbeat@example.com")
			.withPropertyValues(properties);
	}

	@Test
	void deathShouldBeMailedToEveryRecipientWithTheDefaultSubjectAndBody() {
		withMail().run((context) -> {
			context.getBean(ListenerDispatcher.class).onStateChange(TestChanges.dead());
			// one mail, one copy per recipient
			await().atMost(Duration.ofSeconds(5)).until(() -> smtp.getReceivedMessages().length == 2);
			MimeMessage mail = smtp.getReceivedMessages()[0];
			assertThat(mail.getSubject()).isEqualTo("[heartbeat] billing (shop) is DEAD, was UP; last beat 15s before");
			assertThat(mail.getFrom()[0].toString()).isEqualTo("heartbeat@example.com");
			assertThat(mail.getRecipients(RecipientType.TO)).extracting(Object::toString)
				.containsExactly("ops@example.com", "oncall@example.com");
			assertThat(GreenMailUtil.getBody(mail)).contains("billing (shop) is DEAD, was UP",
					"Last beat: 2026-01-01T00:00:00Z (15s before)", "Instance: a1b2c3",
					"Status board: https://ops.example.com/heartbeat/#app=shop");
		});
	}

	@Test
	void subjectAndBodyTemplatesShouldBeFilledIn() {
		withMail("heartbeat.monitor.listeners.ops-mail.subject={process} is {state}",
				"heartbeat.monitor.listeners.ops-mail.body={event} at {at}, app {app}")
			.run((context) -> {
				context.getBean(ListenerDispatcher.class).onStateChange(TestChanges.dead());
				// one mail, one copy per recipient
			await().atMost(Duration.ofSeconds(5)).until(() -> smtp.getReceivedMessages().length == 2);
				MimeMessage mail = smtp.getReceivedMessages()[0];
				assertThat(mail.getSubject()).isEqualTo("billing is DEAD");
				assertThat(GreenMailUtil.getBody(mail).strip())
					.isEqualTo("heartbeat.billing.dead at 2026-01-01T00:00:15Z, app shop");
			});
	}

	@Test
	void digestShouldBeOneMailListingItsEvents() {
		ManualClock clock = new ManualClock();
		withMail("heartbeat.monitor.listeners.ops-mail.digest=30s",
				"heartbeat.monitor.listeners.ops-mail.to=ops@example.com")
			.withBean(HeartbeatClock.class, () -> clock)
			.run((context) -> {
				ListenerDispatcher dispatcher = context.getBean(ListenerDispatcher.class);
				for (String process : new String[] { "w1", "w2", "w3" }) {
					dispatcher.onStateChange(TestChanges.change(process, "workers", ProcessState.UP, ProcessState.DEAD));
				}
				clock.advance(Duration.ofSeconds(30));
				assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
				assertThat(smtp.getReceivedMessages()).hasSize(1);
				MimeMessage mail = smtp.getReceivedMessages()[0];
				assertThat(mail.getSubject()).isEqualTo("[heartbeat] Heartbeat digest: 3 DEAD (3 events)");
				assertThat(GreenMailUtil.getBody(mail)).contains("workers: 3 DEAD", "- w1 is DEAD, was UP",
						"- w2 is DEAD, was UP", "- w3 is DEAD, was UP");
			});
	}

	@Test
	void monitorShouldStartWithoutSpringsMailSupport() {
		this.runner.withClassLoader(new FilteredClassLoader(MailSender.class))
			.withPropertyValues("heartbeat.monitor.listeners.ops.kind=log")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(ListenerDispatcher.class)
				.doesNotHaveBean(MailSinkFactory.class));
	}

	@Test
	void mailListenerWithoutSpringsMailSupportShouldFailTheStartUpSayingWhatToAdd() {
		this.runner.withClassLoader(new FilteredClassLoader(MailSender.class))
			.withPropertyValues("heartbeat.monitor.listeners.ops.kind=mail",
					"heartbeat.monitor.listeners.ops.to=ops@example.com")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("heartbeat.monitor.listeners.ops.kind")
				.hasMessageContaining("add spring-boot-starter-mail and set spring.mail.host"));
	}

	@Test
	void mailListenerWithoutAMailHostShouldFailTheStartUpSayingWhatToSet() {
		this.runner
			.withPropertyValues("heartbeat.monitor.listeners.ops.kind=mail",
					"heartbeat.monitor.listeners.ops.to=ops@example.com")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("set spring.mail.host"));
	}

}
