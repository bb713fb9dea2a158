package dev.heartbeat.boot.monitor.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.monitor.BeatRecord;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.monitor.DeadlineEngineConfig;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.time.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The processes of each application per state are recounted from the engine when scraped, at
 * most every ten seconds of the (test) clock.
 */
class AppStateGaugesTests {

	private final ManualClock clock = new ManualClock();

	private final DeadlineEngine engine = new DeadlineEngine(DeadlineEngineConfig.ofDefaults(), this.clock);

	private final MeterRegistry registry = new SimpleMeterRegistry();

	AppStateGaugesTests() {
		// held by nothing but its gauges, as in MonitorMetrics
		new AppStateGauges(this.engine, this.clock, this.registry);
	}

	@Test
	void theGaugesShouldKeepCountingWhenNothingElseHoldsThem() {
		beat("shop-1", "shop", Beat.beat(Duration.ofSeconds(5)));
		System.gc();
		assertThat(apps()).isEqualTo(1);
	}

	@Test
	void processesShouldBeCountedPerApplicationAndState() {
		beat("shop-1", "shop", Beat.beat(Duration.ofSeconds(5)));
		beat("shop-2", "shop", Beat.degraded(Duration.ofSeconds(5)));
		beat("billing-1", "billing", Beat.beat(Duration.ofSeconds(5)));
		assertThat(apps()).isEqualTo(2);
		assertThat(count("shop", "up")).isEqualTo(1);
		assertThat(count("shop", "degraded")).isEqualTo(1);
		assertThat(count("shop", "dead")).isZero();
		assertThat(count("billing", "up")).isEqualTo(1);
		// every state of an application has its series, at zero when empty
		assertThat(this.registry.find(AppStateGauges.APP_PROCESSES).tag("app", "billing").gauges()).hasSize(7);
	}

	@Test
	void countsShouldBeTakenAgainOnlyAfterTheRecountInterval() {
		beat("shop-1", "shop", Beat.beat(Duration.ofSeconds(5)));
		assertThat(apps()).isEqualTo(1);
		beat("billing-1", "billing", Beat.beat(Duration.ofSeconds(5)));
		this.clock.advance(AppStateGauges.RECOUNT_INTERVAL.minusMillis(1));
		assertThat(apps()).isEqualTo(1);
		this.clock.advance(Duration.ofMillis(1));
		// what the monitor's deadline loop does as time passes
		this.engine.advance();
		assertThat(apps()).isEqualTo(2);
		// 10 s after its beat, with a 5 s period, shop-1 is LATE
		assertThat(count("shop", "late")).isEqualTo(1);
	}

	@Test
	void anApplicationWithoutProcessesShouldLoseItsGauges() {
		beat("shop-1", "shop", Beat.beat(Duration.ofSeconds(5)));
		assertThat(apps()).isEqualTo(1);
		this.engine.forget("shop-1");
		this.clock.advance(AppStateGauges.RECOUNT_INTERVAL);
		assertThat(apps()).isZero();
		assertThat(this.registry.find(AppStateGauges.APP_PROCESSES).tag("app", "shop").gauges()).isEmpty();
	}

	private void beat(String process, String app, Beat beat) {
		this.engine.onBeat(new BeatRecord(process, app, beat, this.clock.wallTime(), "i", 1, RunStatus.RUNNING, "UP"));
	}

	private double apps() {
		return this.registry.get(AppStateGauges.APPS_TRACKED).gauge().value();
	}

	private double count(String app, String state) {
		return this.registry.get(AppStateGauges.APP_PROCESSES).tags("app", app, "state", state).gauge().value();
	}

}
