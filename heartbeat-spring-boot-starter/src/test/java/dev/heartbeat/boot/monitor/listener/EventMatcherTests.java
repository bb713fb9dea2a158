package dev.heartbeat.boot.monitor.listener;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventMatcherTests {

	@Test
	void noMatchShouldMatchEveryEvent() {
		assertThat(EventMatcher.of(null, null).matches("heartbeat.a.up")).isTrue();
	}

	@Test
	void exactShouldMatchOnlyTheSameName() {
		EventMatcher matcher = EventMatcher.of("heartbeat.billing.dead", null);
		assertThat(matcher.matches("heartbeat.billing.dead")).isTrue();
		assertThat(matcher.matches("heartbeat.billing.dead2")).isFalse();
		assertThat(matcher.matches("heartbeat.billingXdead")).isFalse();
	}

	@Test
	void regexShouldMatchTheWholeName() {
		EventMatcher matcher = EventMatcher.of(null, "heartbeat\\..*\\.(dead|late)");
		assertThat(matcher.matches("heartbeat.billing.dead")).isTrue();
		assertThat(matcher.matches("heartbeat.billing.late")).isTrue();
		assertThat(matcher.matches("heartbeat.billing.up")).isFalse();
		assertThat(EventMatcher.of(null, "dead").matches("heartbeat.billing.dead")).isFalse();
	}

}
