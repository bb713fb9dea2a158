package dev.heartbeat.boot.beat.http;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.beat.BeatCodec;

/**
 * A URL a beat is sent to, with placeholders filled in per beat: {@code {process}} (the process
 * id), {@code {kind}} ({@code start}, {@code beat}, {@code degraded}, {@code stop}) and
 * {@code {period}} (the period or warm-up in seconds as the payload carries it, e.g. {@code 5} or
 * {@code 0.5}; empty for {@code stop}).
 * <p>
 * A URL is data, never code: values are URL-encoded ({@code %20} for a blank), so a value can
 * neither add a path segment nor a query parameter; there is no other syntax. A
 * {@code {...}} that names no placeholder is refused when the URL is parsed. Immutable and
 * thread-safe.
 */
public final class BeatUrl {

	private static final List<String> PLACEHOLDERS = List.of("process", "kind", "period");

	private final String template;

	// literal, placeholder, literal, ... (odd indexes are placeholders)
	private final List<String> parts;

	private BeatUrl(String template, List<String> parts) {
		this.template = template;
		this.parts = parts;
	}

	/**
	 * Parse a URL template.
	 * @param template the URL, leading and trailing blanks ignored
	 * @return the URL
	 * @throws IllegalArgumentException naming the first unknown or unclosed placeholder
	 */
	public static BeatUrl parse(String template) {
		String text = Objects.requireNonNull(template, "template").strip();
		List<String> parts = new ArrayList<>();
		int pos = 0;
		while (true) {
			int open = text.indexOf('{', pos);
			if (open < 0) {
				parts.add(text.substring(pos));
				break;
			}
			int close = text.indexOf('}', open);
			if (close < 0) {
				throw new IllegalArgumentException("has a '{' without '}'; placeholders are " + known());
			}
			String name = text.substring(open + 1, close);
			if (!PLACEHOLDERS.contains(name)) {
				throw new IllegalArgumentException("has the unknown placeholder {" + name + "}; placeholders are "
						+ known());
			}
			parts.add(text.substring(pos, open));
			parts.add(name);
			pos = close + 1;
		}
		return new BeatUrl(text, List.copyOf(parts));
	}

	private static String known() {
		return "{process}, {kind} and {period}";
	}

	/**
	 * The URL for one beat.
	 * @param process the process id
	 * @param beat the beat
	 * @return the URL
	 * @throws IllegalArgumentException if the filled-in URL is not a valid URI
	 */
	public URI expand(String process, Beat beat) {
		return URI.create(fill(process, beat));
	}

	private String fill(String process, Beat beat) {
		StringBuilder url = new StringBuilder(this.template.length() + 32);
		for (int i = 0; i < this.parts.size(); i++) {
			String part = this.parts.get(i);
			url.append((i % 2 == 0) ? part : encode(value(part, process, beat)));
		}
		return url.toString();
	}

	/**
	 * The URL as a sample beat would get it, to check at start-up that it is a valid URL.
	 * @return the URL with sample values, not checked
	 */
	public String sample() {
		return fill("process", Beat.beat(Duration.ofSeconds(5)));
	}

	private static String value(String placeholder, String process, Beat beat) {
		return switch (placeholder) {
			case "process" -> process;
			case "kind" -> beat.kind().verb().toLowerCase(Locale.ROOT);
			default -> (beat.duration() != null) ? BeatCodec.formatSeconds(beat.duration()) : "";
		};
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	@Override
	public String toString() {
		return this.template;
	}

}
