package dev.heartbeat.boot.beat.autoconfigure;

import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.heartbeat.boot.test.FailureMessages;
import dev.heartbeat.core.heart.HeartConfig;
import dev.heartbeat.core.monitor.DeadlineEngineConfig;
import dev.heartbeat.core.schedule.SchedulerConfig;
import dev.heartbeat.core.wire.WireContract;

import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatPropertiesTests {

	private final HeartbeatProperties properties = new HeartbeatProperties();

	@Test
	void defaultsAreCoresDefaults() {
		assertThat(this.properties.getPeriod()).isEqualTo(SchedulerConfig.DEFAULT_PERIOD);
		assertThat(this.properties.getWarmup()).isEqualTo(SchedulerConfig.DEFAULT_WARMUP);
		assertThat(this.properties.getPublisherTimeout()).isEqualTo(SchedulerConfig.DEFAULT_PUBLISHER_TIMEOUT);
		assertThat(this.properties.getShutdownGrace()).isEqualTo(SchedulerConfig.DEFAULT_SHUTDOWN_GRACE);
		assertThat(this.properties.getMinInterval()).isEqualTo(HeartConfig.DEFAULT_MIN_INTERVAL);
		assertThat(this.properties.getKafka().getTopic()).isEqualTo(WireContract.DEFAULT_TOPIC);
		assertThat(this.properties.getControl().getTopic()).isEqualTo(WireContract.DEFAULT_CONTROL_TOPIC);
		assertThat(this.properties.getReportByBuffer()).isEqualTo(DeadlineEngineConfig.ofDefaults().reportByBuffer());
		assertThat(FailureMessages.validationErrors(this.properties)).isEmpty();
	}

	@Test
	void theIdeMetadataShowsTheEnginesDefaults() throws Exception {
		// the monitor's properties themselves: HeartbeatMonitorPropertiesTests.defaultsShouldEqualTheEngineDefaults
		DeadlineEngineConfig engine = DeadlineEngineConfig.ofDefaults();
		Map<String, JsonNode> metadata = metadata();
		assertThat(metadata.get("heartbeat.monitor.late-factor").asDouble()).isEqualTo(engine.lateFactor());
		assertThat(metadata.get("heartbeat.monitor.report-by-buffer").asDouble()).isEqualTo(engine.reportByBuffer());
		assertThat(metadata.get("heartbeat.report-by-buffer").asDouble()).isEqualTo(engine.reportByBuffer());
		assertThat(duration(metadata, "heartbeat.monitor.hold-time")).isEqualTo(engine.holdTime());
		assertThat(duration(metadata, "heartbeat.monitor.reminder-interval")).isEqualTo(engine.reminderInterval());
		assertThat(duration(metadata, "heartbeat.monitor.max-duration")).isEqualTo(engine.maxDuration());
	}

	@Test
	void theHealthTimeoutIsTwoSecondsOrHalfAShorterPeriodUnlessSet() {
		assertThat(HeartbeatPropertiesMapper.healthTimeout(this.properties)).isEqualTo(Duration.ofSeconds(2));
		this.properties.setPeriod(Duration.ofSeconds(3));
		assertThat(HeartbeatPropertiesMapper.healthTimeout(this.properties)).isEqualTo(Duration.ofMillis(1500));
		this.properties.setPeriod(Duration.ofMillis(1));
		assertThat(HeartbeatPropertiesMapper.healthTimeout(this.properties)).isEqualTo(Duration.ofNanos(500_000));
		this.properties.getHealth().setTimeout(Duration.ofMillis(700));
		assertThat(HeartbeatPropertiesMapper.healthTimeout(this.properties)).isEqualTo(Duration.ofMillis(700));
	}

	@Test
	void theIdeMetadataShowsTheRealDefaults() throws Exception {
		Map<String, JsonNode> metadata = metadata();
		assertThat(duration(metadata, "heartbeat.period")).isEqualTo(this.properties.getPeriod());
		assertThat(duration(metadata, "heartbeat.warmup")).isEqualTo(this.properties.getWarmup());
		assertThat(duration(metadata, "heartbeat.min-interval")).isEqualTo(this.properties.getMinInterval());
		assertThat(duration(metadata, "heartbeat.publisher-timeout")).isEqualTo(this.properties.getPublisherTimeout());
		assertThat(duration(metadata, "heartbeat.shutdown-grace")).isEqualTo(this.properties.getShutdownGrace());
		assertThat(metadata.get("heartbeat.kafka.topic").asString()).isEqualTo(this.properties.getKafka().getTopic());
		assertThat(metadata.get("heartbeat.control.topic").asString()).isEqualTo(this.properties.getControl().getTopic());
		assertThat(metadata.get("heartbeat.health.exclude").get(0).asString())
			.isEqualTo(this.properties.getHealth().getExclude().get(0));
		assertThat(metadata.keySet()).containsAll(List.of("heartbeat.enabled", "heartbeat.process",
				"heartbeat.report-by-buffer", "heartbeat.health.mapping", "heartbeat.http.url",
				"heartbeat.control.secret", "heartbeat.pause-refuses-traffic", "heartbeat.kafka.create-topic"));
	}

	private Map<String, JsonNode> metadata() throws Exception {
		Map<String, JsonNode> metadata = new HashMap<>();
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			for (JsonNode property : JsonMapper.builder().build().readTree(in).get("properties")) {
				metadata.put(property.get("name").asString(), property.get("defaultValue"));
			}
		}
		return metadata;
	}

	@Test
	void everyPropertyHasItsIdeHelpAndTheHealthSwitchIsListed() throws Exception {
		Map<String, JsonNode> metadata = new HashMap<>();
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			for (JsonNode property : JsonMapper.builder().build().readTree(in).get("properties")) {
				metadata.put(property.get("name").asString(), property);
			}
		}
		assertThat(metadata.keySet()).contains("heartbeat.period", "heartbeat.health.timeout",
				"heartbeat.monitor.late-factor", "heartbeat.monitor.board.refresh-interval",
				"management.health.heartbeat.enabled", "management.endpoint.heartbeats.access");
		assertThat(metadata.get("management.health.heartbeat.enabled").get("defaultValue").asBoolean()).isTrue();
		// written by the configuration processor from the javadoc of each field
		assertThat(metadata.values()).allSatisfy((property) -> assertThat(property.path("description").asString(""))
			.as(property.get("name").asString())
			.isNotBlank());
		assertThat(metadata.get("heartbeat.health.timeout").get("description").asString())
			.contains("half the period");
	}

	private static Duration duration(Map<String, JsonNode> metadata, String name) {
		return org.springframework.boot.convert.DurationStyle.detectAndParse(metadata.get(name).asString());
	}

}
