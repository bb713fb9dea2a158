package dev.heartbeat.sample;

import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * A health indicator the user flips by hand (see {@link DemoController}) to watch the beats follow
 * the application's health.
 */
@Component("demo")
public class DemoHealthIndicator implements HealthIndicator {

	/** A custom status, mapped to {@code degraded} beats. */
	public static final Status DEGRADED = new Status("DEGRADED", "Degraded on purpose from the demo");

	private final AtomicReference<Status> status = new AtomicReference<>(Status.UP);

	@Override
	public Health health() {
		return Health.status(this.status.get()).withDetail("flip", "POST /demo/health/{UP|DEGRADED|OUT_OF_SERVICE|DOWN}").build();
	}

	/**
	 * Set the status.
	 * @param code UP, DEGRADED, OUT_OF_SERVICE or DOWN
	 * @return the status now in force
	 */
	public Status set(String code) {
		Status next = switch (code.toUpperCase(java.util.Locale.ROOT)) {
			case "UP" -> Status.UP;
			case "DEGRADED" -> DEGRADED;
			case "OUT_OF_SERVICE" -> Status.OUT_OF_SERVICE;
			case "DOWN" -> Status.DOWN;
			default -> throw new IllegalArgumentException(
					"Unknown demo status \"" + code + "\", expected UP, DEGRADED, OUT_OF_SERVICE or DOWN");
		};
		this.status.set(next);
		return next;
	}

}
