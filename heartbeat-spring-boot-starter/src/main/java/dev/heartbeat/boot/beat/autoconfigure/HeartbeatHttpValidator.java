package dev.heartbeat.boot.beat.autoconfigure;

import java.net.http.HttpRequest;
import java.util.Locale;
import java.util.Map;

import dev.heartbeat.boot.beat.http.BeatUrl;
import dev.heartbeat.boot.beat.http.HttpBeatPublisher;
import dev.heartbeat.boot.support.PropertyErrors;
import dev.heartbeat.core.beat.BeatKind;

/**
 * Checks {@link HeartbeatHttpProperties} when they are bound: every URL (placeholders filled in
 * with sample values) is an absolute http(s) URL and names only known placeholders, every kind has
 * a URL once per-kind URLs are used without a default, every method is supported, and every extra
 * header is one the JDK's HTTP client may send. Header values are never quoted.
 */
final class HeartbeatHttpValidator {

	private HeartbeatHttpValidator() {
	}

	static void validate(HeartbeatHttpProperties http, PropertyErrors errors) {
		if (http.getUrl() != null) {
			url(errors, "http.url", "http.url", http.getUrl());
		}
		for (Map.Entry<BeatKind, String> entry : http.getUrls().entrySet()) {
			String kind = kind(entry.getKey());
			url(errors, "http.urls[" + kind + "]", "http.urls." + kind, entry.getValue());
		}
		if (http.getUrl() == null && !http.getUrls().isEmpty()) {
			for (BeatKind kind : BeatKind.values()) {
				if (!http.getUrls().containsKey(kind)) {
					errors.rejectGlobal("http.urls." + kind(kind), null,
							"must be set when heartbeat.http.url is not (every kind needs a URL)");
				}
			}
		}
		for (Map.Entry<BeatKind, String> entry : http.getMethods().entrySet()) {
			String method = (entry.getValue() != null) ? entry.getValue().strip().toUpperCase(Locale.ROOT) : "";
			if (!HttpBeatPublisher.METHODS.contains(method)) {
				String kind = kind(entry.getKey());
				errors.reject("http.methods[" + kind + "]", "http.methods." + kind, String.valueOf(entry.getValue()),
						"must be one of GET, HEAD, DELETE, POST, PUT, PATCH");
			}
		}
		for (Map.Entry<String, String> header : http.getHeaders().entrySet()) {
			try {
				HttpRequest.newBuilder().header(header.getKey(), (header.getValue() != null) ? header.getValue() : "");
			}
			catch (IllegalArgumentException ex) {
				errors.rejectGlobal("http.headers." + header.getKey(), null,
						"is not a header the HTTP client may send (a restricted name, or an illegal character in "
								+ "the name or the value)");
			}
		}
	}

	private static void url(PropertyErrors errors, String path, String property, String url) {
		String problem;
		try {
			problem = PropertyErrors.httpUrlProblem(BeatUrl.parse(url).sample());
		}
		catch (IllegalArgumentException ex) {
			problem = ex.getMessage();
		}
		if (problem != null) {
			errors.reject(path, property, url, problem);
		}
	}

	private static String kind(BeatKind kind) {
		return kind.name().toLowerCase(Locale.ROOT);
	}

}
