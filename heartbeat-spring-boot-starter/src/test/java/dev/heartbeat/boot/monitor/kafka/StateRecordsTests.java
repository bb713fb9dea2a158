package dev.heartbeat.boot.monitor.kafka;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.heartbeat.boot.monitor.kafka.SightCheckpoints.Checkpoint;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.monitor.ReportedState;

import static org.assertj.core.api.Assertions.assertThat;

class StateRecordsTests {

	private static final Instant AT = Instant.ofEpochMilli(1_767_225_600_000L);

	@Test
	void whatListenersWereToldShouldBeReadBackAsWritten() {
		ReportedState dead = new ReportedState(ProcessState.DEAD, AT, AT.plusMillis(200), AT.plusSeconds(600));
		String value = StateRecords.encode(3, dead);
		assertThat(value).isEqualTo("v=1 partition=3 state=DEAD at=1767225600000 reminder-from=1767225600200 "
				+ "snoozed-until=1767226200000");
		assertThat(StateRecords.partition(value)).isEqualTo(3);
		assertThat(StateRecords.reported(value)).isEqualTo(dead);
		ReportedState up = new ReportedState(ProcessState.UP, AT, null, null);
		assertThat(StateRecords.reported(StateRecords.encode(0, up))).isEqualTo(up);
	}

	@Test
	void aCheckpointShouldBeReadBackAsWrittenUnderAKeyNoProcessHas() {
		String value = StateRecords.encode(5, new Checkpoint(1_767_225_600_000L, 42));
		assertThat(value).isEqualTo("v=1 partition=5 seen-up-to=1767225600000 end-offset=42");
		assertThat(StateRecords.checkpoint(value)).isEqualTo(new Checkpoint(1_767_225_600_000L, 42));
		assertThat(StateRecords.checkpointKey("monitors", 5)).isEqualTo("monitors *seen-5");
		assertThat(StateRecords.isCheckpoint(StateRecords.name("monitors", "monitors *seen-5"))).isTrue();
		assertThat(StateRecords.isCheckpoint("billing")).isFalse();
	}

	@Test
	void keysShouldNameTheGroupSoThatGroupsShareTheTopicWithoutReadingEachOthersRecords() {
		assertThat(StateRecords.key("monitors", "billing")).isEqualTo("monitors billing");
		assertThat(StateRecords.name("monitors", "monitors billing")).isEqualTo("billing");
		assertThat(StateRecords.name("monitors", "monitors-eu billing")).isNull();
		assertThat(StateRecords.name("monitors", "monitors")).isNull();
		assertThat(StateRecords.name("monitors-eu", "monitors billing")).isNull();
	}

	@Test
	void fieldsOfALaterVersionShouldBeIgnoredAndAnUnreadableValueAsAWhole() {
		assertThat(StateRecords.reported("v=1 partition=1 state=UP at=5 colour=blue"))
			.isEqualTo(new ReportedState(ProcessState.UP, Instant.ofEpochMilli(5), null, null));
		assertThat(StateRecords.reported("v=2 partition=1 state=UP at=5")).isNull();
		assertThat(StateRecords.reported("v=1 partition=1 state=SLEEPING at=5")).isNull();
		assertThat(StateRecords.reported("v=1 partition=1 state=UNKNOWN at=5")).isNull();
		assertThat(StateRecords.reported("v=1 partition=1 at=5")).isNull();
		assertThat(StateRecords.reported("garbage")).isNull();
		assertThat(StateRecords.reported(null)).isNull();
		assertThat(StateRecords.partition("v=1 partition=x")).isEqualTo(-1);
		assertThat(StateRecords.checkpoint("v=1 partition=1 seen-up-to=-4 end-offset=2")).isNull();
	}

}
