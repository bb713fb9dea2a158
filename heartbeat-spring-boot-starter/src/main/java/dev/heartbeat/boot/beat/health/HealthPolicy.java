package dev.heartbeat.boot.beat.health;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import dev.heartbeat.core.schedule.TickDecision;
import dev.heartbeat.core.schedule.TickDecision.Kind;

/**
 * Maps a health status code to what a tick sends: {@code UP} → beat, {@code OUT_OF_SERVICE} →
 * degraded, {@code DOWN} → degraded or silent as configured, per-code overrides first, and any
 * other code → degraded. Codes are compared ignoring case.
 */
public final class HealthPolicy {

	private final Map<String, Kind> mapping;

	/**
	 * Create a mapping.
	 * @param overrides kind per status code, applied before the defaults
	 * @param down what {@code DOWN} sends when not overridden
	 */
	public HealthPolicy(Map<String, Kind> overrides, Kind down) {
		Map<String, Kind> mapping = new LinkedHashMap<>();
		mapping.put("UP", Kind.BEAT);
		mapping.put("OUT_OF_SERVICE", Kind.DEGRADED);
		mapping.put("DOWN", Objects.requireNonNull(down, "down"));
		overrides.forEach((code, kind) -> mapping.put(normalize(code), Objects.requireNonNull(kind, code)));
		this.mapping = Map.copyOf(mapping);
	}

	/**
	 * The defaults: DOWN sends degraded.
	 * @return the mapping
	 */
	public static HealthPolicy ofDefaults() {
		return new HealthPolicy(Map.of(), Kind.DEGRADED);
	}

	/**
	 * What to send for a status code.
	 * @param code the health status code
	 * @return the decision, carrying the code
	 */
	public TickDecision decide(String code) {
		Kind kind = this.mapping.getOrDefault(normalize(code), Kind.DEGRADED);
		if (kind == Kind.BEAT && "UP".equals(code)) {
			return TickDecision.up();
		}
		return new TickDecision(kind, code);
	}

	private static String normalize(String code) {
		return code.strip().toUpperCase(Locale.ROOT);
	}

	@Override
	public String toString() {
		return "HealthPolicy" + this.mapping;
	}

}
