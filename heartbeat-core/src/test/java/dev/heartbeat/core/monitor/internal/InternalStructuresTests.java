package dev.heartbeat.core.monitor.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InternalStructuresTests {

	@Test
	void shortLowerCaseHexInstanceIdsShouldPackAndUnpackToTheSameId() {
		for (String id : List.of("", "0", "00ab", "3f9c2a7d1e0b", "ffffffffffffff")) {
			long packed = InstanceIds.pack(id);
			assertThat(packed).isNotEqualTo(InstanceIds.NOT_PACKED).isNotNegative();
			assertThat(InstanceIds.unpack(packed)).isEqualTo(id);
		}
		assertThat(InstanceIds.pack("0")).isNotEqualTo(InstanceIds.pack("00"));
	}

	@Test
	void otherInstanceIdsShouldNotPack() {
		for (String id : List.of("ABC", "pod-1", "fffffffffffffff", "12:34")) {
			assertThat(InstanceIds.pack(id)).isEqualTo(InstanceIds.NOT_PACKED);
		}
	}

	@Test
	void packingTheBytesOfAnIdShouldGiveWhatPackingItsStringGives() {
		// ids near the packable ones: hex of either case, other ASCII, multi-byte characters,
		// malformed UTF-8, lengths around the limit
		byte[] alphabet = "0123456789abcdefABCDEFgz-: \u00e9".getBytes(StandardCharsets.UTF_8);
		Random random = new Random(7);
		List<byte[]> ids = new ArrayList<>();
		ids.add(new byte[0]);
		ids.add(new byte[] { (byte) 0xff });
		ids.add(new byte[] { (byte) 0xc3 });
		for (int n = 0; n < 20_000; n++) {
			byte[] id = new byte[random.nextInt(18)];
			for (int i = 0; i < id.length; i++) {
				// mostly lower-case hex, so that many pack
				id[i] = (random.nextInt(4) > 0) ? alphabet[random.nextInt(16)] : alphabet[random.nextInt(alphabet.length)];
			}
			ids.add(id);
		}
		int packed = 0;
		for (byte[] id : ids) {
			long bits = InstanceIds.pack(id);
			assertThat(bits).as(Arrays.toString(id)).isEqualTo(InstanceIds.pack(new String(id, StandardCharsets.UTF_8)));
			if (bits != InstanceIds.NOT_PACKED) {
				assertThat(InstanceIds.unpack(bits).getBytes(StandardCharsets.UTF_8)).isEqualTo(id);
				packed++;
			}
		}
		assertThat(packed).isGreaterThan(1_000).isLessThan(ids.size() - 1_000);
	}

	@Test
	void offsetsShouldBeExactInDecimalAndRoundedUpToTheMillisecond() {
		DeadlineMath math = new DeadlineMath(1.1, 3);
		math.of(1_000_000_000L);
		assertThat(math.lateOffset()).isEqualTo(1_100);
		assertThat(math.deadOffset()).isEqualTo(3_000);
		math.of(333_333L);
		assertThat(math.lateOffset()).isEqualTo(1);
		assertThat(DeadlineMath.offset(1_000_001L, BigDecimal.valueOf(1.5))).isEqualTo(2);
	}

	@Test
	void offsetCacheCollisionsShouldNeverReturnAnotherDurationsOffsets() {
		DeadlineMath math = new DeadlineMath(1.5, 3);
		for (long seconds = 1; seconds < 5_000; seconds++) {
			math.of(seconds * 1_000_000_000L);
			assertThat(math.lateOffset()).isEqualTo(seconds * 1_500);
			assertThat(math.deadOffset()).isEqualTo(seconds * 3_000);
		}
	}

	@Test
	void processTableShouldFindAddRemoveAndGrow() {
		ProcessTable<Item> table = new ProcessTable<>();
		List<Item> items = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			Item item = new Item("p-" + i);
			items.add(item);
			table.add(item);
		}
		assertThat(table.size()).isEqualTo(10_000);
		assertThat(table.get(new String("p-1234"))).isSameAs(items.get(1234));
		assertThat(table.get("missing")).isNull();
		assertThat(table.remove(items.get(7))).isTrue();
		assertThat(table.remove(items.get(7))).isFalse();
		assertThat(table.get("p-7")).isNull();
		List<String> removed = new ArrayList<>();
		int count = table.removeIf((item) -> item.key().endsWith("0"), (item) -> removed.add(item.key()));
		assertThat(count).isEqualTo(1_000).isEqualTo(removed.size());
		assertThat(table.size()).isEqualTo(8_999);
		assertThat(table.get("p-10")).isNull();
		int[] visited = new int[1];
		table.forEachWhile((item) -> ++visited[0] < 5);
		assertThat(visited[0]).isEqualTo(5);
	}

	@Test
	void processTablePrefetchShouldChangeNothingForAnyKeysAndCount() {
		ProcessTable<Item> table = new ProcessTable<>();
		for (int i = 0; i < 1_000; i++) {
			table.add(new Item("p" + i));
		}
		assertThat(table.prefetch(new String[0], 0)).isZero();
		String[] keys = new String[1_500];
		for (int i = 0; i < keys.length; i++) {
			// known and unknown keys, fresh strings as a consumer decodes them
			keys[i] = new String("p" + (i * 7 % 2_000));
		}
		table.prefetch(keys, 10);
		table.prefetch(keys, keys.length);
		table.prefetch(keys, 3);
		assertThat(table.size()).isEqualTo(1_000);
		for (int i = 0; i < 2_000; i++) {
			Item item = table.get("p" + i);
			if (i < 1_000) {
				assertThat(item).isNotNull().extracting(Item::key).isEqualTo("p" + i);
			}
			else {
				assertThat(item).isNull();
			}
		}
	}

	@Test
	void deduplicatorShouldShareEqualValuesUpToItsMaximum() {
		StringDeduplicator deduplicator = new StringDeduplicator(1);
		String up = new String("UP");
		assertThat(deduplicator.dedupe(up)).isSameAs(up);
		assertThat(deduplicator.dedupe(new String("UP"))).isSameAs(up);
		String down = new String("DOWN");
		assertThat(deduplicator.dedupe(down)).isSameAs(down);
		assertThat(deduplicator.size()).isOne();
	}

	static final class Item extends ProcessTable.Entry {

		Item(String key) {
			super(key);
		}

	}

}
