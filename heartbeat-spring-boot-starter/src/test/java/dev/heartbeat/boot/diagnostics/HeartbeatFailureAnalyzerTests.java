package dev.heartbeat.boot.diagnostics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.heartbeat.boot.monitor.support.TestMonitorApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The starter's start-up failures are reported the way Spring Boot reports its own: a
 * "Description" that says what is wrong, naming the property, and an "Action" that says what to
 * do. The starter's own analyzer explains its exceptions; bad property values reach Boot's
 * analyzers as the binding or property value errors they are.
 */
@ExtendWith(OutputCaptureExtension.class)
class HeartbeatFailureAnalyzerTests {

	@Test
	void analysisShouldBeTheExceptionsDescriptionAndAction() {
		HeartbeatStartupException cause = new HeartbeatStartupException("What is wrong.", "What to do.");
		FailureAnalysis analysis = new HeartbeatFailureAnalyzer()
			.analyze(new BeanCreationException("heartbeatScheduler", "failed", cause));
		assertThat(analysis.getDescription()).isEqualTo("What is wrong.");
		assertThat(analysis.getAction()).isEqualTo("What to do.");
		assertThat(analysis.getCause()).isSameAs(cause);
		assertThat(new HeartbeatFailureAnalyzer().analyze(new IllegalStateException("other"))).isNull();
	}

	@Test
	void noPublisherShouldBeExplained(CapturedOutput output) {
		fails("--heartbeat.log.enabled=false", "--heartbeat.kafka.enabled=false");
		assertThat(report(output)).contains("No heartbeat publisher: heartbeat.log.enabled is false")
			.containsPattern("Action:\\s+Configure a publisher \\(add spring-boot-starter-kafka, or set heartbeat.http.url\\)");
	}

	@Test
	void anUnknownHealthGroupShouldBeExplained(CapturedOutput output) {
		fails("--heartbeat.health.group=nope");
		assertThat(report(output)).contains("heartbeat.health.group is 'nope', which is not a health group")
			.containsPattern("Action:\\s+Use one of those groups, define this one "
					+ "\\(management.endpoint.health.group.nope.include=...\\)");
	}

	@Test
	void aBadPropertyOfTheBeatingSideShouldBeExplained(CapturedOutput output) {
		fails("--heartbeat.period=0s");
		assertThat(report(output)).contains("Property: heartbeat.period")
			.contains("heartbeat.period must be at least 1ms, was '0s'")
			.containsPattern("Action:\\s+Update your application's configuration");
	}

	@Test
	void aBadPropertyOfTheMonitorShouldBeExplained(CapturedOutput output) {
		fails("--heartbeat.monitor.enabled=true", "--heartbeat.monitor.late-factor=0.5");
		assertThat(report(output))
			// the monitor's properties validate themselves at bind time: Boot's binder report
			.contains("Origin: \"heartbeat.monitor.late-factor\"")
			.contains("Value: \"0.5\"")
			.contains("heartbeat.monitor.late-factor must be at least 1 and at most 1000, was '0.5'")
			.containsPattern("Action:\\s+Update your application's configuration");
	}

	private static void fails(String... args) {
		SpringApplication application = new SpringApplication(TestMonitorApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		String[] all = new String[args.length + 1];
		all[0] = "--spring.kafka.bootstrap-servers=127.0.0.1:1";
		System.arraycopy(args, 0, all, 1, args.length);
		assertThatException().isThrownBy(() -> application.run(all).close());
	}

	private static String report(CapturedOutput output) {
		String all = output.getAll();
		assertThat(all).contains("APPLICATION FAILED TO START").contains("Description:").contains("Action:");
		return all.substring(all.lastIndexOf("APPLICATION FAILED TO START"));
	}

}
