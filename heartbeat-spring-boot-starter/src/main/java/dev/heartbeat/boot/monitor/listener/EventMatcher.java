package dev.heartbeat.boot.monitor.listener;

import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Which event names a listener gets: one exact name, a regular expression that must match the
 * whole name, or every event.
 */
public final class EventMatcher {

	private static final EventMatcher ALL = new EventMatcher(null, null);

	private final @Nullable String exact;

	private final @Nullable Pattern pattern;

	private EventMatcher(@Nullable String exact, @Nullable Pattern pattern) {
		this.exact = exact;
		this.pattern = pattern;
	}

	/**
	 * A matcher for every event.
	 * @return the matcher
	 */
	public static EventMatcher all() {
		return ALL;
	}

	/**
	 * A matcher for one exact event name, e.g. {@code heartbeat.billing.dead}.
	 * @param eventName the name
	 * @return the matcher
	 */
	public static EventMatcher exact(String eventName) {
		return new EventMatcher(Objects.requireNonNull(eventName, "eventName"), null);
	}

	/**
	 * A matcher for names that match a regular expression as a whole.
	 * @param regex the expression, e.g. {@code heartbeat\..*\.dead}
	 * @return the matcher
	 * @throws java.util.regex.PatternSyntaxException if it does not compile
	 */
	public static EventMatcher regex(String regex) {
		return new EventMatcher(null, Pattern.compile(regex));
	}

	/**
	 * The matcher for a listener's settings.
	 * @param event the exact name or {@code null}
	 * @param eventRegex the expression or {@code null}
	 * @return the matcher
	 */
	public static EventMatcher of(@Nullable String event, @Nullable String eventRegex) {
		if (event != null) {
			return exact(event);
		}
		return (eventRegex != null) ? regex(eventRegex) : all();
	}

	/**
	 * Whether an event name matches.
	 * @param eventName the name
	 * @return whether the listener gets the event
	 */
	public boolean matches(String eventName) {
		if (this.exact != null) {
			return this.exact.equals(eventName);
		}
		return this.pattern == null || this.pattern.matcher(eventName).matches();
	}

	@Override
	public String toString() {
		if (this.exact != null) {
			return "event=" + this.exact;
		}
		return (this.pattern != null) ? "event-regex=" + this.pattern.pattern() : "all events";
	}

}
