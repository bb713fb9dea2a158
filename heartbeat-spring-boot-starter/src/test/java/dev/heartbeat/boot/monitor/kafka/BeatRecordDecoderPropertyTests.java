package dev.heartbeat.boot.monitor.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import dev.heartbeat.core.monitor.BeatRecord;
import dev.heartbeat.core.monitor.internal.BeatFields;
import dev.heartbeat.core.wire.WireContract;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decoder, with its header matching by position and its caches of recent values, judges any
 * record exactly as the plain {@link ReferenceBeatRecordDecoder}: the same record, or the same
 * reason and message. One decoder sees every example, so its caches hit, miss and collide.
 */
class BeatRecordDecoderPropertyTests {

	private static final Duration MAX = Duration.ofHours(24);

	private static final String[] KNOWN = { WireContract.HEADER_SUBJECT, WireContract.HEADER_APP,
			WireContract.HEADER_INSTANCE, WireContract.HEADER_SEQ, WireContract.HEADER_STATUS,
			WireContract.HEADER_HEALTH };

	private static final String[] FOREIGN = { WireContract.HEADER_SIGNATURE, "traceparent", "heartbeat-APP",
			"heartbeat-ap", "heartbeat-apps", "", "heartbeat-", "heartbeat-seq ", "x" };

	private static final String[] PAYLOADS = { "beat/5", "beat/10", "start/30", "degraded/2.5", "stop", "beat/0.001",
			"beat/86400", "beat/86400.000000001", "beat/100000", "beat/", "beat", "beat/-5", "beat/5x", "stop/5", "bea/5",
			"", "start/1.0000000001", "beat/５", "degraded/31536000.000000001", "x".repeat(70) };

	private static final String[] ODD_KEYS = { "bad id", "a*b", "*", "x\u007f", "tab\there", "line\n", "nb\u00a0sp",
			"ideographic\u3000space", "\u0085next", "~!@#$%^&()_+{}|:<>?" };

	private static final String[] SEQS = { "1", "42", "-7", "+3", "9223372036854775807", "-9223372036854775808",
			"9223372036854775808", "", "-", "1e3", " 1", "٣" };

	private static final String[] STATUSES = { "RUNNING", "PAUSED", "running", " paused ", "STOPPED", "", "RUNNINGG",
			"PAUSED\u0000" };

	// "#" stands for up to 12 random lower-case hex digits: ids that pack, and some that do not
	private static final String[] INSTANCES = { "#", "#", "#", "#0", "#00", "#000", "0#", "A#", "#F", "", "0", "00",
			"ffffffffffffff", "fffffffffffffff", "pod-#", "caf\u00e9#", "#\u00ff", " #", "#g", "\u0661" };

	private static final String[] HEALTHS = { "UP", "DOWN", "OUT_OF_SERVICE", "UNKNOWN", "", "degraded ✓" };

	private final BeatRecordDecoder decoder = new BeatRecordDecoder(MAX);

	private final ReferenceBeatRecordDecoder reference = new ReferenceBeatRecordDecoder(MAX);

	private final ThreadLocal<BeatFields> holders = ThreadLocal.withInitial(BeatFields::new);

	@Test
	void anyRecordShouldDecodeExactlyAsTheReferenceDecoderDoes() {
		Random random = new Random(20_260_101);
		for (int example = 0; example < 50_000; example++) {
			assertSameVerdict(new Example(random));
		}
	}

	@Test
	void recordsOfThisProjectsPublishersShouldDecodeExactlyAsTheReferenceDecoderDoes() {
		Random random = new Random(7);
		for (int example = 0; example < 20_000; example++) {
			Example record = new Example(random);
			record.headers = new RecordHeaders();
			record.headers.add(WireContract.HEADER_SUBJECT, utf8("heartbeat.p" + random.nextInt(1000)));
			record.headers.add(WireContract.HEADER_APP, utf8("app-" + random.nextInt(400)));
			record.headers.add(WireContract.HEADER_INSTANCE, utf8(random.nextBoolean() ? Long.toHexString(random.nextLong())
					: String.format("%012x", random.nextLong() & 0xFFFF_FFFF_FFFFL)));
			record.headers.add(WireContract.HEADER_SEQ, utf8(Integer.toString(random.nextInt(1_000_000))));
			record.headers.add(WireContract.HEADER_STATUS, utf8(random.nextBoolean() ? "RUNNING" : "PAUSED"));
			record.headers.add(WireContract.HEADER_HEALTH, utf8(pick(random, HEALTHS)));
			assertSameVerdict(record);
		}
	}

