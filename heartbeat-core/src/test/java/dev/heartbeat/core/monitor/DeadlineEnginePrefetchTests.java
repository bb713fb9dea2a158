package dev.heartbeat.core.monitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.time.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class DeadlineEnginePrefetchTests {

	@Test
	void prefetchAloneShouldChangeNothingAndFireNothing() {
		Engine engine = new Engine();
		List<BeatRecord> records = records(new Random(1), 500);
		for (BeatRecord record : records) {
			engine.engine.onBeat(record);
		}
		List<String> events = new ArrayList<>(engine.events);
		List<ProcessSnapshot> snapshots = engine.snapshots();
		engine.engine.prefetch(records(new Random(2), 700));
		engine.engine.prefetch(List.of());
		engine.engine.prefetch(records.subList(0, 3));
		assertThat(engine.events).isEqualTo(events);
		assertThat(engine.snapshots()).isEqualTo(snapshots);
	}

	@Test
	void recordsAppliedAfterAPrefetchShouldDoExactlyWhatTheyDoWithout() {
		List<BeatRecord> records = records(new Random(3), 2_000);
		Engine plain = new Engine();
		Engine prefetched = new Engine();
		for (int from = 0; from < records.size(); from += 256) {
			List<BeatRecord> chunk = records.subList(from, Math.min(records.size(), from + 256));
			prefetched.engine.prefetch(chunk);
			for (BeatRecord record : chunk) {
				assertThat(prefetched.engine.onBeat(record)).isEqualTo(plain.engine.onBeat(record));
			}
			plain.clock.advanceMillis(700);
			prefetched.clock.advanceMillis(700);
			plain.engine.advance();
			prefetched.engine.advance();
		}
		assertThat(prefetched.events).hasSizeGreaterThan(100).isEqualTo(plain.events);
		assertThat(prefetched.snapshots()).isEqualTo(plain.snapshots());
	}

	@Test
	void prefetchOfNoListShouldBeRefused() {
		assertThatNullPointerException().isThrownBy(() -> new Engine().engine.prefetch(null));
	}

	// beats of 300 processes with fresh strings, some stale, some long ago
	private static List<BeatRecord> records(Random random, int count) {
		List<BeatRecord> records = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int process = random.nextInt(300);
			long time = 1_767_225_600_000L + i * 5L - ((random.nextInt(10) == 0) ? 40_000 : 0);
			records.add(new BeatRecord(new String("orders-" + process), "orders", Beat.beat(Duration.ofSeconds(5)),
					time, "a1b2c3", i - random.nextInt(2), RunStatus.RUNNING, "UP"));
		}
		return records;
	}

	private static final class Engine {

		final ManualClock clock = new ManualClock(java.time.Instant.ofEpochMilli(1_767_225_600_000L));

		final DeadlineEngine engine = new DeadlineEngine(DeadlineEngineConfig.ofDefaults(), this.clock);

		final List<String> events = new ArrayList<>();

		Engine() {
			this.engine.addListener(new MonitorListener() {

				@Override
				public void onStateChange(StateChange change) {
					Engine.this.events.add(change.toString());
				}

				@Override
				public void onStaleRecord(BeatRecord record) {
					Engine.this.events.add("stale " + record);
				}

			});
		}

		List<ProcessSnapshot> snapshots() {
			List<ProcessSnapshot> snapshots = new ArrayList<>(this.engine.list((snapshot) -> true, Integer.MAX_VALUE));
			snapshots.sort(Comparator.comparing(ProcessSnapshot::process));
			return snapshots;
		}

	}

}
