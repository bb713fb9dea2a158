package dev.heartbeat.boot.beat.http;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.heartbeat.core.status.RunStatus;

/**
 * Reads the run status a receiver asks for from a response body: the top-level {@code "status"}
 * member of a JSON object, when it is the string {@code PAUSED} or {@code RUNNING} (any case).
 * Anything else (no JSON, no object, no such member, another value, malformed JSON) asks for
 * nothing. A small strict scanner, so the publisher needs no JSON library.
 */
final class StatusFeedback {

	private static final int MAX_DEPTH = 32;

	private final String text;

	private int pos;

	private StatusFeedback(String text) {
		this.text = text;
	}

	/**
	 * Parse a response body.
	 * @param body the body, may be {@code null}
	 * @return the status asked for, if any
	 */
	static Optional<RunStatus> parse(@Nullable String body) {
		if (body == null) {
			return Optional.empty();
		}
		try {
			return Optional.ofNullable(new StatusFeedback(body).topLevelStatus());
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private @Nullable RunStatus topLevelStatus() {
		skipWhitespace();
		expect('{');
		RunStatus status = null;
		skipWhitespace();
		if (peek() == '}') {
			this.pos++;
			return end(null);
		}
		while (true) {
			skipWhitespace();
			String key = string();
			skipWhitespace();
			expect(':');
			skipWhitespace();
			if ("status".equals(key) && peek() == '"') {
				String value = string();
				status = switch (value.toUpperCase(java.util.Locale.ROOT)) {
					case "PAUSED" -> RunStatus.PAUSED;
					case "RUNNING" -> RunStatus.RUNNING;
					default -> null;
				};
			}
			else {
				skipValue(1);
			}
			skipWhitespace();
			char next = next();
			if (next == '}') {
				return end(status);
			}
			if (next != ',') {
				throw new IllegalArgumentException("expected , or }");
			}
		}
	}

	private @Nullable RunStatus end(@Nullable RunStatus status) {
		skipWhitespace();
		if (this.pos != this.text.length()) {
			throw new IllegalArgumentException("trailing characters");
		}
		return status;
	}

	private void skipValue(int depth) {
		if (depth > MAX_DEPTH) {
			throw new IllegalArgumentException("too deep");
		}
		char c = peek();
		if (c == '"') {
			string();
		}
		else if (c == '{' || c == '[') {
			char close = (c == '{') ? '}' : ']';
			this.pos++;
			skipWhitespace();
			if (peek() == close) {
				this.pos++;
				return;
			}
			while (true) {
				skipWhitespace();
				if (c == '{') {
					string();
					skipWhitespace();
					expect(':');
					skipWhitespace();
				}
				skipValue(depth + 1);
				skipWhitespace();
				char next = next();
				if (next == close) {
					return;
				}
				if (next != ',') {
					throw new IllegalArgumentException("expected , or " + close);
				}
			}
		}
		else {
			int start = this.pos;
			while (this.pos < this.text.length() && "-+.0123456789eEtruefalsn".indexOf(this.text.charAt(this.pos)) >= 0) {
				this.pos++;
			}
			if (this.pos == start) {
				throw new IllegalArgumentException("expected a value");
			}
		}
	}

	private String string() {
		expect('"');
		StringBuilder value = new StringBuilder();
		while (true) {
			char c = next();
			if (c == '"') {
				return value.toString();
			}
			if (c == '\\') {
				char escaped = next();
				switch (escaped) {
					case 'u' -> {
						if (this.pos + 4 > this.text.length()) {
							throw new IllegalArgumentException("bad escape");
						}
						value.append((char) Integer.parseInt(this.text.substring(this.pos, this.pos + 4), 16));
						this.pos += 4;
					}
					case 'n' -> value.append('\n');
					case 't' -> value.append('\t');
					case 'r' -> value.append('\r');
					case 'b' -> value.append('\b');
					case 'f' -> value.append('\f');
					case '"', '\\', '/' -> value.append(escaped);
					default -> throw new IllegalArgumentException("bad escape");
				}
			}
			else if (c < 0x20) {
				throw new IllegalArgumentException("control character in string");
			}
			else {
				value.append(c);
			}
		}
	}

	private void skipWhitespace() {
		while (this.pos < this.text.length() && " \t\r\n".indexOf(this.text.charAt(this.pos)) >= 0) {
			this.pos++;
		}
	}

	private void expect(char c) {
		if (next() != c) {
			throw new IllegalArgumentException("expected " + c);
		}
	}

	private char peek() {
		if (this.pos >= this.text.length()) {
			throw new IllegalArgumentException("unexpected end");
		}
		return this.text.charAt(this.pos);
	}

	private char next() {
		char c = peek();
		this.pos++;
		return c;
	}

}
