package dev.heartbeat.boot.monitor.listener;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.monitor.StateChange;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class LogEventSinkTests {

	@Test
	void defaultMessageShouldTellWhatHappened(CapturedOutput output) {
		new LogEventSink(EventTemplate.parse(LogEventSink.DEFAULT_MESSAGE)).send(TestChanges.dead(),
				EventValues.of(TestChanges.dead()), Duration.ofSeconds(1));
		assertThat(output).contains("INFO")
			.contains("heartbeat.billing.dead: billing went from UP to DEAD at 2026-01-01T00:00:15Z (app 'shop', "
					+ "instance 'a1b2c3', last beat at 2026-01-01T00:00:00Z, period 5s)");
	}

	@Test
	void digestShouldBeOneMessageWithAnEventALine(CapturedOutput output) {
		StateChange late = TestChanges.change("a", "shop", ProcessState.UP, ProcessState.LATE);
		StateChange dead = TestChanges.dead();
		new LogEventSink(EventTemplate.parse("{process} is {state}")).send(
				new Digest(List.of(new Digest.Entry(late, EventValues.of(late)), new Digest.Entry(dead, EventValues.of(dead)))),
				Duration.ofSeconds(1));
		assertThat(output).contains("Digest of 2 events:\n  a is LATE\n  billing is DEAD");
	}

	@Test
	void messageShouldNotBeTakenAsALogPattern(CapturedOutput output) {
		new LogEventSink(EventTemplate.parse("{} {process} %s ${user.home}")).send(TestChanges.dead(),
				EventValues.of(TestChanges.dead()), Duration.ofSeconds(1));
		assertThat(output).contains("{} billing %s ${user.home}");
	}

}
