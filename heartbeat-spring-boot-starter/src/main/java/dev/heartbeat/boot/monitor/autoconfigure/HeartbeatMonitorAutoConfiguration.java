package dev.heartbeat.boot.monitor.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.mail.MailSender;

import dev.heartbeat.boot.beat.autoconfigure.HeartbeatProperties;
import dev.heartbeat.boot.monitor.kafka.BeatRecordDecoder;
import dev.heartbeat.boot.monitor.kafka.ControlSender;
import dev.heartbeat.boot.monitor.kafka.DeadLetterPublisher;
import dev.heartbeat.boot.monitor.kafka.HeartbeatConsumer;
import dev.heartbeat.boot.monitor.kafka.IngestStats;
import dev.heartbeat.boot.monitor.kafka.InvalidRecordLog;
import dev.heartbeat.boot.monitor.kafka.KafkaStateTopic;
import dev.heartbeat.boot.monitor.kafka.LazyProducer;
import dev.heartbeat.boot.monitor.kafka.RecordIngest;
import dev.heartbeat.boot.monitor.kafka.ReportedStateStore;
import dev.heartbeat.boot.monitor.kafka.TombstoneWriter;
import dev.heartbeat.boot.monitor.listener.DigestScheduler;
import dev.heartbeat.boot.monitor.listener.EventMatcher;
import dev.heartbeat.boot.monitor.listener.EventSink;
import dev.heartbeat.boot.monitor.listener.ListenerChannel;
import dev.heartbeat.boot.monitor.listener.ListenerChannels;
import dev.heartbeat.boot.monitor.listener.ListenerDispatcher;
import dev.heartbeat.boot.monitor.listener.ListenerResources;
import dev.heartbeat.boot.monitor.metrics.AppMetrics;
import dev.heartbeat.boot.monitor.metrics.MonitorMetrics;
import dev.heartbeat.boot.monitor.metrics.SightMetrics;
import dev.heartbeat.boot.monitor.notify.MailEventSink;
import dev.heartbeat.boot.monitor.notify.MailSinkFactory;
import dev.heartbeat.boot.monitor.notify.NoticeText;
import dev.heartbeat.boot.support.HeartbeatClockConfiguration;
import dev.heartbeat.boot.support.KafkaClientMetricsBinder;
import dev.heartbeat.boot.support.KafkaClientSettings;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.monitor.DeadlineEngineConfig;
import dev.heartbeat.core.monitor.DeadlineLoop;
import dev.heartbeat.core.time.HeartbeatClock;
import dev.heartbeat.core.wire.ControlSignature;

