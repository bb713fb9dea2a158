package dev.heartbeat.boot.monitor.kafka;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.monitor.ReportedState;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a monitor holds of the state records it could not write: the newest of each process wins at
 * the next rebuild, checkpoints and tombstones are not held, and memory is bounded.
 */
class HeldStateRecordsTests {

	private static final Instant T = Instant.parse("2026-12-02T10:00:00Z");

	private final HeldStateRecords held = new HeldStateRecords("monitors");

	@Test
	void aHeldRecordShouldWinOnlyOverAnOlderOneOfItsProcess() {
		hold(0, "orders-1", ProcessState.DEAD, T.plusSeconds(10));
		hold(0, "orders-2", ProcessState.DEAD, T.plusSeconds(10));
		hold(0, "orders-3", ProcessState.DEAD, T.plusSeconds(10));
		Map<String, ReportedState> told = new HashMap<>();
		told.put("orders-1", new ReportedState(ProcessState.UP, T, null, null));
		told.put("orders-2", new ReportedState(ProcessState.UP, T.plusSeconds(20), null, null));

		Map<String, String> won = this.held.take(0, told);

		assertThat(won).containsOnlyKeys(StateRecords.key("monitors", "orders-1"),
				StateRecords.key("monitors", "orders-3"));
		assertThat(told.get("orders-1").state()).isEqualTo(ProcessState.DEAD);
		assertThat(told.get("orders-2").state()).isEqualTo(ProcessState.UP);
		assertThat(told.get("orders-3").state()).isEqualTo(ProcessState.DEAD);
		assertThat(this.held.count()).isZero();
		assertThat(this.held.take(0, new HashMap<>())).isEmpty();
	}

	@Test
	void recordsOfOtherPartitionsShouldStayHeld() {
		hold(0, "orders-1", ProcessState.DEAD, T);
		hold(1, "orders-2", ProcessState.DEAD, T);
		assertThat(this.held.take(1, new HashMap<>())).hasSize(1);
		assertThat(this.held.count()).isOne();
	}

	@Test
	void aTombstoneShouldDropTheRecordHeldAndACheckpointShouldNotBeHeld() {
		hold(0, "orders-1", ProcessState.DEAD, T);
		this.held.refused(0, StateRecords.key("monitors", "orders-1"), null);
		this.held.refused(0, StateRecords.checkpointKey("monitors", 0),
				StateRecords.encode(0, new SightCheckpoints.Checkpoint(T.toEpochMilli(), 42)));
		assertThat(this.held.count()).isZero();
		assertThat(this.held.take(0, new HashMap<>())).isEmpty();
	}

	@Test
	void atMostTheLimitShouldBeHeld() {
		for (int i = 0; i <= HeldStateRecords.LIMIT; i++) {
			hold(i % 4, "orders-" + i, ProcessState.DEAD, T);
		}
		assertThat(this.held.count()).isEqualTo(HeldStateRecords.LIMIT);
		// a newer record of a process held takes its place, and no more room
		hold(0, "orders-0", ProcessState.UP, T.plusSeconds(1));
		assertThat(this.held.count()).isEqualTo(HeldStateRecords.LIMIT);
		Map<String, ReportedState> told = new HashMap<>();
		this.held.take(0, told);
		assertThat(told.get("orders-0").state()).isEqualTo(ProcessState.UP);
	}

	@Test
	void recordsWrittenLatelyShouldBeHeldWhenTheirPartitionGoesAndOlderOnesNot() {
		long now = 1_000_000_000_000L;
		long old = now - TimeUnit.SECONDS.toNanos(HeldStateRecords.RECENT_SECONDS + 1);
		write(0, "orders-old", old);
		write(0, "orders-new", now - TimeUnit.SECONDS.toNanos(1));
		write(0, "orders-gone", now);
		this.held.written(0, StateRecords.key("monitors", "orders-gone"), null, now);
		write(1, "orders-other", now);
		assertThat(this.held.count()).as("nothing is held while the partition is owned").isZero();

		this.held.gone(0, now);

		Map<String, ReportedState> told = new HashMap<>();
		assertThat(this.held.take(0, told)).containsOnlyKeys(StateRecords.key("monitors", "orders-new"));
		// another partition's stay remembered, not held
		assertThat(this.held.count()).isZero();
		this.held.gone(1, now);
		assertThat(this.held.count()).isOne();
	}

	private void write(int partition, String process, long at) {
		this.held.written(partition, StateRecords.key("monitors", process),
				StateRecords.encode(partition, new ReportedState(ProcessState.DEAD, T, null, null)), at);
	}

	private void hold(int partition, String process, ProcessState state, Instant at) {
		this.held.refused(partition, StateRecords.key("monitors", process),
				StateRecords.encode(partition, new ReportedState(state, at, null, null)));
	}

}
