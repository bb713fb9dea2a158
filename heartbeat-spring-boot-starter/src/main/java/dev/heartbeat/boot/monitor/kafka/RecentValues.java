package dev.heartbeat.boot.monitor.kafka;

import java.util.Arrays;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Remembers what a few recent byte arrays decoded to, so that a value that repeats record after
 * record (an app name, a health code, the payload {@code beat/5}) is decoded once rather than on
 * every record. Direct-mapped: each value has one slot, chosen by a hash of its bytes, and a new
 * value takes the slot over; arrays longer than {@value #MAX_BYTES} bytes are never kept. The
 * result is always what {@code decode} gives for the bytes: a hit returns the result of an earlier
 * call on equal bytes, so {@code decode} must be a pure function of the bytes.
 * <p>
 * Thread-safe without locks: a slot holds an immutable pair, published through its final fields.
 *
 * @param <T> what the bytes decode to; immutable
 */
final class RecentValues<T> {

	/**
	 * The longest array remembered.
	 */
	static final int MAX_BYTES = 64;

	private final @Nullable Slot<T>[] slots;

	// turns a well-mixed 32-bit hash into a slot index: its top bits
	private final int shift;

	private final Function<byte[], T> decode;

	/**
	 * A cache.
	 * @param slots the number of slots, a power of two
	 * @param decode what a miss calls; a pure function of the bytes, which it must not keep
	 */
	@SuppressWarnings("unchecked")
	RecentValues(int slots, Function<byte[], T> decode) {
		if (slots <= 0 || Integer.bitCount(slots) != 1) {
			throw new IllegalArgumentException("slots must be a power of two, was " + slots);
		}
		this.slots = new Slot[slots];
		this.shift = Integer.SIZE - Integer.numberOfTrailingZeros(slots);
		this.decode = decode;
	}

	/**
	 * What the bytes decode to.
	 * @param bytes the bytes, not changed
	 * @return the value: remembered from equal bytes, or decoded now
	 */
	T get(byte[] bytes) {
		if (bytes.length > MAX_BYTES) {
			return this.decode.apply(bytes);
		}
		int index = index(bytes);
		Slot<T> slot = this.slots[index];
		if (slot != null && Arrays.equals(slot.bytes, bytes)) {
			return slot.value;
		}
		T value = this.decode.apply(bytes);
		if (value != null) {
			// a copy: the caller's array is not ours to keep
			this.slots[index] = new Slot<>(bytes.clone(), value);
		}
		return value;
	}

	private int index(byte[] bytes) {
		int hash = bytes.length;
		for (byte b : bytes) {
			hash = 31 * hash + b;
		}
		// the mask only matters for a single slot, where the shift of 32 is no shift at all
		return ((hash * 0x9E3779B9) >>> this.shift) & (this.slots.length - 1);
	}

	private static final class Slot<T> {

		final byte[] bytes;

		final T value;

		Slot(byte[] bytes, T value) {
			this.bytes = bytes;
			this.value = value;
		}

	}

}
