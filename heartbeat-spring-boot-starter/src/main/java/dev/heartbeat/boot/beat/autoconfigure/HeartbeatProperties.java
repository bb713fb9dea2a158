package dev.heartbeat.boot.beat.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import dev.heartbeat.core.heart.HeartConfig;
import dev.heartbeat.core.schedule.SchedulerConfig;
import dev.heartbeat.core.wire.WireContract;

/**
 * Configuration properties of the heartbeat starter, under {@code heartbeat}.
 * <p>
 * The scheduler starts when the application is ready: it sends {@code start/<warmup>} and the
 * first beat at once (warm-up is already over by then), then one every period.
 * <p>
 * The properties validate themselves when they are bound ({@link HeartbeatPropertiesValidator}),
 * so a bad value fails start-up with a message that names the property and the value. The topics
 * and the control secret are shared with the monitor and checked even when this application does
 * not beat.
 */
@ConfigurationProperties("heartbeat")
public class HeartbeatProperties implements Validator {

	/**
	 * Whether this application beats.
	 */
	private boolean enabled = true;

	/**
	 * Process id the beats are sent under (subject heartbeat.<process>). Defaults to
	 * spring.application.name plus the instance id, so replicas never collide.
	 */
	private @Nullable String process;

	/**
	 * Id of this instance, sent with every beat; defaults to HOSTNAME (a pod's name) if valid, else random.
	 */
	private @Nullable String instance;

	/**
	 * Time between beats, sent as the period of every beat.
	 */
	private Duration period = SchedulerConfig.DEFAULT_PERIOD;

	/**
	 * Warm-up announced by the start beat: the receiver expects the first beat within it.
	 */
	private Duration warmup = SchedulerConfig.DEFAULT_WARMUP;

	/**
	 * How many periods a beat is worth sending: period × buffer is the Kafka producer's delivery
	 * timeout and the window in which the heartbeat health contributor tolerates publishers that
	 * deliver nothing. The monitor decides when a process is dead by its own
	 * heartbeat.monitor.report-by-buffer; keep the two alike.
	 */
	private double reportByBuffer = 3.0;

	/**
	 * A repeat of the same beat (kind and period) within this interval is not published.
	 */
	private Duration minInterval = HeartConfig.DEFAULT_MIN_INTERVAL;

	/**
	 * How long one publisher may take for one beat before it counts as timed out.
	 */
	private Duration publisherTimeout = SchedulerConfig.DEFAULT_PUBLISHER_TIMEOUT;

	/**
	 * How long shutdown waits for the stop beat and other in-flight beats.
	 */
	private Duration shutdownGrace = SchedulerConfig.DEFAULT_SHUTDOWN_GRACE;

	/**
	 * Whether a pause takes the application out of traffic (readiness REFUSING_TRAFFIC).
	 */
	private boolean pauseRefusesTraffic = true;

	private final Health health = new Health();

	private final Kafka kafka = new Kafka();

	@NestedConfigurationProperty
	private final HeartbeatHttpProperties http = new HeartbeatHttpProperties();

	@NestedConfigurationProperty
	private final HeartbeatLogProperties log = new HeartbeatLogProperties();

	private final Control control = new Control();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getProcess() {
		return this.process;
	}

	public void setProcess(@Nullable String process) {
		this.process = process;
	}

	public @Nullable String getInstance() {
		return this.instance;
	}

	public void setInstance(@Nullable String instance) {
		this.instance = instance;
	}

	public Duration getPeriod() {
		return this.period;
	}

	public void setPeriod(Duration period) {
		this.period = period;
	}

	public Duration getWarmup() {
		return this.warmup;
	}

	public void setWarmup(Duration warmup) {
		this.warmup = warmup;
	}

	public double getReportByBuffer() {
		return this.reportByBuffer;
	}

	public void setReportByBuffer(double reportByBuffer) {
		this.reportByBuffer = reportByBuffer;
	}

	public Duration getMinInterval() {
		return this.minInterval;
	}

	public void setMinInterval(Duration minInterval) {
		this.minInterval = minInterval;
	}

	public Duration getPublisherTimeout() {
		return this.publisherTimeout;
	}

	public void setPublisherTimeout(Duration publisherTimeout) {
		this.publisherTimeout = publisherTimeout;
	}

	public Duration getShutdownGrace() {
		return this.shutdownGrace;
	}

	public void setShutdownGrace(Duration shutdownGrace) {
		this.shutdownGrace = shutdownGrace;
	}

	public boolean isPauseRefusesTraffic() {
		return this.pauseRefusesTraffic;
	}

	public void setPauseRefusesTraffic(boolean pauseRefusesTraffic) {
		this.pauseRefusesTraffic = pauseRefusesTraffic;
	}

	public Health getHealth() {
		return this.health;
	}

	public Kafka getKafka() {
		return this.kafka;
	}

