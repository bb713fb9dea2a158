package dev.heartbeat.boot.monitor.kafka;

import java.io.ByteArrayOutputStream;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.heartbeat.boot.monitor.kafka.ContractBeatRecordDecoder.Verdict;
import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.beat.BeatKind;
import dev.heartbeat.core.monitor.BeatRecord;
import dev.heartbeat.core.monitor.internal.BeatFields;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.wire.WireContract;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decoder, with its header matching by position, its caches of recent values and its packed
 * instance ids, judges any record as the wire contract says, as written down independently in
 * {@link ContractBeatRecordDecoder}: the same record, or the same reason. The inputs are made
 * here from the contract too (never by the code under test): valid records of every shape,
 * non-canonical but valid durations ({@code beat/05}, {@code beat/5.0}), limits and one past
 * them, huge numbers, bytes that are not UTF-8, missing, empty and repeated headers. One decoder
 * sees every example of a test, so its caches hit, miss and collide.
 */
class BeatRecordDecoderPropertyTests {

	private static final Duration MAX = Duration.ofHours(24);

	private static final long TIME = 1_767_225_600_000L;

	private static final String[] KNOWN = { WireContract.HEADER_SUBJECT, WireContract.HEADER_APP,
			WireContract.HEADER_INSTANCE, WireContract.HEADER_SEQ, WireContract.HEADER_STATUS,
			WireContract.HEADER_HEALTH };

	private static final String[] FOREIGN = { WireContract.HEADER_SIGNATURE, "traceparent", "heartbeat-APP",
			"Heartbeat-Seq", "heartbeat-ap", "heartbeat-apps", "", "heartbeat-", "heartbeat-seq ", " heartbeat-status",
			"heartbeat_health", "x" };

	private static final String[] PAYLOADS = { "beat/5", "beat/10", "start/30", "degraded/2.5", "stop", "beat/0.001",
			"beat/86400", "beat/86400.000000001", "beat/100000", "beat/", "beat", "beat/-5", "beat/5x", "stop/5", "bea/5",
			"", "start/1.0000000001", "beat/５", "degraded/31536000.000000001", "x".repeat(70),
			// valid, though not the shortest form a publisher writes
			"beat/05", "beat/5.0", "beat/5.500000000", "beat/0005", "start/000.5", "degraded/0.000000001",
			"start/86399.999999999", "beat/" + "0".repeat(58) + "5",
			// one past a limit, or just inside it
			"beat/" + "0".repeat(59) + "5", "start/31536000", "start/31536000.000000001", "beat/0.0000000001",
			"beat/0.000000000", "beat/0", "beat/-0", "beat/99999999999999999999999999999999999999",
			// malformed numbers and what may follow them
			"beat/+5", "beat/.5", "beat/5.", "beat/5.x", "beat/5..0", "beat/5.1.2", "beat/1e3", "beat/ 5", "beat/5 ",
			"beat//5", "beat/5/", "beat/-", "beat/-x", "beat/-5x", "beat/-5.", "beat/-0.0000000001x", "beat/٣",
			"beat/5\n", "beat/5\u0000", "beat/five", "beat/NaN", "beat/Infinity", "beat/0x10",
			// verbs
			"BEAT/5", "Beat/5", "beats/5", "stop/", "stopx", "stop ", " stop", "/5", "/", "stop/stop", "degraded",
			"start/", "\u00e9".repeat(32), "\u00e9".repeat(33), "stop\u00e9" };

