package dev.heartbeat.boot.monitor.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class RecentValuesTests {

	private final List<String> decoded = new ArrayList<>();

	private final RecentValues<String> values = new RecentValues<>(64, (bytes) -> {
		String text = new String(bytes, StandardCharsets.UTF_8);
		this.decoded.add(text);
		return text;
	});

	@Test
	void repeatedBytesShouldBeDecodedOnceAndGiveTheSameValue() {
		String first = this.values.get(utf8("orders"));
		String second = this.values.get(utf8("orders"));
		assertThat(first).isEqualTo("orders").isSameAs(second);
		assertThat(this.decoded).containsExactly("orders");
	}

	@Test
	void changingTheCallersArrayAfterwardsShouldNotChangeWhatIsRemembered() {
		byte[] bytes = utf8("orders");
		this.values.get(bytes);
		bytes[0] = 'b';
		assertThat(this.values.get(bytes)).isEqualTo("brders");
		assertThat(this.values.get(utf8("orders"))).isEqualTo("orders");
	}

	@Test
	void manyDistinctValuesShouldAlwaysDecodeCorrectlyWhateverTheyEvict() {
		for (int round = 0; round < 3; round++) {
			for (int i = 0; i < 1_000; i++) {
				assertThat(this.values.get(utf8("app-" + i))).isEqualTo("app-" + i);
			}
		}
		assertThat(this.decoded).hasSizeGreaterThan(1_000);
	}

	@Test
	void emptyAndNonUtf8BytesShouldDecodeAsTheFunctionDoes() {
		assertThat(this.values.get(new byte[0])).isEmpty();
		byte[] malformed = { 'a', (byte) 0xC3 };
		assertThat(this.values.get(malformed)).isEqualTo(new String(malformed, StandardCharsets.UTF_8));
		assertThat(this.values.get(malformed.clone())).isEqualTo("a\uFFFD");
	}

	@Test
	void bytesLongerThanTheLimitShouldBeDecodedEveryTime() {
		byte[] longBytes = utf8("x".repeat(RecentValues.MAX_BYTES + 1));
		this.values.get(longBytes);
		this.values.get(longBytes);
		assertThat(this.decoded).hasSize(2);
	}

	@Test
	void failedDecodingShouldPropagateAndBeTriedAgainNextTime() {
		List<byte[]> calls = new ArrayList<>();
		RecentValues<String> failing = new RecentValues<>(8, (bytes) -> {
			calls.add(bytes);
			throw new IllegalStateException("bad");
		});
		assertThatIllegalStateException().isThrownBy(() -> failing.get(utf8("x")));
		assertThatIllegalStateException().isThrownBy(() -> failing.get(utf8("x")));
		assertThat(calls).hasSize(2);
	}

	@Test
	void singleSlotShouldStillWork() {
		RecentValues<String> one = new RecentValues<>(1, (bytes) -> new String(bytes, StandardCharsets.UTF_8));
		assertThat(one.get(utf8("a"))).isEqualTo("a");
		assertThat(one.get(utf8("b"))).isEqualTo("b");
		assertThat(one.get(utf8("a"))).isEqualTo("a");
	}

	@Test
	void slotCountThatIsNotAPowerOfTwoShouldBeRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RecentValues<>(48, (bytes) -> ""))
			.withMessageContaining("48");
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
