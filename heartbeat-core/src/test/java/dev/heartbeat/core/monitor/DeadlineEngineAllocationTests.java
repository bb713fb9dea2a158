package dev.heartbeat.core.monitor;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.time.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DeadlineEngineAllocationTests {

	private static final int PROCESSES = 10_000;

	@Test
	void beatThatChangesNoStateShouldAllocateNothing() {
		// the last round runs warm: what is left is measurement noise, not bytes per beat
		assertThat(allocatedPerBeat(false)).isLessThan(1.0);
	}

	@Test
	void beatOfAWatchedPartitionThatChangesNoStateShouldAllocateNothingEither() {
		assertThat(allocatedPerBeat(true)).isLessThan(1.0);
	}

	private static double allocatedPerBeat(boolean watched) {
		com.sun.management.ThreadMXBean threads = threadBean();
		ManualClock clock = new ManualClock();
		DeadlineEngine engine = new DeadlineEngine(DeadlineEngineConfig.ofDefaults(), clock);
		if (watched) {
			engine.watch(0, clock.wallTime());
		}
		Beat beat = Beat.beat(Duration.ofSeconds(10));
		String[] processes = new String[PROCESSES];
		for (int i = 0; i < PROCESSES; i++) {
			processes[i] = "process-" + i;
		}
		int rounds = 10;
		BeatRecord[][] records = new BeatRecord[rounds][PROCESSES];
		for (int round = 0; round < rounds; round++) {
			for (int i = 0; i < PROCESSES; i++) {
				// fresh strings, as a consumer would hand over, equal to the tracked ones
				records[round][i] = new BeatRecord(new String(processes[i]), new String("app"), beat,
						clock.wallTime() + round * 1_000L, new String("3f9c2a7d1e0b"), round, RunStatus.RUNNING,
						new String("UP"));
			}
		}
		long allocated = 0;
		for (int round = 0; round < rounds; round++) {
			long before = threads.getCurrentThreadAllocatedBytes();
			for (BeatRecord record : records[round]) {
				if (watched) {
					engine.onBeat(record, 0);
				}
				else {
					engine.onBeat(record);
				}
			}
			allocated = threads.getCurrentThreadAllocatedBytes() - before;
		}
		return allocated / (double) PROCESSES;
	}

	private static com.sun.management.ThreadMXBean threadBean() {
		java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
		assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "allocation counting needs a HotSpot JVM");
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
		assumeTrue(threads.isThreadAllocatedMemorySupported(), "allocation counting is not supported");
		threads.setThreadAllocatedMemoryEnabled(true);
		return threads;
	}

}
