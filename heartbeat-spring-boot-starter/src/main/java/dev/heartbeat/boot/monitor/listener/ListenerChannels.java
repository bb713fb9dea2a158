package dev.heartbeat.boot.monitor.listener;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import dev.heartbeat.boot.monitor.autoconfigure.HeartbeatMonitorProperties;
import dev.heartbeat.boot.monitor.autoconfigure.ListenerProperties;
import dev.heartbeat.boot.monitor.notify.OpsgenieEventSink;
import dev.heartbeat.boot.monitor.notify.PagerDutyEventSink;
import dev.heartbeat.boot.monitor.notify.SlackEventSink;
import dev.heartbeat.boot.monitor.notify.TeamsEventSink;

/**
 * Builds the channels of the listeners: one per configured listener, in the order of the
 * configuration, then one per listener bean that has no entry. An entry without a kind sets the
 * routing and delivery of the bean of its name (matched exactly, or ignoring case, dashes and
 * underscores, as environment variables write it).
 */
public final class ListenerChannels {

	/**
	 * The JSON document sent when an http listener sets no body or a kafka listener no value.
	 */
	public static final String DEFAULT_JSON = "{\"event\":\"{event}\",\"process\":\"{process}\",\"app\":\"{app}\","
			+ "\"state\":\"{state}\",\"previous\":\"{previous}\",\"at\":\"{at}\",\"lastBeatAt\":\"{lastBeatAt}\","
			+ "\"period\":\"{period}\",\"instance\":\"{instance}\",\"live\":\"{live}\",\"instances\":\"{instances}\","
			+ "\"minInstances\":\"{minInstances}\",\"partitions\":\"{partitions}\",\"since\":\"{since}\",\"held\":\"{held}\"}";

	/**
	 * The record key when a kafka listener sets none.
	 */
	public static final String DEFAULT_KEY = "{process}";

	private static final String PREFIX = HeartbeatMonitorProperties.PREFIX + ".listeners.";

	private ListenerChannels() {
	}

	/**
	 * One channel per listener.
	 * @param listeners the listener settings by name, validated when they were bound
	 * @param beans the listener beans by bean name
	 * @param resources what the sinks are made with
	 * @return the channels
	 * @throws InvalidConfigurationPropertyValueException if an entry without a kind names no
	 * bean, an entry with a kind has a bean's name, or a mail listener has no mail sender
	 */
	public static List<ListenerChannel> create(Map<String, ListenerProperties> listeners, Map<String, EventSink> beans,
			ListenerResources resources) {
		Map<String, EventSink> unclaimed = new LinkedHashMap<>(beans);
		List<ListenerChannel> channels = new ArrayList<>(listeners.size() + beans.size());
		listeners.forEach((name, listener) -> {
			Optional<String> bean = beanName(name, unclaimed);
			if (listener.getKind() == null) {
				String beanName = bean.orElseThrow(() -> new InvalidConfigurationPropertyValueException(
						PREFIX + name + ".kind", null, "It must be set (log, http, kafka, slack, teams, pagerduty, "
								+ "opsgenie or mail) unless a listener bean (an EventSink) is named '" + name + "'"));
				channels.add(channel(name, listener, new BeanEventSink(beanName, unclaimed.remove(beanName)), resources));
			}
			else if (bean.isPresent()) {
				throw new InvalidConfigurationPropertyValueException(PREFIX + name + ".kind", listener.getKind(),
						"It must not be set: the listener bean '" + bean.get() + "' has this name, and a listener "
								+ "name must be unique. Rename the bean or the listener, or drop kind to configure the bean");
			}
			else {
				channels.add(channel(name, listener, sink(name, listener, resources), resources));
			}
		});
		unclaimed.forEach((name, bean) -> channels
			.add(channel(name, new ListenerProperties(), new BeanEventSink(name, bean), resources)));
		return channels;
	}

	private static Optional<String> beanName(String name, Map<String, EventSink> beans) {
		if (beans.containsKey(name)) {
			return Optional.of(name);
		}
		String relaxed = relaxed(name);
		return beans.keySet().stream().filter((bean) -> relaxed(bean).equals(relaxed)).findFirst();
	}

	private static String relaxed(String name) {
		return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
	}

	private static ListenerChannel channel(String name, ListenerProperties listener, EventSink sink,
			ListenerResources resources) {
		Duration digest = (listener.getDigest() != null) ? listener.getDigest() : Duration.ZERO;
		return new ListenerChannel(name, EventMatcher.of(listener.getEvent(), listener.getEventRegex()), sink,
				new ListenerChannel.Config(listener.getTimeout(), listener.getRetries(), listener.getBackoff(),
						listener.getQueueCapacity(), digest),
				digest.isZero() ? null : resources.digests());
	}

	private static EventSink sink(String name, ListenerProperties listener, ListenerResources resources) {
		return switch (listener.getKind()) {
			case LOG -> new LogEventSink(EventTemplate.parse(orDefault(listener.getBody(), LogEventSink.DEFAULT_MESSAGE)),
					EventTemplate.parse(orDefault(listener.getBody(), LogEventSink.DEFAULT_APP_MESSAGE)),
					EventTemplate.parse(orDefault(listener.getBody(), LogEventSink.DEFAULT_SIGHT_MESSAGE)));
			case HTTP -> new HttpEventSink(resources.httpClient().get(), URI.create(listener.getUrl().strip()),
					listener.getMethod(), listener.getHeaders(),
					EventTemplate.parse(orDefault(listener.getBody(), DEFAULT_JSON)));
			case KAFKA -> new KafkaEventSink(resources.kafkaProducer(), listener.getTopic(),
					EventTemplate.parse(orDefault(listener.getKey(), DEFAULT_KEY)),
					EventTemplate.parse(orDefault(listener.getValue(), DEFAULT_JSON)));
			case SLACK -> new SlackEventSink(resources.httpClient().get(), url(listener, null), resources.text());
			case TEAMS -> new TeamsEventSink(resources.httpClient().get(), url(listener, null), resources.text());
			case PAGERDUTY -> new PagerDutyEventSink(resources.httpClient().get(),
					url(listener, PagerDutyEventSink.ENDPOINT), listener.getRoutingKey().strip(), listener.getSeverity(),
					resources.text());
			case OPSGENIE -> new OpsgenieEventSink(resources.httpClient().get(),
					url(listener, OpsgenieEventSink.ENDPOINT), listener.getApiKey().strip(), listener.getPriority(),
					resources.text());
			case MAIL -> mail(name, listener, resources);
		};
	}

	private static EventSink mail(String name, ListenerProperties listener, ListenerResources resources) {
		if (resources.mail() == null) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + name + ".kind", "mail",
					"A mail listener needs a mail sender: add spring-boot-starter-mail and set spring.mail.host");
		}
		return resources.mail().create(listener.getFrom().strip(), listener.getTo(),
				(listener.getSubject() != null) ? EventTemplate.parse(listener.getSubject()) : null,
				(listener.getBody() != null) ? EventTemplate.parse(listener.getBody()) : null, resources.text());
	}

	private static URI url(ListenerProperties listener, URI fallback) {
		return (listener.getUrl() != null) ? URI.create(listener.getUrl().strip()) : fallback;
	}

	private static String orDefault(@Nullable String value, String fallback) {
		return (value != null) ? value : fallback;
	}

	/**
	 * The HTTP client the listeners share: HTTP/1.1, a connect timeout, no redirects.
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
