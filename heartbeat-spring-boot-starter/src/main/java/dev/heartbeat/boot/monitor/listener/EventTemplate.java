package dev.heartbeat.boot.monitor.listener;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A text with named placeholders such as {@code {process}}, filled in from an event.
 * <p>
 * A template is data, never code: the only thing recognized is {@code {name}} where name is one
 * of the {@linkplain Placeholder known placeholders}. Everything else, including unknown
 * {@code {...}}, {@code ${...}}, {@code #{...}} and unbalanced braces, is copied literally. There is
 * no expression language, no escaping syntax and no nesting. Immutable and thread-safe.
 */
public final class EventTemplate {

	private final String source;

	// literal texts, one more than the placeholders: literal[0] placeholder[0] literal[1] ...
	private final String[] literals;

	private final Placeholder[] placeholders;

	private EventTemplate(String source, String[] literals, Placeholder[] placeholders) {
		this.source = source;
		this.literals = literals;
		this.placeholders = placeholders;
	}

	/**
	 * Parse a template.
	 * @param source the template text
	 * @return the template
	 */
	public static EventTemplate parse(String source) {
		Objects.requireNonNull(source, "source");
		List<String> literals = new ArrayList<>();
		List<Placeholder> placeholders = new ArrayList<>();
		StringBuilder literal = new StringBuilder();
		int pos = 0;
		while (pos < source.length()) {
			char c = source.charAt(pos);
			if (c == '{') {
				int close = source.indexOf('}', pos + 1);
				Placeholder placeholder = (close > 0) ? Placeholder.of(source, pos + 1, close) : null;
				if (placeholder != null) {
					literals.add(literal.toString());
					literal.setLength(0);
					placeholders.add(placeholder);
					pos = close + 1;
					continue;
				}
			}
			literal.append(c);
			pos++;
		}
		literals.add(literal.toString());
		return new EventTemplate(source, literals.toArray(new String[0]), placeholders.toArray(new Placeholder[0]));
	}

	/**
	 * Fill in the placeholders.
	 * @param values the values of the event
	 * @param escaping how to escape each value (literal text is never escaped)
	 * @return the text
	 */
	public String render(EventValues values, Escaping escaping) {
		StringBuilder text = new StringBuilder(this.source.length() + 64);
		text.append(this.literals[0]);
		for (int i = 0; i < this.placeholders.length; i++) {
			escaping.append(text, values.get(this.placeholders[i]));
			text.append(this.literals[i + 1]);
		}
		return text.toString();
	}

	/**
	 * The placeholders used, in order of appearance.
	 * @return the placeholders
	 */
	public List<Placeholder> placeholders() {
		return List.of(this.placeholders);
	}

	@Override
	public String toString() {
		return this.source;
	}

	/**
	 * How substituted values are escaped.
	 */
	public enum Escaping {

		/**
		 * Values are inserted as they are.
		 */
		NONE {
			@Override
			void append(StringBuilder text, String value) {
				text.append(value);
			}
		},

		/**
		 * Values are escaped for the inside of a JSON string: quotes, backslashes, control
		 * characters and the JavaScript line separators.
		 */
		JSON {
			@Override
			void append(StringBuilder text, String value) {
				appendJsonEscaped(text, value);
			}
		};

		abstract void append(StringBuilder text, String value);

	}

	/**
	 * Append a value escaped for the inside of a JSON string: quotes, backslashes, control
	 * characters and the JavaScript line separators.
	 * @param text where to append
	 * @param value the value
	 */
	public static void appendJsonEscaped(StringBuilder text, String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> text.append("\\\"");
				case '\\' -> text.append("\\\\");
				case '\n' -> text.append("\\n");
				case '\r' -> text.append("\\r");
				case '\t' -> text.append("\\t");
				case '\b' -> text.append("\\b");
				case '\f' -> text.append("\\f");
				default -> {
					if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
						text.append(String.format("\\u%04x", (int) c));
					}
					else {
						text.append(c);
					}
				}
			}
		}
	}

	/**
	 * The names a template may use.
	 */
	public enum Placeholder {

		/** The process id; empty for an app event. */
		PROCESS("process"),

		/** The application name, empty if the beats carried none. */
		APP("app"),

		/** The new state, e.g. {@code DEAD}. */
		STATE("state"),

		/** The state reported before, e.g. {@code UP}; {@code UNKNOWN} for the first event. */
		PREVIOUS("previous"),

		/** When the change happened, ISO-8601 (the deadline itself for LATE and DEAD). */
		AT("at"),

		/** The record time of the last accepted beat, ISO-8601. */
		LAST_BEAT_AT("lastBeatAt"),

		/** The period (or warm-up) of the last beat in seconds, e.g. {@code 5} or {@code 0.5}; empty after stop. */
		PERIOD("period"),

		/** The instance that sent the last beat, empty if unknown. */
		INSTANCE("instance"),

		/**
		 * The event name: {@code heartbeat.<process>.<state in lower case>}, {@code app.<app>.<state>},
		 * or {@code monitor.blind} and {@code monitor.sighted}.
		 */
		EVENT("event"),

		/** For an app event, how many of its instances are alive; empty otherwise. */
		LIVE("live"),

		/** For an app event, how many instances it has; empty otherwise. */
		INSTANCES("instances"),

		/** For an app event, how many instances must be alive; empty otherwise. */
		MIN_INSTANCES("minInstances"),

		/** For {@code monitor.*} events: the partitions, e.g. {@code 0,3}; empty otherwise. */
		PARTITIONS("partitions"),

		/** For {@code monitor.*} events: until when the partitions were seen, ISO-8601; empty otherwise. */
		SINCE("since"),

		/** For {@code monitor.*} events: how many processes had verdicts held; empty otherwise. */
		HELD("held");

		private static final Placeholder[] ALL = values();

		private final String name;

		Placeholder(String name) {
			this.name = name;
		}

		/**
		 * The name used between braces.
		 * @return the name
		 */
		public String placeholderName() {
			return this.name;
		}

		static @Nullable Placeholder of(String source, int from, int to) {
			int length = to - from;
			for (Placeholder placeholder : ALL) {
				if (placeholder.name.length() == length && source.startsWith(placeholder.name, from)) {
					return placeholder;
				}
			}
			return null;
		}

	}

}
