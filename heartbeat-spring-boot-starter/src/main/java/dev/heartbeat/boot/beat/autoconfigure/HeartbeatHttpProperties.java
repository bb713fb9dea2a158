package dev.heartbeat.boot.beat.autoconfigure;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.heartbeat.core.beat.BeatKind;

/**
 * The HTTP publisher, under {@code heartbeat.http}: active when {@code url} or a URL per kind is
 * set (without {@code url}, every kind needs a URL of its own). A URL may hold the placeholders {@code {process}}, {@code {kind}} and {@code {period}},
 * filled in URL-encoded (see {@link dev.heartbeat.boot.beat.http.BeatUrl}).
 */
public class HeartbeatHttpProperties {

	/**
	 * URL beats are POSTed to, for every kind without a URL of its own in heartbeat.http.urls; the
	 * HTTP publisher is active only when this or a URL per kind is set.
	 */
	private @Nullable String url;

	/**
	 * Connect and request timeout of one beat.
	 */
	private Duration timeout = Duration.ofSeconds(2);

	/**
	 * URL per kind of beat (start, beat, degraded, stop), overriding heartbeat.http.url for that
	 * kind; placeholders {process}, {kind} and {period} (the beat's period or warm-up in
	 * seconds, as in the payload; empty for stop) are filled in URL-encoded.
	 */
	private final Map<BeatKind, String> urls = new EnumMap<>(BeatKind.class);

	/**
	 * HTTP method per kind of beat (start, beat, degraded, stop): GET, HEAD, DELETE (sent without
	 * a body), POST, PUT or PATCH. POST for every kind not set.
	 */
	private final Map<BeatKind, String> methods = new EnumMap<>(BeatKind.class);

	/**
	 * Extra request headers sent with every beat, such as Authorization=Bearer ...; their values
	 * are masked in the actuator's env and configprops endpoints.
	 */
	private final Map<String, String> headers = new LinkedHashMap<>();

	public @Nullable String getUrl() {
		return this.url;
	}

	public void setUrl(@Nullable String url) {
		this.url = url;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Map<BeatKind, String> getUrls() {
		return this.urls;
	}

	public Map<BeatKind, String> getMethods() {
		return this.methods;
	}

	public Map<String, String> getHeaders() {
		return this.headers;
	}

}
