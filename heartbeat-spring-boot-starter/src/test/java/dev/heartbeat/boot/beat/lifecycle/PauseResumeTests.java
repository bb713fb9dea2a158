package dev.heartbeat.boot.beat.lifecycle;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import dev.heartbeat.boot.beat.autoconfigure.HeartbeatAutoConfiguration;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.status.StatusTracker;

import static org.assertj.core.api.Assertions.assertThat;
import dev.heartbeat.boot.beat.RunStatusChangedEvent;

class PauseResumeTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class, HeartbeatAutoConfiguration.class))
		.withUserConfiguration(EventsConfiguration.class);

	@Test
	void pauseRefusesTrafficAndAnnouncesTheChange() {
		this.contextRunner.run((context) -> {
			AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
			context.getBean(StatusTracker.class).apply(RunStatus.PAUSED, "test");
			assertThat(context.getBean(ApplicationAvailability.class).getReadinessState())
				.isEqualTo(ReadinessState.REFUSING_TRAFFIC);
			List<RunStatusChangedEvent> events = context.getBean(EventsConfiguration.class).events;
			assertThat(events).singleElement().satisfies((event) -> {
				assertThat(event.from()).isEqualTo(RunStatus.RUNNING);
				assertThat(event.to()).isEqualTo(RunStatus.PAUSED);
				assertThat(event.origin()).isEqualTo("test");
				assertThat(event.isPaused()).isTrue();
			});
		});
	}

	@Test
	void resumeAcceptsTrafficAgainAndAnnouncesIt() {
		this.contextRunner.run((context) -> {
			AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
			StatusTracker tracker = context.getBean(StatusTracker.class);
			tracker.apply(RunStatus.PAUSED, "test");
			tracker.apply(RunStatus.RUNNING, "test");
			assertThat(context.getBean(ApplicationAvailability.class).getReadinessState())
				.isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
			assertThat(context.getBean(EventsConfiguration.class).events).extracting(RunStatusChangedEvent::to)
				.containsExactly(RunStatus.PAUSED, RunStatus.RUNNING);
		});
	}

	@Test
	void withPauseRefusesTrafficOffReadinessStaysButTheEventIsPublished() {
		this.contextRunner.withPropertyValues("heartbeat.pause-refuses-traffic=false").run((context) -> {
			AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
			context.getBean(StatusTracker.class).apply(RunStatus.PAUSED, "test");
			assertThat(context.getBean(ApplicationAvailability.class).getReadinessState())
				.isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
			assertThat(context.getBean(EventsConfiguration.class).events).hasSize(1);
		});
	}

	@Test
	void aPauseIsNotUndoneWhenTheApplicationBecomesReadyLater() {
		this.contextRunner.run((context) -> {
			context.getBean(StatusTracker.class).apply(RunStatus.PAUSED, "test");
			AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
			assertThat(context.getBean(ApplicationAvailability.class).getReadinessState())
				.isEqualTo(ReadinessState.REFUSING_TRAFFIC);
		});
	}

	@Test
	void aResumeNeverDeclaresReadyAnApplicationThatWasNot() {
		this.contextRunner.run((context) -> {
			AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
			StatusTracker tracker = context.getBean(StatusTracker.class);
			tracker.apply(RunStatus.RUNNING, "test");
			assertThat(context.getBean(ApplicationAvailability.class).getReadinessState())
				.isEqualTo(ReadinessState.REFUSING_TRAFFIC);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class EventsConfiguration {

		final List<RunStatusChangedEvent> events = new CopyOnWriteArrayList<>();

		@EventListener
		void on(RunStatusChangedEvent event) {
			this.events.add(event);
		}

	}

}
