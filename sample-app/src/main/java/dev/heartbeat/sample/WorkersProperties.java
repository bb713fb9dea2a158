package dev.heartbeat.sample;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The simulated workers, under {@code sample.workers}.
 *
 * @param enabled whether to run them
 * @param app the application name they beat under
 * @param period time between their beats
 * @param warmup the warm-up their start beat announces
 * @param crashAfter how long worker-crash beats before it dies without a stop beat
 * @param stopAfter how long worker-graceful beats before it stops with a stop beat
 * @param restartAfter how long worker-crash and worker-graceful stay down: then a new instance
 * replaces worker-crash under a new process id (worker-crash-2, -3, ...) and worker-graceful starts
 * again under its own; 0 keeps them down
 * @param steadyFor how long worker-flappy beats steadily before each bout of flapping
 * @param flapFor how long each bout of flapping lasts (beat and degraded alternate every period)
 */
@ConfigurationProperties("sample.workers")
public record WorkersProperties(@DefaultValue("true") boolean enabled, @DefaultValue("workers") String app,
		@DefaultValue("2s") Duration period, @DefaultValue("10s") Duration warmup,
		@DefaultValue("30s") Duration crashAfter, @DefaultValue("45s") Duration stopAfter,
		@DefaultValue("60s") Duration restartAfter, @DefaultValue("20s") Duration steadyFor,
		@DefaultValue("30s") Duration flapFor) {
}
