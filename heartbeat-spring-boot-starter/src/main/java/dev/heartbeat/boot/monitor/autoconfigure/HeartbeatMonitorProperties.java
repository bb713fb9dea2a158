package dev.heartbeat.boot.monitor.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import dev.heartbeat.core.monitor.DeadlineEngineConfig;

/**
 * Configuration properties of the heartbeat monitor, under {@code heartbeat.monitor}. The topics
 * and the control secret are shared with the beating side and read from {@code heartbeat.kafka.topic},
 * {@code heartbeat.control.topic} and {@code heartbeat.control.secret}.
 * <p>
 * The properties validate themselves when they are bound ({@link HeartbeatMonitorPropertiesValidator}),
 * so a bad value fails start-up with a message that names the property and the value.
 */
@ConfigurationProperties(HeartbeatMonitorProperties.PREFIX)
public class HeartbeatMonitorProperties implements Validator {

	/**
	 * The prefix of the monitor's properties.
	 */
	public static final String PREFIX = "heartbeat.monitor";

	/**
	 * Whether this application monitors the beats of others.
	 */
	private boolean enabled = false;

	/**
	 * Kafka consumer group of the monitor; monitors of one group split the partitions of the
	 * heartbeat topic.
	 */
	private String groupId = "heartbeat-monitor";

	/**
	 * How many periods after its last beat a silent process is reported LATE; less than
	 * report-by-buffer. Defaults to 1.5, or halfway between 1 and report-by-buffer when that is
	 * less.
	 */
	private Double lateFactor;

	/**
	 * How many periods after its last beat a silent process is reported DEAD (after a start
	 * beat: how many warm-ups); more than 1.
	 */
	private double reportByBuffer = 3;

	/**
	 * How long a new state must last before its event fires, against flapping; 0 fires at once.
	 * DEAD and STOPPED always fire at once.
	 */
	private Duration holdTime = Duration.ZERO;

	/**
	 * How often a process that stays DEAD is reported again; 0 sends no reminders.
	 */
	private Duration reminderInterval = Duration.ZERO;

	/**
	 * The longest period or warm-up accepted; a beat announcing more is counted as invalid.
	 */
	private Duration maxDuration = Duration.ofHours(24);

	/**
	 * Topic that invalid heartbeat records are copied to (original key, value and headers plus a
	 * heartbeat-error header); none when not set.
	 */
	private @Nullable String deadLetterTopic;

	/**
	 * Where state changes are sent, by listener name: each listener has a kind (log, http, kafka,
	 * slack, teams, pagerduty, opsgenie, mail), an optional match on the event name
	 * heartbeat.<process>.<state>, and kind-specific settings. An entry without a kind sets the
	 * routing and delivery of the listener bean of that name.
	 */
	private Map<String, ListenerProperties> listeners = new LinkedHashMap<>();

	/**
	 * Settings of single apps, by app name (the heartbeat-app header): e.g.
	 * heartbeat.monitor.apps.orders.min-instances=3; a name with dots or capitals goes in
	 * brackets, heartbeat.monitor.apps[Order.Service].min-instances.
	 */
	private Map<String, MonitorAppProperties> apps = new LinkedHashMap<>();

	/**
	 * Settings of every app that has none of its own under heartbeat.monitor.apps.
	 */
	@NestedConfigurationProperty
	private MonitorAppDefaults appsDefault = new MonitorAppDefaults();

	/**
	 * How long after its stop a STOPPED process is forgotten (no event; its tombstone is
	 * written); 0 keeps it forever.
	 */
	private Duration forgetStoppedAfter = Duration.ofMinutes(15);

	/**
	 * How long after its dead deadline a DEAD process is forgotten (no event; its tombstone is
	 * written); 0 keeps it forever.
	 */
	private Duration forgetDeadAfter = Duration.ofHours(24);

	/**
	 * How long a partition may go unseen (the broker unreachable, fetches failing, the consumer
	 * behind) before the monitor counts itself blind for it: it tells monitor.blind and its
	 * heartbeatMonitor health goes DOWN. A verdict waits for its partition to be seen up to its
	 * time either way.
	 */
	private Duration blindAfter = Duration.ofSeconds(3);