/**
 * Auto-configuration of the heartbeat monitor, on with {@code heartbeat.monitor.enabled=true}: a
 * consumer group on the heartbeat topic feeding core's deadline engine, a loop that fires its
 * deadlines, the configured listeners and the listener beans, and a sender of signed control
 * records. Mail listeners need Spring's mail support ({@code spring-boot-starter-mail}); without it
 * nothing of it is loaded.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class,
		afterName = "org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration")
@ConditionalOnClass({ KafkaConsumer.class, KafkaProperties.class })
@ConditionalOnBooleanProperty(HeartbeatMonitorProperties.PREFIX + ".enabled")
@EnableConfigurationProperties({ HeartbeatMonitorProperties.class, HeartbeatProperties.class, KafkaProperties.class,
		StatusBoardProperties.class })
@Import(HeartbeatClockConfiguration.class)
public final class HeartbeatMonitorAutoConfiguration {

	/**
	 * How long a control command waits for the broker.
	 */
	static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration SPRING_EVENT_TIMEOUT = Duration.ofSeconds(30);

	private final HeartbeatMonitorProperties properties;

	HeartbeatMonitorAutoConfiguration(HeartbeatMonitorProperties properties) {
		this.properties = properties;
	}

	@Bean
	@ConditionalOnMissingBean
	DeadlineEngine heartbeatDeadlineEngine(HeartbeatClock heartbeatClock) {
		return new DeadlineEngine(engineConfig(this.properties), heartbeatClock);
	}

	static DeadlineEngineConfig engineConfig(HeartbeatMonitorProperties properties) {
		DeadlineEngineConfig.Builder config = DeadlineEngineConfig.custom()
			.lateFactor(properties.getLateFactor())
			.reportByBuffer(properties.getReportByBuffer())
			.holdTime(properties.getHoldTime())
			.reminderInterval(properties.getReminderInterval())
			.maxDuration(properties.getMaxDuration())
			.minInstances(properties.getAppsDefault().getMinInstances())
			.forgetStoppedAfter(properties.getForgetStoppedAfter())
			.forgetDeadAfter(properties.getForgetDeadAfter())
			.blindAfter(properties.getBlindAfter())
			.schedules(ScheduleProperties.lookup(properties.getSchedules()));
		properties.getApps().forEach((app, settings) -> {
			if (settings.getMinInstances() != null) {
				config.minInstances(app, settings.getMinInstances());
			}
		});
		return config.build();
	}

	@Bean
	@ConditionalOnMissingBean
	DeadlineLoop heartbeatDeadlineLoop(DeadlineEngine heartbeatDeadlineEngine) {
		return new DeadlineLoop(heartbeatDeadlineEngine);
	}

	@Bean
	@ConditionalOnMissingBean
	KafkaClientSettings heartbeatMonitorKafkaClients(KafkaProperties kafkaProperties,
			ObjectProvider<KafkaConnectionDetails> connectionDetails) {
		return new KafkaClientSettings(kafkaProperties, connectionDetails.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	IngestStats heartbeatIngestStats() {
		return new IngestStats();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(HeartbeatMonitorProperties.PREFIX + ".dead-letter-topic")
	DeadLetterPublisher heartbeatDeadLetterPublisher(KafkaClientSettings heartbeatMonitorKafkaClients,
			ObjectProvider<KafkaClientMetricsBinder> metrics) {
		Map<String, Object> config = heartbeatMonitorKafkaClients.producer("heartbeat-dead-letters",
				Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000));
		KafkaClientMetricsBinder binder = metrics(metrics);
		return new DeadLetterPublisher(this.properties.getDeadLetterTopic(),
				new LazyProducer<>(() -> binder.producer("heartbeatDeadLetterPublisher",
						new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()))),
				DeadLetterPublisher.DEFAULT_CAPACITY);
	}

	@Bean
	@ConditionalOnMissingBean
	RecordIngest heartbeatRecordIngest(DeadlineEngine heartbeatDeadlineEngine, IngestStats heartbeatIngestStats,
			HeartbeatClock heartbeatClock, ObjectProvider<DeadLetterPublisher> deadLetters) {
		return new RecordIngest(heartbeatDeadlineEngine, new BeatRecordDecoder(this.properties.getMaxDuration()),
				heartbeatIngestStats, new InvalidRecordLog(heartbeatClock, InvalidRecordLog.DEFAULT_INTERVAL),
				deadLetters.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	TombstoneWriter heartbeatTombstoneWriter(KafkaClientSettings heartbeatMonitorKafkaClients,
			HeartbeatProperties heartbeat, DeadlineEngine heartbeatDeadlineEngine) {
		Map<String, Object> config = heartbeatMonitorKafkaClients.producer("heartbeat-tombstones",
				Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000));
		TombstoneWriter writer = new TombstoneWriter(heartbeat.getKafka().getTopic(),
				LazyProducer.of(config, new StringSerializer(), new StringSerializer()), heartbeatDeadlineEngine);
		heartbeatDeadlineEngine.addListener(writer);
		return writer;
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = HeartbeatMonitorProperties.PREFIX + ".state.enabled", matchIfMissing = true)
	ReportedStateStore heartbeatReportedStateStore(KafkaClientSettings heartbeatMonitorKafkaClients,
			HeartbeatProperties heartbeat, DeadlineEngine heartbeatDeadlineEngine,
			ListenerDispatcher heartbeatListenerDispatcher, HeartbeatClock heartbeatClock) {
		ReportedStateProperties state = this.properties.getState();
		Map<String, Object> readerConfig = heartbeatMonitorKafkaClients.consumer("heartbeat-monitor-state",
				Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
						"earliest", ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false));
		// read by assignment: no group
		readerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
		readerConfig.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
		Map<String, Object> writerConfig = heartbeatMonitorKafkaClients.producer("heartbeat-monitor-state",
				Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0,
						ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
						ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000));
		KafkaStateTopic stateTopic = new KafkaStateTopic(
				() -> Admin.create(heartbeatMonitorKafkaClients.topicAdmin("monitor-state", CONTROL_TIMEOUT)),
				state.isCreateTopic(), (short) heartbeat.getKafka().getReplicas(), CONTROL_TIMEOUT);
		ReportedStateStore store = new ReportedStateStore(state.getTopic(), this.properties.getGroupId(),
				heartbeatDeadlineEngine, stateTopic,
				() -> new KafkaConsumer<>(readerConfig, new StringDeserializer(), new StringDeserializer()),
				LazyProducer.of(writerConfig, new StringSerializer(), new StringSerializer()), heartbeatClock);
		heartbeatDeadlineEngine.addListener(store);
		heartbeatListenerDispatcher.deliveries(store);
		return store;
	}

	@Bean
	@ConditionalOnMissingBean
	HeartbeatConsumer heartbeatConsumer(KafkaClientSettings heartbeatMonitorKafkaClients,
			HeartbeatProperties heartbeat, RecordIngest heartbeatRecordIngest, DeadlineEngine heartbeatDeadlineEngine,
			DeadlineLoop heartbeatDeadlineLoop, HeartbeatClock heartbeatClock,
			ObjectProvider<KafkaClientMetricsBinder> metrics, ObjectProvider<TombstoneWriter> tombstones,
			ObjectProvider<ReportedStateStore> store, Environment environment) {
		Map<String, Object> overrides = new HashMap<>();
		overrides.put(ConsumerConfig.GROUP_ID_CONFIG, this.properties.getGroupId());
		overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		overrides.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		Map<String, Object> config = heartbeatMonitorKafkaClients.consumer("heartbeat-monitor", overrides);
		if (!"consumer".equalsIgnoreCase(String.valueOf(config.get(ConsumerConfig.GROUP_PROTOCOL_CONFIG)))) {
			// keep unchanged partitions through a rebalance rather than rebuilding them
			config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
		}
		MembershipSettings.apply(config, this.properties.getMembership(), environment);
		KafkaClientMetricsBinder binder = metrics(metrics);
		return new HeartbeatConsumer(
				() -> binder.consumer("heartbeatConsumer",
						new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())),
				heartbeat.getKafka().getTopic(), heartbeatRecordIngest, heartbeatDeadlineEngine,
				heartbeatDeadlineLoop::wakeUp, heartbeatClock, tombstones.getIfAvailable(), store.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	ListenerDispatcher heartbeatListenerDispatcher(KafkaClientSettings heartbeatMonitorKafkaClients,
			ApplicationEventPublisher applicationEventPublisher, DeadlineEngine heartbeatDeadlineEngine,
			HeartbeatClock heartbeatClock, StatusBoardProperties board,
			ObjectProvider<Map<String, EventSink>> listenerBeans, ObjectProvider<MailSinkFactory> mailSinks,
			ObjectProvider<KafkaClientMetricsBinder> metrics) {
		Map<String, ListenerProperties> listeners = this.properties.getListeners();
		Duration longestTimeout = listeners.values()
			.stream()
			.map(ListenerProperties::getTimeout)
			.max(Duration::compareTo)
			.orElse(Duration.ofSeconds(5));
		Map<String, Object> config = heartbeatMonitorKafkaClients.producer("heartbeat-listeners",
				Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, longestTimeout.toMillis())));
		KafkaClientMetricsBinder binder = metrics(metrics);
		LazyProducer<String, String> producer = new LazyProducer<>(() -> binder.producer("heartbeatListenerDispatcher",
				new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())));
		List<ListenerChannel> channels = new ArrayList<>();
		channels.add(new ListenerChannel(ApplicationEventSink.NAME, EventMatcher.all(),
				new ApplicationEventSink(applicationEventPublisher, heartbeatDeadlineEngine),
				ListenerChannel.Config.once(SPRING_EVENT_TIMEOUT)));
		DigestScheduler digests = new DigestScheduler(heartbeatClock);
		ListenerResources resources = new ListenerResources(() -> ListenerChannels.httpClient(Duration.ofSeconds(5)),
				producer, mailSinks.getIfAvailable(), new NoticeText(board.getUrl()), digests);
		channels.addAll(ListenerChannels.create(listeners, listenerBeans.getIfAvailable(Map::of), resources));
		return new ListenerDispatcher(channels, List.of(producer, digests));
	}

	@Bean
	@ConditionalOnMissingBean
	ControlSender heartbeatControlSender(KafkaClientSettings heartbeatMonitorKafkaClients,
			HeartbeatProperties heartbeat, HeartbeatClock heartbeatClock,
			ObjectProvider<KafkaClientMetricsBinder> metrics) {
		// validated when bound, with the beating side's properties
		String secret = heartbeat.getControl().getSecret();
		ControlSignature signature = (secret != null) ? new ControlSignature(secret) : null;
		Map<String, Object> config = heartbeatMonitorKafkaClients.producer("heartbeat-control",
				Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) CONTROL_TIMEOUT.toMillis()));
		KafkaClientMetricsBinder binder = metrics(metrics);
		return new ControlSender(new LazyProducer<>(() -> binder.producer("heartbeatControlSender",
				new KafkaProducer<>(config, new StringSerializer(), new StringSerializer()))),
				heartbeat.getControl().getTopic(), signature, heartbeatClock, CONTROL_TIMEOUT);
	}

	@Bean
	HeartbeatMonitorLifecycle heartbeatMonitorLifecycle(DeadlineEngine heartbeatDeadlineEngine,
			ListenerDispatcher heartbeatListenerDispatcher, DeadlineLoop heartbeatDeadlineLoop,
			HeartbeatConsumer heartbeatConsumer) {
		return new HeartbeatMonitorLifecycle(heartbeatDeadlineEngine, heartbeatListenerDispatcher,
				heartbeatDeadlineLoop, heartbeatConsumer);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MailSender.class)
	static class MailListenerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(MailSender.class)
		MailSinkFactory heartbeatMailSinks(MailSender mailSender) {
			return (from, to, subject, body, text) -> new MailEventSink(mailSender, from, to, subject, body, text);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MonitorMetrics heartbeatMonitorMetrics(DeadlineEngine heartbeatDeadlineEngine,
				IngestStats heartbeatIngestStats, ListenerDispatcher heartbeatListenerDispatcher,
				ObjectProvider<DeadLetterPublisher> deadLetters, HeartbeatClock heartbeatClock) {
			return new MonitorMetrics(heartbeatDeadlineEngine, heartbeatIngestStats,
					heartbeatListenerDispatcher, deadLetters.getIfAvailable(), heartbeatClock);
		}

		@Bean
		@ConditionalOnMissingBean
		AppMetrics heartbeatAppMetrics(DeadlineEngine heartbeatDeadlineEngine, IngestStats heartbeatIngestStats,
				ObjectProvider<TombstoneWriter> tombstones) {
			return new AppMetrics(heartbeatDeadlineEngine, heartbeatIngestStats, tombstones.getIfAvailable());
		}

		@Bean
		@ConditionalOnMissingBean
		SightMetrics heartbeatSightMetrics(DeadlineEngine heartbeatDeadlineEngine, HeartbeatConsumer heartbeatConsumer,
				HeartbeatClock heartbeatClock) {
			return new SightMetrics(heartbeatDeadlineEngine, heartbeatConsumer, heartbeatClock);
		}

	}

	private static KafkaClientMetricsBinder metrics(ObjectProvider<KafkaClientMetricsBinder> metrics) {
		return metrics.getIfAvailable(() -> KafkaClientMetricsBinder.NONE);
	}

}
