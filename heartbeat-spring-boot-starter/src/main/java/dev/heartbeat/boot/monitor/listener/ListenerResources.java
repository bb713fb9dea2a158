package dev.heartbeat.boot.monitor.listener;

import java.net.http.HttpClient;
import java.util.Objects;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.Producer;

import dev.heartbeat.boot.monitor.notify.MailSinkFactory;
import dev.heartbeat.boot.monitor.notify.NoticeText;
import dev.heartbeat.core.time.DelayScheduler;

/**
 * What the listeners' sinks are made with. Each supplier is asked only when a listener needs it.
 *
 * @param httpClient the HTTP client of the http, slack, teams, pagerduty and opsgenie listeners
 * @param kafkaProducer the producer of the kafka listeners, created on first use
 * @param mail the maker of mail sinks, {@code null} without Spring's mail support
 * @param text the wording of the notifications
 * @param digests what closes the digest windows
 */
public record ListenerResources(Supplier<HttpClient> httpClient,
		Supplier<? extends Producer<String, String>> kafkaProducer, MailSinkFactory mail, NoticeText text,
		DelayScheduler digests) {

	/**
	 * Resources.
	 */
	public ListenerResources {
		Objects.requireNonNull(httpClient, "httpClient");
		Objects.requireNonNull(kafkaProducer, "kafkaProducer");
		Objects.requireNonNull(text, "text");
		Objects.requireNonNull(digests, "digests");
	}

}
