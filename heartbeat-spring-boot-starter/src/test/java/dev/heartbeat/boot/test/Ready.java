package dev.heartbeat.boot.test;

import java.time.Duration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Publishes {@link ApplicationReadyEvent} in a context that a test built by hand (an
 * {@code ApplicationContextRunner} does not), which is what starts the heartbeat.
 */
public final class Ready {

	private Ready() {
	}

	public static void announce(ConfigurableApplicationContext context) {
		context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO));
	}

}