	@Test
	void decoderSharedByThreadsShouldDecodeEveryRecordAsTheReferenceDoes() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				long seed = t;
				done.add(threads.submit(() -> {
					Random random = new Random(seed);
					for (int example = 0; example < 20_000; example++) {
						assertSameVerdict(new Example(random));
					}
					return null;
				}));
			}
			for (Future<?> future : done) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	private void assertSameVerdict(Example example) {
		Object expected = verdict(() -> this.reference.decode(example.key, example.value, example.headers,
				example.timestamp));
		Object actual = verdict(() -> this.decoder.decode(example.key, example.value, example.headers,
				example.timestamp));
		assertThat(actual).as("%s", example).isEqualTo(expected);
		// into a holder, reused as the ingest path reuses it: the same record, or the same error
		// with the holder left as it was
		BeatFields holder = this.holders.get();
		BeatRecord before = (holder.process() != null) ? holder.toRecord() : null;
		Object intoHolder = verdict(() -> this.decoder
			.decode(example.key, example.value, example.headers, example.timestamp, holder)
			.toRecord());
		assertThat(intoHolder).as("%s", example).isEqualTo(expected);
		if (!(expected instanceof BeatRecord)) {
			assertThat((holder.process() != null) ? holder.toRecord() : null).isEqualTo(before);
		}
	}

	private static Object verdict(Decoding decoding) {
		try {
			return decoding.decode();
		}
		catch (InvalidRecordException ex) {
			return ex.reason() + ": " + ex.getMessage();
		}
	}

	private static String pick(Random random, String[] values) {
		return values[random.nextInt(values.length)];
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] randomBytes(Random random) {
		byte[] bytes = new byte[random.nextInt(8)];
		random.nextBytes(bytes);
		return bytes;
	}

	@FunctionalInterface
	private interface Decoding {

		Object decode() throws InvalidRecordException;

	}

	/**
	 * A random record: mostly well-formed, with every kind of oddity mixed in.
	 */
	private static final class Example {

		final byte[] key;

		final byte[] value;

		RecordHeaders headers;

		final long timestamp;

		Example(Random random) {
			this.key = switch (random.nextInt(16)) {
				case 0 -> null;
				case 1 -> new byte[0];
				case 2 -> utf8(pick(random, ODD_KEYS));
				case 3 -> utf8("zahlung-äöü-✓");
				case 4 -> randomBytes(random);
				case 5 -> utf8("p".repeat(199 + random.nextInt(3)));
				case 6 -> new byte[] { 'p', (byte) (random.nextInt(0x80)) };
				default -> utf8("orders-" + random.nextInt(500));
			};
			this.value = switch (random.nextInt(12)) {
				case 0 -> null;
				case 1 -> randomBytes(random);
				default -> utf8(pick(random, PAYLOADS));
			};
			this.timestamp = (random.nextInt(20) == 0) ? -1 : 1_767_225_600_000L + random.nextInt(1_000_000);
			if (random.nextInt(10) == 0) {
				return;
			}
			this.headers = new RecordHeaders();
			int count = random.nextInt(10);
			for (int i = 0; i < count; i++) {
				String header = (random.nextInt(5) == 0) ? pick(random, FOREIGN) : pick(random, KNOWN);
				this.headers.add(header, headerValue(random, header));
			}
		}

		private static byte[] headerValue(Random random, String header) {
			if (random.nextInt(15) == 0) {
				return null;
			}
			if (random.nextInt(15) == 0) {
				return randomBytes(random);
			}
			return switch (header) {
				case WireContract.HEADER_APP -> utf8((random.nextInt(10) == 0) ? "änderung-" + random.nextInt(50)
						: "app-" + random.nextInt(400));
				case WireContract.HEADER_SEQ -> utf8(pick(random, SEQS));
				case WireContract.HEADER_STATUS -> utf8(pick(random, STATUSES));
				case WireContract.HEADER_HEALTH -> utf8(pick(random, HEALTHS));
				case WireContract.HEADER_INSTANCE -> utf8(pick(random, INSTANCES)
					.replace("#", Long.toHexString(random.nextLong() & 0xFFFF_FFFF_FFFFL)));
				default -> utf8(Long.toHexString(random.nextLong()));
			};
		}

		@Override
		public String toString() {
			return "key " + bytes(this.key) + ", value " + bytes(this.value) + ", headers " + this.headers
					+ ", timestamp " + this.timestamp;
		}

		private static String bytes(byte[] bytes) {
			return (bytes != null) ? "\"" + new String(bytes, StandardCharsets.UTF_8) + "\"" : "null";
		}

	}

}
