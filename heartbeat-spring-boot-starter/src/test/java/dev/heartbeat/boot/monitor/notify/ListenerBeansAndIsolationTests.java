package dev.heartbeat.boot.monitor.notify;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.heartbeat.boot.monitor.autoconfigure.HeartbeatMonitorAutoConfiguration;
import dev.heartbeat.boot.monitor.listener.EventSink;
import dev.heartbeat.boot.monitor.listener.EventValues;
import dev.heartbeat.boot.monitor.listener.ListenerChannel;
import dev.heartbeat.boot.monitor.listener.ListenerDispatcher;
import dev.heartbeat.boot.monitor.listener.TestChanges;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.monitor.MonitorEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Listener beans, and the isolation of every listener from the others, in a real monitor
 * context.
 */
class ListenerBeansAndIsolationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, HeartbeatMonitorAutoConfiguration.class))
		.withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:1", "heartbeat.monitor.enabled=true")
		.withUserConfiguration(AuditTrailConfiguration.class);

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
	void aBeanImplementingEventSinkShouldBeAListenerNamedAfterItsBean() {
		this.runner.run((context) -> {
			ListenerDispatcher dispatcher = context.getBean(ListenerDispatcher.class);
			assertThat(dispatcher.channels()).extracting(ListenerChannel::name)
				.containsExactly("application-event", "auditTrail");
			dispatcher.onStateChange(TestChanges.dead());
			AuditTrail trail = context.getBean(AuditTrail.class);
			await().atMost(Duration.ofSeconds(2)).until(() -> trail.events.size() == 1);
			assertThat(trail.events).containsExactly("heartbeat.billing.dead");
			assertThat(dispatcher.channel("auditTrail").orElseThrow()).hasToString(
					"ListenerChannel[auditTrail, bean 'auditTrail' (AuditTrail), all events]");
		});
	}

	@Test
	void aBeansRoutingAndDeliveryShouldBeSetByTheEntryOfItsName() {
		this.runner
			.withPropertyValues("heartbeat.monitor.listeners.audit-trail.event-regex=heartbeat\\..*\\.dead",
					"heartbeat.monitor.listeners.audit-trail.timeout=200ms",
					"heartbeat.monitor.listeners.audit-trail.retries=1",
					"heartbeat.monitor.listeners.audit-trail.backoff=10ms")
			.run((context) -> {
				ListenerDispatcher dispatcher = context.getBean(ListenerDispatcher.class);
				AuditTrail trail = context.getBean(AuditTrail.class);
				trail.failures.set(1);
				dispatcher.onStateChange(TestChanges.change("billing", "shop", ProcessState.DEAD, ProcessState.UP));
				dispatcher.onStateChange(TestChanges.dead());
				ListenerChannel channel = dispatcher.channel("audit-trail").orElseThrow();
				await().atMost(Duration.ofSeconds(2)).until(() -> channel.stats().delivered() == 1);
				assertThat(trail.events).containsExactly("heartbeat.billing.dead");
				assertThat(channel.stats().errors()).isEqualTo(1);
			});
	}

	@Test
	void aConfiguredListenerWithTheNameOfABeanShouldFailTheStartUp() {
		this.runner.withPropertyValues("heartbeat.monitor.listeners.auditTrail.kind=log")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("heartbeat.monitor.listeners.auditTrail.kind")
				.hasMessageContaining("the listener bean 'auditTrail' has this name"));
	}

	@Test
	void anEntryWithoutAKindThatNamesNoBeanShouldFailTheStartUp() {
		this.runner.withPropertyValues("heartbeat.monitor.listeners.ops.url=http://localhost/x")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("heartbeat.monitor.listeners.ops.kind")
				.hasMessageContaining("must be set (log, http, kafka, slack, teams, pagerduty, opsgenie or mail)"));
	}

	@Test
	void theMonitorShouldLeaveClosingABeanToSpring() {
		AuditTrail[] trail = new AuditTrail[1];
		this.runner.run((context) -> trail[0] = context.getBean(AuditTrail.class));
		assertThat(trail[0].closed).hasValue(1);
	}

	@Test
	void aFailingOrAHangingNotifierShouldNeverDelayTheOthers() {
		this.receiver.hang("/slack").answer("/v2/enqueue", 500, "");
		this.runner.withPropertyValues("heartbeat.monitor.listeners.hanging.kind=slack",
				"heartbeat.monitor.listeners.hanging.url=" + this.receiver.url() + "/slack",
				"heartbeat.monitor.listeners.hanging.timeout=30s",
				"heartbeat.monitor.listeners.failing.kind=pagerduty",
				"heartbeat.monitor.listeners.failing.routing-key=key",
				"heartbeat.monitor.listeners.failing.url=" + this.receiver.url() + "/v2/enqueue",
				"heartbeat.monitor.listeners.failing.retries=3", "heartbeat.monitor.listeners.failing.backoff=5s",
				"heartbeat.monitor.listeners.team.kind=teams",
				"heartbeat.monitor.listeners.team.url=" + this.receiver.url() + "/teams")
			.run((context) -> {
				ListenerDispatcher dispatcher = context.getBean(ListenerDispatcher.class);
				long start = System.nanoTime();
				for (int i = 0; i < 5; i++) {
					dispatcher.onStateChange(
							TestChanges.change("p" + i, "shop", ProcessState.UP, ProcessState.DEAD));
				}
				// the engine's thread only queues
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
				this.receiver.await("/teams", 5, Duration.ofSeconds(3));
				AuditTrail trail = context.getBean(AuditTrail.class);
				await().atMost(Duration.ofSeconds(3)).until(() -> trail.events.size() == 5);
				// long before the hanging one's first attempt times out, or the failing one's first retry
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
				assertThat(dispatcher.channel("hanging").orElseThrow().stats().delivered()).isZero();
				assertThat(dispatcher.channel("failing").orElseThrow().stats().errors()).isGreaterThanOrEqualTo(1);
				assertThat(dispatcher.channel("failing").orElseThrow().stats().delivered()).isZero();
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class AuditTrailConfiguration {

		@Bean
		AuditTrail auditTrail() {
			return new AuditTrail();
		}

	}

	static class AuditTrail implements EventSink {

		final List<String> events = new CopyOnWriteArrayList<>();

		final AtomicInteger failures = new AtomicInteger();

		final AtomicInteger closed = new AtomicInteger();

		@Override
		public void send(MonitorEvent event, EventValues values, Duration timeout) throws IOException {
			if (this.failures.getAndDecrement() > 0) {
				throw new IOException("audit store unavailable");
			}
			this.events.add(event.eventName());
		}

		@Override
		public void close() {
			this.closed.incrementAndGet();
		}

	}

}
