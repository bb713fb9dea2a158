package dev.heartbeat.boot.monitor.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.concurrent.Semaphore;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The HTTP side of the ingest: {@code POST <path>/{process}}, served by Spring MVC's functional
 * routes (as the status board is).
 * <ol>
 * <li>At most {@code maxConcurrent} requests are taken at once; one more is answered at once with
 * 503 ({@code busy}, {@code Retry-After: 1}): the monitor is short of request threads, not the
 * client over a quota.</li>
 * <li>With a token, {@code Authorization: Bearer <token>} must match it (compared in constant
 * time), else 401; without one the application's Spring Security guards the path.</li>
 * <li>A body over {@value #MAX_BODY_BYTES} bytes is answered 413.</li>
 * <li>Then {@link BeatIngest} judges and writes the beat: 200, 400 or 503.</li>
 * </ol>
 * Every answer is JSON and is counted by outcome and reason; nothing is written unless the answer
 * is 200.
 */
public final class IngestEndpoint {

	/** The largest body taken, in bytes. */
	public static final int MAX_BODY_BYTES = 1024;

	private final String path;

	private final BeatIngest ingest;

	private final byte @Nullable [] token;

	private final Semaphore permits;

	private final IngestOutcomes outcomes;

	private final int maxConcurrent;

	/**
	 * An endpoint.
	 * @param path the path, e.g. {@code /heartbeat/in}
	 * @param ingest takes the beats
	 * @param token the bearer token, or {@code null} when Spring Security guards the path
	 * @param maxConcurrent how many requests are taken at once
	 * @param outcomes counts every answer
	 */
	public IngestEndpoint(String path, BeatIngest ingest, @Nullable String token, int maxConcurrent,
			IngestOutcomes outcomes) {
		this.path = Objects.requireNonNull(path, "path");
		this.ingest = Objects.requireNonNull(ingest, "ingest");
		this.token = (token != null) ? token.getBytes(StandardCharsets.UTF_8) : null;
		this.maxConcurrent = maxConcurrent;
		this.permits = new Semaphore(maxConcurrent);
		this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
	}

	/**
	 * The route.
	 * @return {@code POST <path>/{process}}
	 */
	public RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route(RequestPredicates.POST(this.path + "/{process}"), this::handle);
	}

	/**
	 * How many requests are being taken now.
	 * @return the count, at most {@code maxConcurrent}
	 */
	public int inFlight() {
		return this.maxConcurrent - this.permits.availablePermits();
	}

	ServerResponse handle(ServerRequest request) throws IOException {
		if (!this.permits.tryAcquire()) {
			return answer(IngestAnswer.refused(503, "Service Unavailable", "busy", "max-concurrent", null, null,
					"Too many beats at once (heartbeat.monitor.ingest.max-concurrent); retry in a second"));
		}
		try {
			return answer(take(request));
		}
		finally {
			this.permits.release();
		}
	}

	private IngestAnswer take(ServerRequest request) throws IOException {
		if (this.token != null) {
			String problem = authorizationProblem(request.headers().firstHeader(HttpHeaders.AUTHORIZATION));
			if (problem != null) {
				return IngestAnswer.refused(401, "Unauthorized", "unauthorized", problem, null, null,
						"Send Authorization: Bearer <heartbeat.monitor.ingest.token>");
			}
		}
		long length = request.headers().contentLength().orElse(-1);
		if (length > MAX_BODY_BYTES) {
			return tooLarge();
		}
		byte[] body;
		try (InputStream in = request.servletRequest().getInputStream()) {
			body = in.readNBytes(MAX_BODY_BYTES + 1);
		}
		if (body.length > MAX_BODY_BYTES) {
			return tooLarge();
		}
		return this.ingest.ingest(request.pathVariable("process"), body,
				(name) -> request.headers().firstHeader(name));
	}

	private static IngestAnswer tooLarge() {
		return IngestAnswer.refused(413, "Content Too Large", "too-large", "body-too-large", null, null,
				"The body is longer than " + MAX_BODY_BYTES + " bytes; a payload such as beat/60 has a few");
	}

	private @Nullable String authorizationProblem(@Nullable String authorization) {
		if (authorization == null || authorization.isBlank()) {
			return "token-missing";
		}
		String prefix = "Bearer ";
		byte[] given = authorization.regionMatches(true, 0, prefix, 0, prefix.length())
				? authorization.substring(prefix.length()).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
		return MessageDigest.isEqual(given, this.token) ? null : "token-wrong";
	}

	private ServerResponse answer(IngestAnswer answer) {
		this.outcomes.record(answer.outcome(), answer.reason());
		ServerResponse.BodyBuilder response = ServerResponse.status(answer.code())
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CACHE_CONTROL, "no-store");
		if (answer.code() == 401) {
			response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		}
		else if ("busy".equals(answer.outcome())) {
			response.header(HttpHeaders.RETRY_AFTER, "1");
		}
		return response.body(answer.body());
	}

	/**
	 * Counts the answers.
	 */
	@FunctionalInterface
	public interface IngestOutcomes {

		/**
		 * Counts nothing.
		 */
		IngestOutcomes NONE = (outcome, reason) -> {
		};

		/**
		 * Count one answer.
		 * @param outcome e.g. {@code accepted}, {@code rejected}
		 * @param reason e.g. {@code none}, {@code payload-unknown-verb}
		 */
		void record(String outcome, String reason);

	}

}
