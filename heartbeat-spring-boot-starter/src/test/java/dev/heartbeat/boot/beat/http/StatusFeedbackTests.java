package dev.heartbeat.boot.beat.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.heartbeat.core.status.RunStatus;

import static org.assertj.core.api.Assertions.assertThat;

class StatusFeedbackTests {

	@ParameterizedTest
	@ValueSource(strings = { "{\"status\":\"PAUSED\"}", " { \"status\" : \"paused\" } ",
			"{\"seq\":3,\"status\":\"PAUSED\",\"note\":{\"status\":\"RUNNING\"}}",
			"{\"a\":[1,2.5e3,true,null,{\"b\":\"}\"}],\"status\":\"PAUSED\"}", "{\"st\\u0061tus\":\"PAUSED\"}" })
	void aTopLevelPausedStatusAsksForPaused(String body) {
		assertThat(StatusFeedback.parse(body)).contains(RunStatus.PAUSED);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"status\":\"RUNNING\"}", "{\"status\":\"running\",\"ok\":true}" })
	void aTopLevelRunningStatusAsksForRunning(String body) {
		assertThat(StatusFeedback.parse(body)).contains(RunStatus.RUNNING);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "ok", "PAUSED", "[\"PAUSED\"]", "{}", "{\"status\":\"STOPPED\"}",
			"{\"status\":1}", "{\"nested\":{\"status\":\"PAUSED\"}}", "{\"status\":\"PAUSED\"", "{\"status\":\"PAUSED\"} x",
			"{\"status\" \"PAUSED\"}", "{status:\"PAUSED\"}", "{\"a\": nnn, \"status\":\"PAUSED\"}",
			"{\"a\":truex,\"status\":\"PAUSED\"}", "{\"status\":\"RUNNING\",\"status\":\"PAUSED\"}" })
	void anythingElseAsksForNothing(String body) {
		assertThat(StatusFeedback.parse(body)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"a\": nnn, \"status\":\"PAUSED\"}", "{\"status\":\"PAUSED\"", "{\"status\":\"PAUSED\"} x",
			"{\"status\":PAUSED}", "{\"status\":1}", "{\"status\":null}", "{\"status\":[\"PAUSED\"]}",
			"{\"status\":\"RUNNING\",\"status\":\"PAUSED\"}", "[1,]" })
	void invalidJsonOrAStatusThatIsNoStringIsRefused(String body) {
		assertThat(StatusFeedback.read(body).problem()).isNotNull();
		assertThat(StatusFeedback.read(body).status()).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "  ", "OK", "ok\n", "{}", "[\"PAUSED\"]", "{\"status\":\"STOPPED\"}", "{\"ok\":true}" })
	void aBodyThatIsNoJsonOrValidJsonWithoutAStatusIsNoFeedbackAndNotRefused(String body) {
		assertThat(StatusFeedback.read(body)).isEqualTo(StatusFeedback.Answer.NOTHING);
	}

}