	public HeartbeatHttpProperties getHttp() {
		return this.http;
	}

	public HeartbeatLogProperties getLog() {
		return this.log;
	}

	public Control getControl() {
		return this.control;
	}

	@Override
	public boolean supports(Class<?> type) {
		return HeartbeatProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		HeartbeatPropertiesValidator.validate((HeartbeatProperties) target, errors);
	}

	/**
	 * What to send when health is DOWN (or mapped to {@link HealthAction}).
	 */
	public enum HealthAction {

		/**
		 * Send beat/<period>.
		 */
		BEAT,

		/**
		 * Send degraded/<period>.
		 */
		DEGRADED,

		/**
		 * Send nothing, so the receiver notices the silence.
		 */
		SILENT

	}

	/**
	 * How actuator health drives the beats.
	 */
	public static class Health {

		/**
		 * Health group whose status drives the beats; the root health when not set.
		 */
		private @Nullable String group;

		/**
		 * How long one health evaluation may take; past it the beat is degraded and counted.
		 * Must be shorter than the period; defaults to 2s, or half the period when that is
		 * shorter.
		 */
		private Duration timeout;

		/**
		 * What to send while health is DOWN: degraded (default) or silent.
		 */
		private HealthAction down = HealthAction.DEGRADED;

		/**
		 * Beat kind per health status code, e.g. DEGRADED: degraded, MAINTENANCE: silent.
		 * UP maps to beat and OUT_OF_SERVICE to degraded unless overridden; unmapped codes send
		 * degraded.
		 */
		private Map<String, HealthAction> mapping = new LinkedHashMap<>();

		/**
		 * Health contributors left out of the health that drives beats, besides the starter's own
		 * heartbeat contributor (always left out). readinessState is left out by default because
		 * a pause takes readiness down on purpose and must not turn beats degraded.
		 */
		private List<String> exclude = new ArrayList<>(List.of("readinessState"));

		public @Nullable String getGroup() {
			return this.group;
		}

		public void setGroup(@Nullable String group) {
			this.group = group;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public HealthAction getDown() {
			return this.down;
		}

		public void setDown(HealthAction down) {
			this.down = down;
		}

		public Map<String, HealthAction> getMapping() {
			return this.mapping;
		}

		public void setMapping(Map<String, HealthAction> mapping) {
			this.mapping = mapping;
		}

		public List<String> getExclude() {
			return this.exclude;
		}

		public void setExclude(List<String> exclude) {
			this.exclude = exclude;
		}

	}

	/**
	 * The Kafka publisher. Connection settings (bootstrap servers, security) come from spring.kafka.
	 */
	public static class Kafka {

		/**
		 * Whether to publish beats to Kafka when spring-kafka is on the classpath.
		 */
		private boolean enabled = true;

		/**
		 * Topic the beats are published to.
		 */
		private String topic = WireContract.DEFAULT_TOPIC;

		/**
		 * Partitions of the heartbeat topic when the starter creates it; monitors of one group
		 * split them.
		 */
		private int partitions = 6;

		/**
		 * Replication factor of the heartbeat topic when the starter creates it; -1 for the
		 * broker's default.
		 */
		private short replicas = -1;

		/**
		 * Whether to declare the heartbeat topic (log-compacted); it is created in the background,
		 * retried until the broker answers, so start-up never waits for the broker.
		 */
		private boolean createTopic = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getTopic() {
			return this.topic;
		}

		public void setTopic(String topic) {
			this.topic = topic;
		}

		public int getPartitions() {
			return this.partitions;
		}

		public void setPartitions(int partitions) {
			this.partitions = partitions;
		}

		public short getReplicas() {
			return this.replicas;
		}

		public void setReplicas(short replicas) {
			this.replicas = replicas;
		}

		public boolean isCreateTopic() {
			return this.createTopic;
		}

		public void setCreateTopic(boolean createTopic) {
			this.createTopic = createTopic;
		}

	}

	/**
	 * Pause and resume through the control topic.
	 */
	public static class Control {

		/**
		 * Whether to listen for pause and resume on the control topic.
		 */
		private boolean enabled = true;

		/**
		 * Control topic.
		 */
		private String topic = WireContract.DEFAULT_CONTROL_TOPIC;

		/**
		 * Shared secret (at least 32 bytes) that control records must be signed with; without
		 * it control is unauthenticated and a warning is logged at start-up.
		 */
		private @Nullable String secret;

		/**
		 * How old (or how far ahead of this clock) a signed control record may be.
		 */
		private Duration maxAge = Duration.ofMinutes(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getTopic() {
			return this.topic;
		}

		public void setTopic(String topic) {
			this.topic = topic;
		}

		public @Nullable String getSecret() {
			return this.secret;
		}

		public void setSecret(@Nullable String secret) {
			this.secret = secret;
		}

		public Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(Duration maxAge) {
			this.maxAge = maxAge;
		}

	}

}
