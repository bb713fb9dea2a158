package dev.heartbeat.boot.monitor.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import dev.heartbeat.core.monitor.BeatRecord;
import dev.heartbeat.core.monitor.Admission;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.monitor.DeadlineEngineConfig;
import dev.heartbeat.core.monitor.MonitorListener;
import dev.heartbeat.core.monitor.ProcessForgotten;
import dev.heartbeat.core.monitor.ProcessSnapshot;
import dev.heartbeat.core.monitor.StateChange;
import dev.heartbeat.core.time.ManualClock;
import dev.heartbeat.core.wire.WireContract;

import static org.assertj.core.api.Assertions.assertThat;

class RecordIngestTests {

	private static final String TOPIC = "heartbeats";

	private static final long NOW = 1_767_225_600_000L;

	@Test
	void applyAllShouldDoExactlyWhatApplyingEachRecordInTurnDoes() {
		List<ConsumerRecord<byte[], byte[]>> records = mixedRecords(new Random(42), 3 * RecordIngest.CHUNK + 17);
		Monitor oneByOne = new Monitor();
		int acceptedOneByOne = 0;
		for (ConsumerRecord<byte[], byte[]> record : records) {
			if (oneByOne.ingest.apply(record) == Admission.ACCEPTED) {
				acceptedOneByOne++;
			}
		}
		Monitor together = new Monitor();
		int accepted = together.ingest.applyAll(records);
		assertThat(together.log).isNotEmpty().isEqualTo(oneByOne.log);
		assertThat(accepted).isPositive().isEqualTo(acceptedOneByOne);
		assertThat(together.snapshots()).isEqualTo(oneByOne.snapshots());
		assertThat(together.ingest.stats().stale()).isPositive().isEqualTo(oneByOne.ingest.stats().stale());
		assertThat(together.ingest.stats().invalidByReason()).isEqualTo(oneByOne.ingest.stats().invalidByReason());
		assertThat(together.ingest.stats().invalid()).isPositive();
		assertThat(together.deadLetters()).isNotEmpty().isEqualTo(oneByOne.deadLetters());
		assertThat(together.ingest.stats().tombstones()).isPositive().isEqualTo(oneByOne.ingest.stats().tombstones());
		assertThat(together.log).anyMatch((entry) -> entry.startsWith("forgotten "));
	}

	@Test
	void aTombstoneShouldForgetItsProcessAndNeverCountAsInvalid() {
		Monitor monitor = new Monitor();
		monitor.ingest.apply(record(0, "orders-1", "beat/5"));
		monitor.ingest.applyAll(List.of(record(1, "orders-2", "beat/5"), record(2, "orders-1", null),
				record(3, "orders-2", "beat/5")));
		assertThat(monitor.engine.get("orders-1")).isEmpty();
		assertThat(monitor.engine.get("orders-2")).isPresent();
		assertThat(monitor.log).contains("forgotten orders-1 TOMBSTONE");
		assertThat(monitor.ingest.stats().tombstones()).isOne();
		assertThat(monitor.ingest.stats().invalid()).isZero();
		assertThat(monitor.deadLetters()).isEmpty();
		// a beat after the tombstone tracks the process again, as new
		monitor.ingest.apply(record(4, "orders-1", "beat/5"));
		assertThat(monitor.engine.get("orders-1")).isPresent();
		assertThat(monitor.log).filteredOn((entry) -> entry.startsWith("event StateChange[process=orders-1,"))
			.hasSize(2)
			.allMatch((entry) -> entry.contains("from=UNKNOWN"));
	}

	@Test
	void aTombstoneWithAnInvalidKeyShouldCountAsInvalidForItsKey() {
		Monitor monitor = new Monitor();
		monitor.ingest.apply(record(0, "two words", null));
		assertThat(monitor.ingest.stats().invalid(InvalidReason.KEY_INVALID)).isOne();
		assertThat(monitor.ingest.stats().tombstones()).isZero();
	}

	private static ConsumerRecord<byte[], byte[]> record(long offset, String key, String payload) {
		RecordHeaders headers = new RecordHeaders();
		headers.add(WireContract.HEADER_APP, utf8("orders"));
		headers.add(WireContract.HEADER_SEQ, utf8(Long.toString(offset + 1)));
		return new ConsumerRecord<>(TOPIC, 0, offset, NOW, TimestampType.CREATE_TIME, key.length(),
				(payload != null) ? payload.length() : -1, utf8(key), (payload != null) ? utf8(payload) : null, headers,
				Optional.empty());
	}

	@Test
	void applyAllOfNothingShouldDoNothing() {
		Monitor monitor = new Monitor();
		assertThat(monitor.ingest.applyAll(List.of())).isZero();
		assertThat(monitor.log).isEmpty();
		assertThat(monitor.engine.size()).isZero();
	}

