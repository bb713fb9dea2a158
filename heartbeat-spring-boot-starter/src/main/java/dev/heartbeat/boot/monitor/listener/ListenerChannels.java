package dev.heartbeat.boot.monitor.listener;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.Producer;

import dev.heartbeat.boot.monitor.autoconfigure.HeartbeatMonitorProperties.Listener;

/**
 * Builds the channels of the configured listeners.
 */
public final class ListenerChannels {

	/**
	 * The JSON document sent when an http listener sets no body or a kafka listener no value.
	 */
	public static final String DEFAULT_JSON = "{\"event\":\"{event}\",\"process\":\"{process}\",\"app\":\"{app}\","
			+ "\"state\":\"{state}\",\"previous\":\"{previous}\",\"at\":\"{at}\",\"lastBeatAt\":\"{lastBeatAt}\","
			+ "\"period\":\"{period}\",\"instance\":\"{instance}\",\"partitions\":\"{partitions}\","
			+ "\"since\":\"{since}\",\"held\":\"{held}\"}";

	/**
	 * The record key when a kafka listener sets none.
	 */
	public static final String DEFAULT_KEY = "{process}";

	private ListenerChannels() {
	}

	/**
	 * One channel per configured listener, in order.
	 * @param listeners the listener settings, validated when they were bound
	 * @param httpClient the HTTP client, asked for only if there is an http listener
	 * @param kafkaProducer the Kafka producer, asked for only when a kafka listener sends
	 * @return the channels
	 */
	public static List<ListenerChannel> create(List<Listener> listeners, Supplier<HttpClient> httpClient,
			Supplier<? extends Producer<String, String>> kafkaProducer) {
		List<ListenerChannel> channels = new ArrayList<>(listeners.size());
		for (int i = 0; i < listeners.size(); i++) {
			Listener listener = listeners.get(i);
			EventSink sink = switch (listener.getKind()) {
				case LOG -> new LogEventSink(EventTemplate.parse(orDefault(listener.getBody(), LogEventSink.DEFAULT_MESSAGE)));
				case HTTP -> httpSink(listener, httpClient.get());
				case KAFKA -> new KafkaEventSink(kafkaProducer, listener.getTopic(),
						EventTemplate.parse(orDefault(listener.getKey(), DEFAULT_KEY)),
						EventTemplate.parse(orDefault(listener.getValue(), DEFAULT_JSON)));
			};
			channels.add(new ListenerChannel(listener.nameOrDefault(i),
					EventMatcher.of(listener.getEvent(), listener.getEventRegex()), sink,
					new ListenerChannel.Config(listener.getTimeout(), listener.getRetries(), listener.getBackoff(),
							ListenerChannel.DEFAULT_CAPACITY)));
		}
		return channels;
	}

	private static EventSink httpSink(Listener listener, HttpClient client) {
		return new HttpEventSink(client, URI.create(listener.getUrl().strip()), listener.getMethod(),
				listener.getHeaders(), EventTemplate.parse(orDefault(listener.getBody(), DEFAULT_JSON)));
	}

	private static String orDefault(String value, String fallback) {
		return (value != null) ? value : fallback;
	}

	/**
	 * The HTTP client the http listeners share: HTTP/1.1, a connect timeout, no redirects.
	 * @param connectTimeout the connect timeout
	 * @return a new client
	 */
	public static HttpClient httpClient(Duration connectTimeout) {
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

}
