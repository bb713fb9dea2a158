package dev.heartbeat.boot.monitor.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.monitor.BeatRecord;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.wire.WireContract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BeatRecordDecoderTests {

	@Test
	void keysWithAnyByteAnywhereShouldDecodeAsTheContractSays() {
		BeatRecordDecoder decoder = new BeatRecordDecoder(Duration.ofHours(24));
		ContractBeatRecordDecoder contract = new ContractBeatRecordDecoder(Duration.ofHours(24));
		byte[] value = "beat/5".getBytes(StandardCharsets.UTF_8);
		int valid = 0;
		for (int b = 0; b < 256; b++) {
			for (byte[] key : new byte[][] { { (byte) b }, { 'p', (byte) b }, { (byte) b, 'q', 'r' },
					{ 'o', 'r', 'd', 'e', 'r', 's', '-', (byte) b, '-', '1' } }) {
				ContractBeatRecordDecoder.Verdict expected = contract.decode(key, value, null, 1L);
				ContractBeatRecordDecoder.Verdict actual = BeatRecordDecoderPropertyTests
					.verdict(() -> decoder.decode(key, value, null, 1L));
				if (actual.record() != null) {
					valid++;
				}
				assertThat(actual).as("byte %d in %s", b, java.util.Arrays.toString(key)).isEqualTo(expected);
			}
		}
		// printable ASCII but '*', in each of the four positions
		assertThat(valid).isGreaterThanOrEqualTo(4 * 93);
	}

	private static final long TIME = 1_767_225_600_000L;

	private final BeatRecordDecoder decoder = new BeatRecordDecoder(Duration.ofHours(24));

	@Test
	void fullRecordShouldDecodeEveryHeader() throws InvalidRecordException {
		RecordHeaders headers = new RecordHeaders();
		header(headers, WireContract.HEADER_SUBJECT, "heartbeat.billing");
		header(headers, WireContract.HEADER_APP, "shop");
		header(headers, WireContract.HEADER_INSTANCE, "a1b2c3");
		header(headers, WireContract.HEADER_SEQ, "42");
		header(headers, WireContract.HEADER_STATUS, "PAUSED");
		header(headers, WireContract.HEADER_HEALTH, "OUT_OF_SERVICE");
		BeatRecord record = this.decoder.decode(bytes("billing"), bytes("degraded/2.5"), headers, TIME);
		assertThat(record).isEqualTo(new BeatRecord("billing", "shop", Beat.degraded(Duration.ofMillis(2500)), TIME,
				"a1b2c3", 42, RunStatus.PAUSED, "OUT_OF_SERVICE"));
	}

	@Test
	void headersInAnyOrderAmongForeignOnesShouldDecodeTheSame() throws InvalidRecordException {
		RecordHeaders headers = new RecordHeaders();
		header(headers, "traceparent", "00-abc-01");
		header(headers, WireContract.HEADER_HEALTH, "OUT_OF_SERVICE");
		header(headers, WireContract.HEADER_STATUS, "PAUSED");
		header(headers, "heartbeat-APP", "not-the-app");
		header(headers, WireContract.HEADER_SEQ, "42");
		header(headers, WireContract.HEADER_INSTANCE, "a1b2c3");
		header(headers, WireContract.HEADER_APP, "shop");
		BeatRecord record = this.decoder.decode(bytes("billing"), bytes("degraded/2.5"), headers, TIME);
		assertThat(record).isEqualTo(new BeatRecord("billing", "shop", Beat.degraded(Duration.ofMillis(2500)), TIME,
				"a1b2c3", 42, RunStatus.PAUSED, "OUT_OF_SERVICE"));
	}

	@Test
	void repeatedValuesShouldDecodeToEqualStringsRecordAfterRecord() throws InvalidRecordException {
		for (int i = 0; i < 3; i++) {
			RecordHeaders headers = new RecordHeaders();
			header(headers, WireContract.HEADER_APP, "shop");
			header(headers, WireContract.HEADER_HEALTH, "UP");
			BeatRecord record = this.decoder.decode(bytes("billing-" + i), bytes("beat/5"), headers, TIME);
			assertThat(record.app()).isEqualTo("shop");
			assertThat(record.health()).isEqualTo("UP");
			assertThat(record.beat()).isEqualTo(Beat.beat(Duration.ofSeconds(5)));
		}
	}

	@Test
	void bareRecordShouldGetTheDocumentedDefaults() throws InvalidRecordException {
		BeatRecord record = this.decoder.decode(bytes("billing"), bytes("beat/5"), new RecordHeaders(), TIME);
		assertThat(record.app()).isEmpty();
		assertThat(record.instance()).isEmpty();
		assertThat(record.seq()).isEqualTo(TIME);
		assertThat(record.status()).isEqualTo(RunStatus.RUNNING);
		assertThat(record.health()).isEqualTo(BeatRecord.UNKNOWN_HEALTH);
		assertThat(this.decoder.decode(bytes("billing"), bytes("stop"), null, TIME).beat()).isEqualTo(Beat.stop());
	}

	@Test
	void repeatedHeaderShouldTakeTheLast() throws InvalidRecordException {
		RecordHeaders headers = new RecordHeaders();
		header(headers, WireContract.HEADER_SEQ, "1");
		header(headers, WireContract.HEADER_SEQ, "2");
		assertThat(this.decoder.decode(bytes("p"), bytes("beat/5"), headers, TIME).seq()).isEqualTo(2);
	}

	@Test
	void nonAsciiProcessIdShouldDecode() throws InvalidRecordException {
		assertThat(this.decoder.decode(bytes("zahlung-äöü-✓"), bytes("beat/5"), null, TIME).process())
			.isEqualTo("zahlung-äöü-✓");
	}

	@Test
	void seqShouldAcceptTheWholeLongRange() throws InvalidRecordException {
		assertThat(seq(String.valueOf(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
		assertThat(seq(String.valueOf(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
		assertThat(seq("+7")).isEqualTo(7);
		assertThat(seq("0")).isZero();
	}

	@Test
	void statusShouldIgnoreCaseAndBlanks() throws InvalidRecordException {
		RecordHeaders headers = new RecordHeaders();
		header(headers, WireContract.HEADER_STATUS, " paused ");
		assertThat(this.decoder.decode(bytes("p"), bytes("beat/5"), headers, TIME).status()).isEqualTo(RunStatus.PAUSED);
	}

	@Test
	void missingKeyShouldBeInvalid() {
		assertReason(null, "beat/5", null, InvalidReason.KEY_MISSING);
		assertReason(new byte[0], "beat/5", null, InvalidReason.KEY_MISSING);
	}

	@Test
	void invalidKeyShouldBeInvalid() {
		assertReason(bytes("has space"), "beat/5", null, InvalidReason.KEY_INVALID);
		assertReason(bytes("*"), "beat/5", null, InvalidReason.KEY_INVALID);
		assertReason(bytes("tab\there"), "beat/5", null, InvalidReason.KEY_INVALID);
		assertReason(bytes("x".repeat(201)), "beat/5", null, InvalidReason.KEY_INVALID);
		assertReason(new byte[] { 'a', (byte) 0xC3, (byte) 0x28 }, "beat/5", null, InvalidReason.KEY_INVALID);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "''|PAYLOAD_EMPTY", "beat/5xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx|PAYLOAD_TOO_LONG",
			"alive/5|PAYLOAD_UNKNOWN_VERB", "beat|PAYLOAD_MISSING_DURATION", "beat/|PAYLOAD_MISSING_DURATION",
			"beat/five|PAYLOAD_NOT_A_NUMBER", "beat/1e3|PAYLOAD_TRAILING_GARBAGE", "beat/-5|PAYLOAD_NEGATIVE_DURATION",
			"beat/0|PAYLOAD_DURATION_OUT_OF_RANGE", "beat/99999999999|PAYLOAD_DURATION_OUT_OF_RANGE",
			"stop/5|PAYLOAD_TRAILING_GARBAGE", "beat/86401|DURATION_ABOVE_MAX", "start/100000|DURATION_ABOVE_MAX" })
	void badPayloadShouldBeInvalidWithItsReason(String payload, InvalidReason reason) {
		assertReason(bytes("p"), payload, null, reason);
	}

	@Test
	void payloadThatIsNotUtf8ShouldBeInvalid() {
		assertThatExceptionOfType(InvalidRecordException.class)
			.isThrownBy(() -> this.decoder.decode(bytes("p"), new byte[] { 'b', (byte) 0xFF }, null, TIME))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(InvalidReason.PAYLOAD_NOT_UTF8));
	}

	@Test
	void aTombstoneShouldNameTheProcessItForgets() throws InvalidRecordException {
		assertThat(this.decoder.tombstone(bytes("billing"), null)).isEqualTo("billing");
		assertThat(this.decoder.tombstone(bytes("billing"), bytes("beat/5"))).isNull();
		assertThat(this.decoder.tombstone(bytes("billing"), new byte[0])).isNull();
	}

	@Test
	void aTombstoneWithAKeyThatIsNoProcessIdShouldBeInvalidForItsKey() {
		assertThatExceptionOfType(InvalidRecordException.class)
			.isThrownBy(() -> this.decoder.tombstone(bytes("two words"), null))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(InvalidReason.KEY_INVALID));
		assertThatExceptionOfType(InvalidRecordException.class).isThrownBy(() -> this.decoder.tombstone(null, null))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(InvalidReason.KEY_MISSING));
	}

	@Test
	void nullPayloadShouldBeEmpty() {
		assertThatExceptionOfType(InvalidRecordException.class)
			.isThrownBy(() -> this.decoder.decode(bytes("p"), null, null, TIME))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(InvalidReason.PAYLOAD_EMPTY));
	}

	@Test
	void durationOfExactlyTheMaximumShouldBeAccepted() throws InvalidRecordException {
		assertThat(this.decoder.decode(bytes("p"), bytes("beat/86400"), null, TIME).beat().duration())
			.isEqualTo(Duration.ofHours(24));
		assertReason(bytes("p"), "beat/86400.000000001", null, InvalidReason.DURATION_ABOVE_MAX);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "''", "abc", "1.5", "-", "+", "12a", "9223372036854775808",
			"-9223372036854775809", "99999999999999999999" })
	void badSeqShouldBeInvalid(String seq) {
		RecordHeaders headers = new RecordHeaders();
		header(headers, WireContract.HEADER_SEQ, seq);
		assertReason(bytes("p"), "beat/5", headers, InvalidReason.SEQ_INVALID);
	}

	@Test
	void seqHeaderWithoutValueShouldBeInvalid() {
		RecordHeaders headers = new RecordHeaders();
		headers.add(WireContract.HEADER_SEQ, null);
		assertReason(bytes("p"), "beat/5", headers, InvalidReason.SEQ_INVALID);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "''", "STOPPED", "RUN", "RUNNING!" })
	void badStatusShouldBeInvalid(String status) {
		RecordHeaders headers = new RecordHeaders();
		header(headers, WireContract.HEADER_STATUS, status);
		assertReason(bytes("p"), "beat/5", headers, InvalidReason.STATUS_INVALID);
	}

	@Test
	void recordWithoutTimestampShouldBeInvalid() {
		assertThatExceptionOfType(InvalidRecordException.class)
			.isThrownBy(() -> this.decoder.decode(bytes("p"), bytes("beat/5"), null, -1))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(InvalidReason.TIMESTAMP_INVALID));
	}

	@Test
	void firstProblemShouldDecideTheReason() {
		RecordHeaders headers = new RecordHeaders();
		header(headers, WireContract.HEADER_SEQ, "x");
		assertReason(null, "nonsense", headers, InvalidReason.KEY_MISSING);
		assertReason(bytes("p"), "nonsense", headers, InvalidReason.PAYLOAD_UNKNOWN_VERB);
	}

	@Test
	void everyReasonShouldHaveADistinctTag() {
		assertThat(java.util.Arrays.stream(InvalidReason.values()).map(InvalidReason::tag).distinct())
			.hasSize(InvalidReason.values().length);
	}

	private long seq(String seq) throws InvalidRecordException {
		RecordHeaders headers = new RecordHeaders();
		header(headers, WireContract.HEADER_SEQ, seq);
		return this.decoder.decode(bytes("p"), bytes("beat/5"), headers, TIME).seq();
	}

	private void assertReason(byte[] key, String payload, RecordHeaders headers, InvalidReason reason) {
		assertThatExceptionOfType(InvalidRecordException.class)
			.isThrownBy(() -> this.decoder.decode(key, bytes(payload), headers, TIME))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason))
			.satisfies((ex) -> assertThat(ex.getMessage()).isNotBlank())
			.satisfies((ex) -> assertThat(ex.getStackTrace()).isEmpty());
	}

	private static void header(RecordHeaders headers, String key, String value) {
		headers.add(key, bytes(value));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