	// beats of 40 processes, some repeated (stale), some long ago (late or dead at once), some
	// longer than the engine allows (rejected) and all kinds of invalid ones
	private static List<ConsumerRecord<byte[], byte[]>> mixedRecords(Random random, int count) {
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		long[] seqs = new long[40];
		for (int offset = 0; offset < count; offset++) {
			int process = random.nextInt(seqs.length);
			String key = "orders-" + process;
			String payload = "beat/5";
			long timestamp = NOW - random.nextInt(1_000);
			long seq = ++seqs[process];
			switch (random.nextInt(12)) {
				case 0 -> seq = Math.max(1, seq - 1 - random.nextInt(3));
				case 1 -> timestamp = NOW - 60_000;
				case 2 -> payload = "beat/7200";
				case 3 -> key = "two words";
				case 4 -> payload = "beat/five";
				case 5 -> payload = "stop";
				// a tombstone, and one with a key that is no process id
				case 6 -> payload = (random.nextInt(3) == 0) ? null : payload;
				case 7 -> {
					key = (random.nextInt(4) == 0) ? "two words" : key;
					payload = (random.nextInt(4) == 0) ? null : payload;
				}
				default -> {
				}
			}
			RecordHeaders headers = new RecordHeaders();
			headers.add(WireContract.HEADER_APP, utf8("orders"));
			// mostly one instance, packed; sometimes another, packed or kept as a string, or none
			switch (random.nextInt(16)) {
				case 0 -> headers.add(WireContract.HEADER_INSTANCE, utf8("A1B2C3"));
				case 1 -> headers.add(WireContract.HEADER_INSTANCE, utf8("pod-\u00e9"));
				case 2 -> headers.add(WireContract.HEADER_INSTANCE, utf8(""));
				case 3 -> headers.add(WireContract.HEADER_INSTANCE, null);
				case 4 -> {
				}
				case 5 -> headers.add(WireContract.HEADER_INSTANCE, utf8("ffffffffffffff"));
				case 6 -> headers.add(WireContract.HEADER_INSTANCE, utf8("fffffffffffffff"));
				default -> headers.add(WireContract.HEADER_INSTANCE, utf8("a1b2c3"));
			}
			headers.add(WireContract.HEADER_SEQ, utf8((random.nextInt(40) == 0) ? "x" : Long.toString(seq)));
			headers.add(WireContract.HEADER_HEALTH, utf8("UP"));
			records.add(new ConsumerRecord<>(TOPIC, 0, offset, timestamp, TimestampType.CREATE_TIME, key.length(),
					(payload != null) ? payload.length() : -1, utf8(key), (payload != null) ? utf8(payload) : null,
					headers, Optional.empty()));
		}
		return records;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * An engine and an ingest path whose every effect lands in one log, in order.
	 */
	private static final class Monitor {

		final ManualClock clock = new ManualClock(java.time.Instant.ofEpochMilli(NOW));

		final DeadlineEngine engine = new DeadlineEngine(
				DeadlineEngineConfig.custom().maxDuration(Duration.ofHours(1)).build(), this.clock);

		final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
				new ByteArraySerializer());

		final DeadLetterPublisher deadLetterPublisher = new DeadLetterPublisher("heartbeats-dlt",
				new LazyProducer<>(() -> this.producer), 10_000);

		final RecordIngest ingest = new RecordIngest(this.engine, new BeatRecordDecoder(Duration.ofHours(24)),
				new IngestStats(), new InvalidRecordLog(this.clock, InvalidRecordLog.DEFAULT_INTERVAL),
				this.deadLetterPublisher);

		final List<String> log = new ArrayList<>();

		Monitor() {
			this.engine.addListener(new MonitorListener() {

				@Override
				public void onStateChange(StateChange change) {
					Monitor.this.log.add("event " + change);
				}

				@Override
				public void onStaleRecord(BeatRecord record) {
					Monitor.this.log.add("stale " + record);
				}

				@Override
				public void onForgotten(ProcessForgotten forgotten) {
					Monitor.this.log.add("forgotten " + forgotten.process() + " " + forgotten.reason());
				}

				@Override
				public void onRejectedRecord(BeatRecord record) {
					Monitor.this.log.add("rejected " + record);
				}

			});
		}

		List<ProcessSnapshot> snapshots() {
			List<ProcessSnapshot> snapshots = new ArrayList<>(this.engine.list((snapshot) -> true, Integer.MAX_VALUE));
			snapshots.sort(Comparator.comparing(ProcessSnapshot::process));
			return snapshots;
		}

		List<String> deadLetters() {
			this.deadLetterPublisher.close();
			return this.producer.history().stream().map(Monitor::describe).collect(Collectors.toList());
		}

		private static String describe(ProducerRecord<byte[], byte[]> record) {
			StringBuilder text = new StringBuilder(new String(record.key(), StandardCharsets.UTF_8)).append(' ')
				.append((record.value() != null) ? new String(record.value(), StandardCharsets.UTF_8) : "(tombstone)");
			for (Header header : record.headers()) {
				text.append(' ').append(header.key()).append('=')
					.append((header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : "null");
			}
			return text.toString();
		}

	}

}
