package dev.heartbeat.core.monitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.monitor.internal.BatchIngest;
import dev.heartbeat.core.monitor.internal.BeatFields;
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
		engine.ingest.prefetch(processes(records(new Random(2), 700)), 700);
		engine.ingest.prefetch(new String[0], 0);
		engine.ingest.prefetch(processes(records), 3);
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
			prefetched.ingest.prefetch(processes(chunk), chunk.size());
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
	void recordsAppliedAsFieldsShouldDoExactlyWhatTheRecordsDo() {
		// instances packed and not (upper case, too long, non-hex, empty, missing), switching
		// between the two forms for one process; stale, rejected, restarted and paused beats
		String[] instances = { "a1b2c3", "A1B2C3", "a1b2c3d4e5f6a7b", "pod-1", "", null, "0", "00", "ffffffffffffff",
				"caf\u00e9" };
		Random random = new Random(5);
		List<BeatRecord> records = new ArrayList<>();
		for (int i = 0; i < 3_000; i++) {
			int process = random.nextInt(200);
			long time = 1_767_225_600_000L + i * 5L - ((random.nextInt(10) == 0) ? 40_000 : 0);
			Beat beat = switch (random.nextInt(8)) {
				case 0 -> Beat.start(Duration.ofSeconds(2));
				case 1 -> Beat.stop();
				case 2 -> Beat.beat(Duration.ofDays(30));
				default -> Beat.beat(Duration.ofSeconds(1 + random.nextInt(5)));
			};
			records.add(new BeatRecord(new String("orders-" + process), (random.nextInt(5) == 0) ? null : "orders", beat,
					time, instances[random.nextInt(instances.length)], i - random.nextInt(3) - ((i % 50 == 0) ? i : 0),
					(random.nextInt(6) == 0) ? RunStatus.PAUSED : null, (random.nextInt(4) == 0) ? "DOWN" : "UP"));
		}
		Engine byRecord = new Engine();
		Engine byFields = new Engine();
		Engine together = new Engine();
		BeatFields[] fields = new BeatFields[256];
		String[] processes = new String[256];
		for (int from = 0; from < records.size(); from += 256) {
			int count = Math.min(256, records.size() - from);
			for (int i = 0; i < count; i++) {
				BeatRecord record = records.get(from + i);
				fields[i] = new BeatFields();
				if (random.nextBoolean()) {
					fields[i].set(record);
				}
				else {
					String instance = (record.instance().isEmpty() && random.nextBoolean()) ? null : record.instance();
					fields[i].set(record.process(), record.app(), record.beat(), record.recordTime(),
							(instance != null) ? instance.getBytes(java.nio.charset.StandardCharsets.UTF_8) : null,
							record.seq(), record.status(), record.health());
				}
				assertThat(fields[i].toRecord()).isEqualTo(record);
				processes[i] = fields[i].process();
			}
			byFields.ingest.prefetch(processes, count);
			List<Admission> expected = new ArrayList<>();
			Admission[] one = new Admission[count];
			for (int i = 0; i < count; i++) {
				Admission result = byRecord.engine.onBeat(records.get(from + i));
				expected.add(result);
				// one record at a time
				assertThat(byFields.ingest.onBeats(fields, i, i + 1, one)).isEqualTo(i + 1);
				assertThat(one[i]).isEqualTo(result);
			}
			// together, from an offset, each call stopping after a record not accepted
			Admission[] results = new Admission[count + 3];
			BeatFields[] shifted = new BeatFields[count + 3];
			System.arraycopy(fields, 0, shifted, 3, count);
			int next = 3;
			while (next < count + 3) {
				int stop = together.ingest.onBeats(shifted, next, count + 3, results);
				assertThat(stop).isGreaterThan(next);
				assertThat(Arrays.asList(results).subList(next, stop - 1)).allMatch((r) -> r == Admission.ACCEPTED);
				assertThat(stop == count + 3 || results[stop - 1] != Admission.ACCEPTED).isTrue();
				next = stop;
			}
			assertThat(Arrays.asList(results).subList(3, count + 3)).isEqualTo(expected);
			for (Engine engine : List.of(byRecord, byFields, together)) {
				engine.clock.advanceMillis(900);
				engine.engine.advance();
			}
		}
		assertThat(byRecord.events).hasSizeGreaterThan(500).anyMatch((event) -> event.startsWith("stale "))
			.anyMatch((event) -> event.startsWith("rejected "));
		assertThat(byFields.events).isEqualTo(byRecord.events);
		assertThat(byFields.snapshots()).isEqualTo(byRecord.snapshots());
		assertThat(together.events).isEqualTo(byRecord.events);
		assertThat(together.snapshots()).isEqualTo(byRecord.snapshots());
	}

	@Test
	void fieldsShouldFillInMissingValuesAsARecordDoes() {
		BeatFields fields = new BeatFields().set("p", null, Beat.stop(), 7, (byte[]) null, 3, null, null);
		assertThat(fields.toRecord()).isEqualTo(new BeatRecord("p", null, Beat.stop(), 7, null, 3, null, null));
		assertThat(fields.instance()).isEmpty();
		assertThat(new BeatFields().set("p", "a", Beat.stop(), 7, "ab".getBytes(), 3, null, null).instance())
			.isEqualTo("ab");
		assertThatNullPointerException()
			.isThrownBy(() -> new Engine().ingest.onBeats(new BeatFields[] { null }, 0, 1, new Admission[1]));
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new Engine().ingest.onBeats(new BeatFields[] { new BeatFields() }, 0, 1,
					new Admission[1]));
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new Engine().ingest.onBeats(new BeatFields[] { fields, new BeatFields() }, 0, 2,
					new Admission[2]));
		assertThatNullPointerException()
			.isThrownBy(() -> new Engine().ingest.onBeats(new BeatFields[] { fields, null }, 0, 2, new Admission[2]));
		org.assertj.core.api.Assertions.assertThatExceptionOfType(IndexOutOfBoundsException.class)
			.isThrownBy(() -> new Engine().ingest.onBeats(new BeatFields[] { fields }, 0, 1, new Admission[0]));
		assertThat(new Engine().ingest.onBeats(new BeatFields[] { fields }, 1, 1, new Admission[1])).isEqualTo(1);
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new BeatFields().set("", null, Beat.stop(), 7, (String) null, 3, null, null));
	}

	@Test
	void prefetchOfNoIdsShouldBeRefused() {
		assertThatNullPointerException().isThrownBy(() -> new Engine().ingest.prefetch(null, 0));
		assertThatNullPointerException().isThrownBy(() -> new Engine().ingest.prefetch(new String[2], 1));
		org.assertj.core.api.Assertions.assertThatExceptionOfType(IndexOutOfBoundsException.class)
			.isThrownBy(() -> new Engine().ingest.prefetch(new String[2], 3));
	}

	@Test
	void ingestShouldBeTheEnginesOwn() {
		Engine engine = new Engine();
		assertThat(engine.engine.ingest()).isSameAs(engine.ingest).isNotSameAs(new Engine().ingest);
	}

	private static String[] processes(List<BeatRecord> records) {
		return records.stream().map(BeatRecord::process).toArray(String[]::new);
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

		final BatchIngest ingest = this.engine.ingest();

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

				@Override
				public void onRejectedRecord(BeatRecord record) {
					Engine.this.events.add("rejected " + record);
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
