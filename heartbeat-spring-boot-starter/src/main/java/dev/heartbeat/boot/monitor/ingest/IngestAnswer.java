package dev.heartbeat.boot.monitor.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The answer to one ingest request: a status code, the outcome and reason it is counted under,
 * and a JSON body. A refusal's body is worded like the actuator endpoints' 400 answers
 * ({@code status}, {@code error}, {@code parameter}, {@code value}, {@code message}) plus the
 * {@code reason} it is counted under, and {@code accepted: false}.
 *
 * @param code the HTTP status code
 * @param outcome {@code accepted}, {@code rejected}, {@code unauthorized}, {@code too-large},
 * {@code busy} or {@code unavailable}
 * @param reason why, e.g. {@code payload-unknown-verb}; {@code none} when accepted
 * @param body the JSON body
 */
public record IngestAnswer(int code, String outcome, String reason, Map<String, @Nullable Object> body) {

	static IngestAnswer ok(Map<String, @Nullable Object> body) {
		return new IngestAnswer(200, "accepted", "none", body);
	}

	static IngestAnswer badRequest(String reason, String parameter, @Nullable String value, String message) {
		return refused(400, "Bad Request", "rejected", reason, parameter, value, message);
	}

	static IngestAnswer unavailable(String reason, String message) {
		return refused(503, "Service Unavailable", "unavailable", reason, null, null, message);
	}

	static IngestAnswer refused(int code, String error, String outcome, String reason, @Nullable String parameter,
			@Nullable String value, String message) {
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("status", code);
		body.put("error", error);
		body.put("reason", reason);
		if (parameter != null) {
			body.put("parameter", parameter);
			body.put("value", value);
		}
		body.put("message", message);
		body.put("accepted", false);
		return new IngestAnswer(code, outcome, reason, body);
	}

}