	private static final byte[][] NOT_UTF8 = { { (byte) 0xFF }, { (byte) 0x80 }, { (byte) 0xC0, (byte) 0xAF },
			{ (byte) 0xC1, (byte) 0xBF }, { (byte) 0xE0, (byte) 0x80, (byte) 0xAF },
			{ (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, { (byte) 0xED, (byte) 0xBF, (byte) 0xBF },
			{ (byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF }, { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 },
			{ (byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80 }, { (byte) 0xE2, (byte) 0x82 }, { (byte) 0xC3 },
			{ (byte) 0xFE }, { (byte) 0xC3, (byte) 0x28 } };

	// well-formed UTF-8 at the edges of the table of well-formed sequences
	private static final byte[][] EDGE_UTF8 = { { (byte) 0xC2, (byte) 0x80 }, { (byte) 0xDF, (byte) 0xBF },
			{ (byte) 0xE0, (byte) 0xA0, (byte) 0x80 }, { (byte) 0xED, (byte) 0x9F, (byte) 0xBF },
			{ (byte) 0xEE, (byte) 0x80, (byte) 0x80 }, { (byte) 0xEF, (byte) 0xBF, (byte) 0xBF },
			{ (byte) 0xF0, (byte) 0x90, (byte) 0x80, (byte) 0x80 }, { (byte) 0xF4, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF } };

	private static final String[] ODD_KEYS = { "bad id", "a*b", "*", "x\u007f", "tab\there", "line\n", "nb\u00a0sp",
			"ideographic\u3000space", "\u0085next", "~!@#$%^&()_+{}|:<>?", "zero\u200bwidth", "\ufeffbom", "mongolian\u180e",
			"figure\u2007space", "narrow\u202fnbsp", "line\u2028sep", "ogham\u1680", "c1\u009f", "us\u001f", "\u0000",
			"private\ue000", "nonchar\uffff", "emoji\ud83d\ude00", "max\udbff\udfff", "\u00e9".repeat(200),
			"\u00e9".repeat(201), "\ud83d\ude00".repeat(100), "\ud83d\ude00".repeat(101), "p".repeat(199) + "\ud83d\ude00" };

	// every character class the process id rule names, and some it does not
	private static final int[] KEY_CHARACTERS = { 'a', 'z', 'A', '0', '9', '-', '_', '.', ':', '/', '~', '!', '*', ' ', '\t',
			'\n', 0x0B, 0x0C, '\r', 0x00, 0x1C, 0x1F, 0x7F, 0x80, 0x85, 0x9F, 0xA0, 0xAD, 0xE9, 0x1680, 0x180E, 0x2000,
			0x2007, 0x200A, 0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF, 0xFFFD, 0xFFFF, 0x2713, 0xE000,
			0x1F600, 0x10FFFF };

	private static final String[] SEQS = { "1", "42", "-7", "+3", "0", "-0", "+0", "007", "0000000000000000042",
			"00000000000000000042", "-00000000000000000042", "+09223372036854775807", "-009223372036854775808",
			"00000000000000000000", "000000000000000000009223372036854775808",
			"9223372036854775807", "+9223372036854775807", "-9223372036854775808", "9223372036854775808",
			"-9223372036854775809", "99999999999999999999", "18446744073709551616", "", "-", "+", "--1", "+-1", "1e3",
			" 1", "1 ", "1.0", "0x1f", "٣", "１", "12a" };

	private static final String[] STATUSES = { "RUNNING", "PAUSED", "running", "Paused", " paused ", "\tPAUSED\n",
			"\u2003running\u3000", "\u001fPAUSED", "PAUSED\u00a0", "\u202fRUNNING", "runn\u0131ng", "pau\u017fed",
			"RUNN\u0130NG", "ＰＡＵＳＥＤ", "STOPPED", "", " ", "RUNNINGG", "RUN", "PAUSED\u0000", "PAUSED!" };

	// "#" stands for up to 12 random lower-case hex digits: ids that pack, and some that do not
	private static final String[] INSTANCES = { "#", "#", "#", "#0", "#00", "#000", "0#", "A#", "#F", "", "0", "00",
			"ffffffffffffff", "fffffffffffffff", "pod-#", "caf\u00e9#", "#\u00ff", " #", "#g", "\u0661" };

	private static final String[] HEALTHS = { "UP", "DOWN", "OUT_OF_SERVICE", "UNKNOWN", "TIMEOUT", "", "degraded ✓" };

	// a maximum on each side of every place a duration is compared: whole seconds, nanoseconds,
	// the convention's 365 days
	private static final Duration[] MAXIMA = { MAX, Duration.ofMillis(1500), Duration.ofNanos(1),
			Duration.ofSeconds(86_399, 999_999_999), Duration.ofDays(365), Duration.ofDays(365).minusNanos(1),
			Duration.ofDays(400), Duration.ofSeconds(Long.MAX_VALUE) };

	private static final int[] SECONDS = { 0, 1, 5, 59, 60, 86_399, 86_400, 86_401, 31_535_999, 31_536_000, 31_536_001 };

	private final BeatRecordDecoder decoder = new BeatRecordDecoder(MAX);

	private final ContractBeatRecordDecoder contract = new ContractBeatRecordDecoder(MAX);

	private final ThreadLocal<BeatFields> holders = ThreadLocal.withInitial(BeatFields::new);

	@Test
	void anyRecordShouldDecodeAsTheContractSays() {
		Random random = new Random(20_260_101);
		for (int example = 0; example < 50_000; example++) {
			assertSameVerdict(this.decoder, this.contract, new Example(random));
		}
	}

	@Test
	void recordsOfThisProjectsPublishersShouldDecodeAsTheContractSays() {
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
			assertSameVerdict(this.decoder, this.contract, record);
		}
	}

	@Test
	void decoderSharedByThreadsShouldDecodeEveryRecordAsTheContractSays() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				long seed = t;
				done.add(threads.submit(() -> {
					Random random = new Random(seed);
					for (int example = 0; example < 20_000; example++) {
						assertSameVerdict(this.decoder, this.contract, new Example(random));
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

	@Test
	void anyDurationShouldBeJudgedAsTheContractSaysUnderAnyMaxDuration() {
		Random random = new Random(86_400);
		for (Duration max : MAXIMA) {
			BeatRecordDecoder decoder = new BeatRecordDecoder(max);
			ContractBeatRecordDecoder contract = new ContractBeatRecordDecoder(max);
			for (int example = 0; example < 5_000; example++) {
				assertSameVerdict(decoder, contract,
						new Example(utf8("orders-" + random.nextInt(50)), durationPayload(random), null, TIME));
			}
		}
	}

	@Test
	void anyKeyShouldBeJudgedAsTheContractSays() {
		Random random = new Random(200);
		for (int example = 0; example < 30_000; example++) {
			assertSameVerdict(this.decoder, this.contract, new Example(key(random), utf8("beat/5"), null, TIME));
		}
	}

	@Test
	void anyBytesShouldBeJudgedAsTheContractSays() {
		Random random = new Random(0xFF);
		for (int example = 0; example < 30_000; example++) {
			byte[] key = (random.nextInt(4) == 0) ? mutate(random, utf8("orders-" + random.nextInt(9))) : utf8("p");
			byte[] value = (random.nextInt(4) == 0) ? randomBytes(random)
					: mutate(random, utf8(pick(random, PAYLOADS)));
			assertSameVerdict(this.decoder, this.contract, new Example(key, value, null, TIME));
		}
	}

	/**
	 * The oracle is only as good as its reading of the contract: here it is held to cases worked
	 * out by hand from the docs, and so is the decoder.
	 * @param payload the payload
	 * @param expected the beat as {@code kind:seconds}, or the reason it is rejected
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "beat/5|BEAT:5", "beat/05|BEAT:5", "beat/5.0|BEAT:5",
			"beat/5.500000000|BEAT:5.5", "start/000.5|START:0.5", "degraded/2.5|DEGRADED:2.5",
			"degraded/0.000000001|DEGRADED:0.000000001", "beat/86400|BEAT:86400", "stop|STOP:",
			"beat/" + "0000000000000000000000000000000000000000000000000000000000" + "5|BEAT:5",
			"beat/" + "00000000000000000000000000000000000000000000000000000000000" + "5|PAYLOAD_TOO_LONG",
			"''|PAYLOAD_EMPTY", "beat/86400.000000001|DURATION_ABOVE_MAX", "start/31536000|DURATION_ABOVE_MAX",
			"start/31536000.000000001|PAYLOAD_DURATION_OUT_OF_RANGE", "beat/0|PAYLOAD_DURATION_OUT_OF_RANGE",
			"beat/0.000000000|PAYLOAD_DURATION_OUT_OF_RANGE",
			"beat/99999999999999999999999999999999999999|PAYLOAD_DURATION_OUT_OF_RANGE",
			"beat/-5|PAYLOAD_NEGATIVE_DURATION", "beat/-0|PAYLOAD_NEGATIVE_DURATION", "beat/+5|PAYLOAD_NOT_A_NUMBER",
			"beat/.5|PAYLOAD_NOT_A_NUMBER", "beat/5.|PAYLOAD_NOT_A_NUMBER", "beat/0.0000000001|PAYLOAD_NOT_A_NUMBER",
			"beat/five|PAYLOAD_NOT_A_NUMBER", "beat/５|PAYLOAD_NOT_A_NUMBER", "beat/-|PAYLOAD_NOT_A_NUMBER",
			"beat/5x|PAYLOAD_TRAILING_GARBAGE", "beat/1e3|PAYLOAD_TRAILING_GARBAGE", "beat/-5x|PAYLOAD_TRAILING_GARBAGE",
			"beat/5.1.2|PAYLOAD_TRAILING_GARBAGE", "stop/|PAYLOAD_TRAILING_GARBAGE", "stop/5|PAYLOAD_TRAILING_GARBAGE",
			"beat|PAYLOAD_MISSING_DURATION", "beat/|PAYLOAD_MISSING_DURATION", "BEAT/5|PAYLOAD_UNKNOWN_VERB",
			"stopx|PAYLOAD_UNKNOWN_VERB", "/5|PAYLOAD_UNKNOWN_VERB" })
	void payloadWorkedOutByHandShouldBeJudgedSoByTheContractAndTheDecoder(String payload, String expected) {
		Verdict verdict;
		if (expected.contains(":")) {
			String[] beat = expected.split(":", -1);
			BeatKind kind = BeatKind.valueOf(beat[0]);
			Duration duration = beat[1].isEmpty() ? null
					: Duration.ofNanos(new java.math.BigDecimal(beat[1]).movePointRight(9).longValueExact());
			verdict = Verdict.accepted(new BeatRecord("p", "", new Beat(kind, duration), TIME, "", TIME,
					RunStatus.RUNNING, "UNKNOWN"));
		}
		else {
			verdict = Verdict.rejected(InvalidReason.valueOf(expected));
		}
		Example example = new Example(utf8("p"), utf8(payload), null, TIME);
		assertThat(this.contract.decode(example.key, example.value, example.headers, example.timestamp))
			.isEqualTo(verdict);
		assertSameVerdict(this.decoder, this.contract, example);
	}

	@Test
	void headersWorkedOutByHandShouldBeJudgedSoByTheContractAndTheDecoder() {
		RecordHeaders headers = new RecordHeaders();
		headers.add(WireContract.HEADER_APP, utf8("shop"));
		headers.add(WireContract.HEADER_APP, null);
		headers.add(WireContract.HEADER_INSTANCE, utf8("0a"));
		headers.add(WireContract.HEADER_HEALTH, new byte[0]);
		headers.add(WireContract.HEADER_SEQ, utf8("+0000000000000000042"));
		headers.add(WireContract.HEADER_STATUS, utf8("\tpau\u017fed\u2003"));
		headers.add("heartbeat-APP", utf8("not-the-app"));
		Example example = new Example(utf8("p"), utf8("beat/5"), headers, 0);
		assertThat(this.contract.decode(example.key, example.value, example.headers, example.timestamp))
			.isEqualTo(Verdict.accepted(new BeatRecord("p", "", Beat.beat(Duration.ofSeconds(5)), 0, "0a", 42,
					RunStatus.PAUSED, "")));
		assertSameVerdict(this.decoder, this.contract, example);
		Example bare = new Example(utf8("p"), utf8("stop"), new RecordHeaders(), TIME);
		assertThat(this.contract.decode(bare.key, bare.value, bare.headers, bare.timestamp))
			.isEqualTo(Verdict.accepted(new BeatRecord("p", "", Beat.stop(), TIME, "", TIME, RunStatus.RUNNING,
					"UNKNOWN")));
		assertSameVerdict(this.decoder, this.contract, bare);
	}

	/**
	 * A seq is a decimal long as {@code Long.parseLong} reads it: leading zeros do not count
	 * towards its 19 digits (the decoder once refused {@code 00000000000000000042}).
	 */
	@Test
	void zeroPaddedSeqsShouldBeReadAsTheContractReadsThem() {
		for (String seq : new String[] { "00000000000000000042", "-00000000000000000042", "+09223372036854775807" }) {
			RecordHeaders headers = new RecordHeaders();
			headers.add(WireContract.HEADER_SEQ, utf8(seq));
			Example example = new Example(utf8("p"), utf8("beat/5"), headers, TIME);
			Verdict expected = this.contract.decode(example.key, example.value, example.headers, example.timestamp);
			assertThat(expected.record()).as(seq).isNotNull();
			assertThat(expected.record().seq()).as(seq).isEqualTo(Long.parseLong(seq));
			assertSameVerdict(this.decoder, this.contract, example);
		}
	}

	private void assertSameVerdict(BeatRecordDecoder decoder, ContractBeatRecordDecoder contract, Example example) {
		Verdict expected = contract.decode(example.key, example.value, example.headers, example.timestamp);
		Verdict actual = verdict(() -> decoder.decode(example.key, example.value, example.headers, example.timestamp));
		assertThat(actual).as("%s", example).isEqualTo(expected);
		// into a holder, reused as the ingest path reuses it: the same record, or the same reason
		// with the holder left as it was
		BeatFields holder = this.holders.get();
		BeatRecord before = (holder.process() != null) ? holder.toRecord() : null;
		Verdict intoHolder = verdict(() -> decoder
			.decode(example.key, example.value, example.headers, example.timestamp, holder)
			.toRecord());
		assertThat(intoHolder).as("%s", example).isEqualTo(expected);
		if (expected.record() == null) {
			assertThat((holder.process() != null) ? holder.toRecord() : null).as("%s", example).isEqualTo(before);
		}
	}

	// what the decoder decided; its message is only required to say something
	static Verdict verdict(Decoding decoding) {
		try {
			return Verdict.accepted(decoding.decode());
		}
		catch (InvalidRecordException ex) {
			assertThat(ex.getMessage()).as(ex.reason().name()).isNotBlank();
			return Verdict.rejected(ex.reason());
		}
	}

	// verb, '/', sign, digits with leading zeros, decimals, and now and then something after them
	private static byte[] durationPayload(Random random) {
		StringBuilder payload = new StringBuilder();
		payload.append(pick(random, new String[] { "beat", "beat", "start", "degraded", "stop", "Beat", "bea" }));
		if (random.nextInt(20) != 0) {
			payload.append('/');
		}
		switch (random.nextInt(20)) {
			case 0 -> payload.append('-');
			case 1 -> payload.append('+');
			default -> {
			}
		}
		if (random.nextInt(8) == 0) {
			payload.append("0".repeat(random.nextInt(30)));
		}
		payload.append(switch (random.nextInt(4)) {
			case 0 -> Long.toString(random.nextLong() & Long.MAX_VALUE);
			case 1 -> Integer.toString(random.nextInt(100_000));
			case 2 -> "";
			default -> Integer.toString(SECONDS[random.nextInt(SECONDS.length)]);
		});
		if (random.nextInt(2) == 0) {
			payload.append('.');
			int decimals = random.nextInt(12);
			for (int i = 0; i < decimals; i++) {
				payload.append((random.nextInt(3) == 0) ? '0' : (random.nextInt(3) == 0) ? '9' : (char) ('0' + random.nextInt(10)));
			}
		}
		if (random.nextInt(15) == 0) {
			payload.append(pick(random, new String[] { "x", " ", ".", "e3", "s", "\n", "/", "5", "٣", "\u00e9" }));
		}
		return utf8(payload.toString());
	}

	// characters of every class the id rule names, as many as to cross its length limit
	private static byte[] key(Random random) {
		if (random.nextInt(10) == 0) {
			return utf8(pick(random, ODD_KEYS));
		}
		int length = switch (random.nextInt(4)) {
			case 0 -> 1 + random.nextInt(8);
			case 1 -> 195 + random.nextInt(10);
			case 2 -> 95 + random.nextInt(10);
			default -> 1 + random.nextInt(40);
		};
		boolean odd = random.nextInt(3) == 0;
		StringBuilder key = new StringBuilder();
		for (int i = 0; i < length; i++) {
			if (odd && random.nextInt(length) == 0) {
				key.appendCodePoint(KEY_CHARACTERS[random.nextInt(KEY_CHARACTERS.length)]);
			}
			else if (length < 110 && random.nextInt(4) == 0) {
				// outside the BMP: two chars
				key.appendCodePoint(0x1F600 + random.nextInt(16));
			}
			else {
				key.append((char) ('a' + random.nextInt(26)));
			}
		}
		byte[] bytes = utf8(key.toString());
		return (random.nextInt(8) == 0) ? mutate(random, bytes) : bytes;
	}

	// the bytes with a well-formed or broken UTF-8 sequence put in, or one byte changed
	private static byte[] mutate(Random random, byte[] bytes) {
		if (random.nextInt(3) == 0 && bytes.length > 0) {
			byte[] changed = bytes.clone();
			changed[random.nextInt(changed.length)] = (byte) random.nextInt(256);
			return changed;
		}
		byte[] inserted = random.nextBoolean() ? NOT_UTF8[random.nextInt(NOT_UTF8.length)]
				: EDGE_UTF8[random.nextInt(EDGE_UTF8.length)];
		int at = random.nextInt(bytes.length + 1);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(bytes, 0, at);
		out.write(inserted, 0, inserted.length);
		out.write(bytes, at, bytes.length - at);
		return out.toByteArray();
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
	interface Decoding {

		BeatRecord decode() throws InvalidRecordException;

	}

	/**
	 * A record: given, or random, mostly well-formed with every kind of oddity mixed in.
	 */
	private static final class Example {

		final byte[] key;

		final byte[] value;

		RecordHeaders headers;

		final long timestamp;

		Example(byte[] key, byte[] value, RecordHeaders headers, long timestamp) {
			this.key = key;
			this.value = value;
			this.headers = headers;
			this.timestamp = timestamp;
		}

		Example(Random random) {
			this.key = switch (random.nextInt(16)) {
				case 0 -> null;
				case 1 -> new byte[0];
				case 2 -> utf8(pick(random, ODD_KEYS));
				case 3 -> utf8("zahlung-äöü-✓");
				case 4 -> randomBytes(random);
				case 5 -> utf8("p".repeat(199 + random.nextInt(3)));
				case 6 -> new byte[] { 'p', (byte) (random.nextInt(0x80)) };
				case 7 -> key(random);
				default -> utf8("orders-" + random.nextInt(500));
			};
			this.value = switch (random.nextInt(12)) {
				case 0 -> null;
				case 1 -> randomBytes(random);
				case 2 -> durationPayload(random);
				case 3 -> mutate(random, utf8(pick(random, PAYLOADS)));
				default -> utf8(pick(random, PAYLOADS));
			};
			this.timestamp = switch (random.nextInt(20)) {
				case 0 -> -1;
				case 1 -> (random.nextBoolean()) ? 0 : Long.MIN_VALUE;
				default -> TIME + random.nextInt(1_000_000);
			};
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
			if (random.nextInt(30) == 0) {
				return new byte[0];
			}
			return switch (header) {
				case WireContract.HEADER_APP -> utf8((random.nextInt(10) == 0) ? "änderung-" + random.nextInt(50)
						: "app-" + random.nextInt(400));
				case WireContract.HEADER_SEQ -> utf8((random.nextInt(4) == 0) ? Long.toString(random.nextLong())
						: pick(random, SEQS));
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
			return (bytes != null) ? "\"" + new String(bytes, StandardCharsets.UTF_8) + "\" "
					+ java.util.Arrays.toString(bytes) : "null";
		}

	}

}
