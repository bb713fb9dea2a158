package dev.heartbeat.boot.beat.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.beat.BeatCodec;
import dev.heartbeat.core.beat.BeatKind;
import dev.heartbeat.core.publish.BeatMetadata;
import dev.heartbeat.core.publish.SyncBeatPublisher;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.wire.WireContract;

/**
 * Sends each beat to a URL: the payload as a {@code text/plain} body, the metadata as
 * {@code Heartbeat-*} request headers ({@link WireContract}), plus the configured extra headers
 * (an {@code Authorization}, say). Each kind of beat may have a {@link Target} of its own (a URL
 * with placeholders, a method), so that receivers with a URL per kind (healthchecks.io's
 * {@code /start} and {@code /fail}, a Consul TTL check's {@code pass} and {@code warn}) see each
 * kind for what it is. GET, HEAD and DELETE are sent without a body.
 * <p>
 * A 2xx response whose JSON body has {@code "status": "PAUSED"} or {@code "RUNNING"} is handed to
 * the feedback consumer (the receiver sets this process's run status); other 2xx bodies are
 * ignored, and one that looks like JSON but is not (or whose {@code status} is no string) is
 * counted ({@link #feedbackRejected()}) and logged, at WARN the first time; any other response
 * fails the beat. At most {@value #MAX_BODY_BYTES} bytes of a response are read. Header values are
 * never logged.
 */
public final class HttpBeatPublisher implements SyncBeatPublisher {

	/**
	 * The source of status changes fed back by the HTTP receiver.
	 */
	public static final String SOURCE = "http-feedback";

	/**
	 * The methods a target may use.
	 */
	public static final Set<String> METHODS = Set.of("GET", "HEAD", "DELETE", "POST", "PUT", "PATCH");

	private static final Set<String> WITHOUT_BODY = Set.of("GET", "HEAD", "DELETE");

	private static final Logger logger = LoggerFactory.getLogger(HttpBeatPublisher.class);

	static final int MAX_BODY_BYTES = 64 * 1024;

	private final Map<BeatKind, Target> targets;

	private final Map<String, String> headers;

	private final Duration timeout;

	private final Consumer<RunStatus> feedback;

	private final HttpClient client;

	private final LongAdder feedbackRejected = new LongAdder();

	private final AtomicBoolean warned = new AtomicBoolean();

	/**
	 * Create a publisher.
	 * @param url where beats are POSTed
	 * @param timeout connect timeout, and the timeout of each request
	 * @param feedback receives the status a 2xx response asks for
	 */
	public HttpBeatPublisher(URI url, Duration timeout, Consumer<RunStatus> feedback) {
		this(Target.everyKind(url), Map.of(), timeout, feedback);
	}

	/**
	 * Create a publisher with a target per kind and extra request headers.
	 * @param targets where each kind of beat goes, every kind present
	 * @param headers extra request headers, sent with every beat
	 * @param timeout connect timeout, and the timeout of each request
	 * @param feedback receives the status a 2xx response asks for
	 */
	public HttpBeatPublisher(Map<BeatKind, Target> targets, Map<String, String> headers, Duration timeout,
			Consumer<RunStatus> feedback) {
		this.targets = new EnumMap<>(targets);
		for (BeatKind kind : BeatKind.values()) {
			Objects.requireNonNull(this.targets.get(kind), () -> "no target for " + kind);
		}
		this.headers = Map.copyOf(new LinkedHashMap<>(headers));
		this.timeout = Objects.requireNonNull(timeout, "timeout");
		this.feedback = Objects.requireNonNull(feedback, "feedback");
		this.client = HttpClient.newBuilder()
			.connectTimeout(timeout)
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	@Override
	public void publish(String subject, String process, String payload, BeatMetadata metadata) throws Exception {
		Beat beat = BeatCodec.parse(payload);
		Target target = this.targets.get(beat.kind());
		URI url = target.url().expand(process, beat);
		HttpRequest.Builder builder = HttpRequest.newBuilder(url).timeout(this.timeout);
		this.headers.forEach(builder::header);
		HttpRequest.BodyPublisher body = WITHOUT_BODY.contains(target.method())
				? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8);
		HttpRequest request = builder.header("Content-Type", "text/plain; charset=utf-8")
			.header(WireContract.HTTP_SUBJECT, subject)
			.header(WireContract.HTTP_PROCESS, process)
			.header(WireContract.HTTP_APP, metadata.app())
			.header(WireContract.HTTP_INSTANCE, metadata.instance())
			.header(WireContract.HTTP_SEQ, Long.toString(metadata.seq()))
			.header(WireContract.HTTP_STATUS, metadata.status().name())
			.header(WireContract.HTTP_HEALTH, metadata.health())
			.header(WireContract.HTTP_SENT_AT, metadata.sentAt().toString())
			.method(target.method(), body)
			.build();
		HttpResponse<InputStream> response = this.client.send(request, HttpResponse.BodyHandlers.ofInputStream());
		String answer;
		try (InputStream in = response.body()) {
			answer = new String(in.readNBytes(MAX_BODY_BYTES), StandardCharsets.UTF_8);
		}
		int code = response.statusCode();
		if (code < 200 || code > 299) {
			throw new IOException("HTTP " + code + " from " + target.url());
		}
		StatusFeedback.Answer feedback = StatusFeedback.read(answer);
		if (feedback.problem() != null) {
			this.feedbackRejected.increment();
			String message = "Heartbeat HTTP feedback from {} ignored: {}";
			if (this.warned.compareAndSet(false, true)) {
				logger.warn(message + " (logged at DEBUG from now on)", target.url(), feedback.problem());
			}
			else {
				logger.debug(message, target.url(), feedback.problem());
			}
		}
		else if (feedback.status() != null) {
			this.feedback.accept(feedback.status());
		}
	}

	/**
	 * The URL {@code beat} beats go to; placeholders filled in as for a process named
	 * {@code process} with a period of 5 seconds.
	 * @return the URL
	 */
	public URI url() {
		return URI.create(target(BeatKind.BEAT).url().sample());
	}

	/**
	 * Where one kind of beat goes.
	 * @param kind the kind
	 * @return the target
	 */
	public Target target(BeatKind kind) {
		return this.targets.get(kind);
	}

	/**
	 * How many 2xx answers were refused as feedback: bodies that look like JSON but are not, or
	 * whose {@code status} is not a string.
	 * @return the count
	 */
	public long feedbackRejected() {
		return this.feedbackRejected.sum();
	}

	@Override
	public String name() {
		return "http";
	}

	/**
	 * Where one kind of beat goes.
	 *
	 * @param method the HTTP method, one of {@link #METHODS}
	 * @param url the URL
	 */
	public record Target(String method, BeatUrl url) {

		/**
		 * Validating constructor.
		 * @param method the HTTP method, one of {@link #METHODS} (any case)
		 * @param url the URL
		 */
		public Target {
			method = Objects.requireNonNull(method, "method").strip().toUpperCase(Locale.ROOT);
			if (!METHODS.contains(method)) {
				throw new IllegalArgumentException("Unsupported method '" + method + "', expected one of " + METHODS);
			}
			Objects.requireNonNull(url, "url");
		}

		/**
		 * POST every kind to one URL.
		 * @param url the URL
		 * @return the targets
		 */
		public static Map<BeatKind, Target> everyKind(URI url) {
			Map<BeatKind, Target> targets = new EnumMap<>(BeatKind.class);
			Target target = new Target("POST", BeatUrl.parse(url.toString()));
			for (BeatKind kind : BeatKind.values()) {
				targets.put(kind, target);
			}
			return targets;
		}

	}

}
