package dev.heartbeat.boot.beat.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

import dev.heartbeat.core.publish.BeatMetadata;
import dev.heartbeat.core.publish.SyncBeatPublisher;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.wire.WireContract;

/**
 * POSTs each beat to a URL: the payload as a {@code text/plain} body, the metadata as
 * {@code Heartbeat-*} request headers ({@link WireContract}).
 * <p>
 * A 2xx response whose JSON body has {@code "status": "PAUSED"} or {@code "RUNNING"} is handed to
 * the feedback consumer (the receiver sets this process's run status); other 2xx bodies are
 * ignored; any other response fails the beat. At most {@value #MAX_BODY_BYTES} bytes of a
 * response are read.
 */
public final class HttpBeatPublisher implements SyncBeatPublisher {

	/**
	 * The source of status changes fed back by the HTTP receiver.
	 */
	public static final String SOURCE = "http-feedback";

	static final int MAX_BODY_BYTES = 64 * 1024;

	private final URI url;

	private final Duration timeout;

	private final Consumer<RunStatus> feedback;

	private final HttpClient client;

	/**
	 * Create a publisher.
	 * @param url where beats are POSTed
	 * @param timeout connect timeout, and the timeout of each request
	 * @param feedback receives the status a 2xx response asks for
	 */
	public HttpBeatPublisher(URI url, Duration timeout, Consumer<RunStatus> feedback) {
		this.url = Objects.requireNonNull(url, "url");
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
		HttpRequest request = HttpRequest.newBuilder(this.url)
			.timeout(this.timeout)
			.header("Content-Type", "text/plain; charset=utf-8")
			.header(WireContract.HTTP_SUBJECT, subject)
			.header(WireContract.HTTP_PROCESS, process)
			.header(WireContract.HTTP_APP, metadata.app())
			.header(WireContract.HTTP_INSTANCE, metadata.instance())
			.header(WireContract.HTTP_SEQ, Long.toString(metadata.seq()))
			.header(WireContract.HTTP_STATUS, metadata.status().name())
			.header(WireContract.HTTP_HEALTH, metadata.health())
			.header(WireContract.HTTP_SENT_AT, metadata.sentAt().toString())
			.POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
			.build();
		HttpResponse<InputStream> response = this.client.send(request, HttpResponse.BodyHandlers.ofInputStream());
		String body;
		try (InputStream in = response.body()) {
			body = new String(in.readNBytes(MAX_BODY_BYTES), StandardCharsets.UTF_8);
		}
		int code = response.statusCode();
		if (code < 200 || code > 299) {
			throw new IOException("HTTP " + code + " from " + this.url);
		}
		StatusFeedback.parse(body).ifPresent(this.feedback);
	}

	/**
	 * The URL beats go to.
	 * @return the URL
	 */
	public URI url() {
		return this.url;
	}

	@Override
	public String name() {
		return "http";
	}

}