	@NestedConfigurationProperty
	private final MembershipProperties membership = new MembershipProperties();

	@NestedConfigurationProperty
	private final ReportedStateProperties state = new ReportedStateProperties();

	/**
	 * Jobs that run on a calendar, by name: each covers a process id (process) or the ids a
	 * regular expression matches (process-regex), and has a Spring cron expression, a time zone
	 * and a grace. Such a process is LATE when its next run did not begin within the grace of its
	 * scheduled time and DEAD one grace later, whatever period its beats announce. The first
	 * entry that matches a process is its schedule.
	 */
	private Map<String, ScheduleProperties> schedules = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getGroupId() {
		return this.groupId;
	}

	public void setGroupId(String groupId) {
		this.groupId = groupId;
	}

	/**
	 * The late factor: the one configured, or the default derived from the report-by buffer.
	 * @return the late factor
	 */
	public double getLateFactor() {
		if (this.lateFactor != null) {
			return this.lateFactor;
		}
		return Math.min(DeadlineEngineConfig.DEFAULT_LATE_FACTOR, (1 + this.reportByBuffer) / 2);
	}

	public void setLateFactor(double lateFactor) {
		this.lateFactor = lateFactor;
	}

	public double getReportByBuffer() {
		return this.reportByBuffer;
	}

	public void setReportByBuffer(double reportByBuffer) {
		this.reportByBuffer = reportByBuffer;
	}

	public Duration getHoldTime() {
		return this.holdTime;
	}

	public void setHoldTime(Duration holdTime) {
		this.holdTime = holdTime;
	}

	public Duration getReminderInterval() {
		return this.reminderInterval;
	}

	public void setReminderInterval(Duration reminderInterval) {
		this.reminderInterval = reminderInterval;
	}

	public Duration getMaxDuration() {
		return this.maxDuration;
	}

	public void setMaxDuration(Duration maxDuration) {
		this.maxDuration = maxDuration;
	}

	public @Nullable String getDeadLetterTopic() {
		return this.deadLetterTopic;
	}

	public void setDeadLetterTopic(@Nullable String deadLetterTopic) {
		this.deadLetterTopic = deadLetterTopic;
	}

	public Map<String, ListenerProperties> getListeners() {
		return this.listeners;
	}

	public void setListeners(Map<String, ListenerProperties> listeners) {
		this.listeners = listeners;
	}

	public Map<String, MonitorAppProperties> getApps() {
		return this.apps;
	}

	public void setApps(Map<String, MonitorAppProperties> apps) {
		this.apps = apps;
	}

	public MonitorAppDefaults getAppsDefault() {
		return this.appsDefault;
	}

	public void setAppsDefault(MonitorAppDefaults appsDefault) {
		this.appsDefault = appsDefault;
	}

	public Duration getForgetStoppedAfter() {
		return this.forgetStoppedAfter;
	}

	public void setForgetStoppedAfter(Duration forgetStoppedAfter) {
		this.forgetStoppedAfter = forgetStoppedAfter;
	}

	public Duration getForgetDeadAfter() {
		return this.forgetDeadAfter;
	}

	public void setForgetDeadAfter(Duration forgetDeadAfter) {
		this.forgetDeadAfter = forgetDeadAfter;
	}

	public Duration getBlindAfter() {
		return this.blindAfter;
	}

	public void setBlindAfter(Duration blindAfter) {
		this.blindAfter = blindAfter;
	}

	public MembershipProperties getMembership() {
		return this.membership;
	}

	public ReportedStateProperties getState() {
		return this.state;
	}

	public Map<String, ScheduleProperties> getSchedules() {
		return this.schedules;
	}

	public void setSchedules(Map<String, ScheduleProperties> schedules) {
		this.schedules = schedules;
	}

	@Override
	public boolean supports(Class<?> type) {
		return HeartbeatMonitorProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		HeartbeatMonitorPropertiesValidator.validate((HeartbeatMonitorProperties) target, errors);
	}

}
