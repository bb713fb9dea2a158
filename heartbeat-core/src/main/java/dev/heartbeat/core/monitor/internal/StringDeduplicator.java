package dev.heartbeat.core.monitor.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Keeps one instance of each of the few distinct values of a field (app names, health codes), so
 * that a million tracked processes share a handful of strings. Stops remembering new values once
 * it holds its maximum, so that a field with unbounded values costs no more than without it.
 * <p>
 * Not thread-safe: the owner guards it with its own lock.
 */
public final class StringDeduplicator {

	private final Map<String, String> values = new HashMap<>();

	private final int maxSize;

	/**
	 * A deduplicator that remembers at most the given number of values.
	 * @param maxSize the maximum number of values remembered
	 */
	public StringDeduplicator(int maxSize) {
		this.maxSize = maxSize;
	}

	/**
	 * The shared instance equal to a value.
	 * @param value the value
	 * @return the first instance seen that equals it, or the value itself
	 */
	public String dedupe(String value) {
		String known = this.values.get(value);
		if (known != null) {
			return known;
		}
		if (this.values.size() < this.maxSize) {
			this.values.put(value, value);
		}
		return value;
	}

	/**
	 * The number of values remembered.
	 * @return the size
	 */
	public int size() {
		return this.values.size();
	}

}
