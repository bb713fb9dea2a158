package dev.heartbeat.boot.beat.http;

import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.heartbeat.core.status.RunStatus;

/**
 * Reads the run status a receiver asks for from a response body, with Jackson's strict parser:
 * the top-level {@code "status"} member of a JSON object, when it is the string {@code PAUSED} or
 * {@code RUNNING} (any case).
 * <ul>
 * <li>An empty body, or one that does not look like JSON (it does not start with {@code {} or
 * {@code [}, e.g. healthchecks.io's {@code OK}), is no feedback: it asks for nothing.</li>
 * <li>A body that looks like JSON but is not valid JSON (trailing text, a duplicate member, a bare
 * word), or whose {@code status} is not a string, is refused: it asks for nothing and the
 * publisher counts it.</li>
 * <li>Valid JSON without a top-level {@code status}, or with another string in it, asks for
 * nothing.</li>
 * </ul>
 */
final class StatusFeedback {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private StatusFeedback() {
	}

	/**
	 * Parse a response body.
	 * @param body the body, may be {@code null}
	 * @return the status asked for, if any
	 */
	static Optional<RunStatus> parse(@Nullable String body) {
		return Optional.ofNullable(read(body).status());
	}

	/**
	 * Read a response body.
	 * @param body the body, may be {@code null}
	 * @return what it asks for, or why it is refused
	 */
	static Answer read(@Nullable String body) {
		String text = (body != null) ? body.strip() : "";
		if (text.isEmpty() || (text.charAt(0) != '{' && text.charAt(0) != '[')) {
			return Answer.NOTHING;
		}
		JsonNode root;
		try {
			root = MAPPER.readTree(text);
		}
		catch (JacksonException ex) {
			return new Answer(null, "the body is not valid JSON");
		}
		JsonNode status = root.isObject() ? root.get("status") : null;
		if (status == null) {
			return Answer.NOTHING;
		}
		if (!status.isString()) {
			return new Answer(null, "its \"status\" is not a string");
		}
		return switch (status.stringValue().toUpperCase(Locale.ROOT)) {
			case "PAUSED" -> new Answer(RunStatus.PAUSED, null);
			case "RUNNING" -> new Answer(RunStatus.RUNNING, null);
			default -> Answer.NOTHING;
		};
	}

	/**
	 * What a body asks for.
	 *
	 * @param status the status asked for, or {@code null} for none
	 * @param problem why the body is refused, or {@code null} when it is not
	 */
	record Answer(@Nullable RunStatus status, @Nullable String problem) {

		static final Answer NOTHING = new Answer(null, null);

	}

}
