package dev.heartbeat.core.monitor.internal;

import java.util.Arrays;

/**
 * Packs short lower-case hex instance ids (the heart's default ids are 12 hex digits) into a
 * {@code long}, so that a tracked process need not retain a 56-byte string for its instance.
 * Ids of up to {@value #MAX_PACKED_LENGTH} characters of {@code [0-9a-f]} are packed as the
 * digits in the low 56 bits and the length above them; anything else is kept as a string.
 */
public final class InstanceIds {

	/**
	 * Returned by {@link #pack(String)} for an id that does not fit.
	 */
	public static final long NOT_PACKED = -1L;

	/**
	 * The longest id that is packed.
	 */
	public static final int MAX_PACKED_LENGTH = 14;

	private static final char[] DIGITS = "0123456789abcdef".toCharArray();

	// the value of each byte as a lower-case hex digit, -1 if it is none
	private static final byte[] HEX_DIGITS = new byte[256];

	static {
		Arrays.fill(HEX_DIGITS, (byte) -1);
		for (int i = 0; i < DIGITS.length; i++) {
			HEX_DIGITS[DIGITS[i]] = (byte) i;
		}
	}

	private InstanceIds() {
	}

	/**
	 * Pack an id, allocating nothing.
	 * @param id the id
	 * @return the packed id (never negative), or {@link #NOT_PACKED}
	 */
	public static long pack(String id) {
		int length = id.length();
		if (length > MAX_PACKED_LENGTH) {
			return NOT_PACKED;
		}
		long bits = 0;
		for (int i = 0; i < length; i++) {
			int digit = digit(id.charAt(i));
			if (digit < 0) {
				return NOT_PACKED;
			}
			bits = (bits << 4) | digit;
		}
		return ((long) length << 56) | bits;
	}

	// the value of a lower-case hex digit, -1 for any other character
	private static int digit(int c) {
		return (c < HEX_DIGITS.length) ? HEX_DIGITS[c] : -1;
	}

	/**
	 * Pack an id given as its UTF-8 bytes, allocating nothing: the same as
	 * {@code pack(new String(utf8, UTF_8))}, since every id that packs is ASCII.
	 * @param utf8 the id's bytes
	 * @return the packed id (never negative), or {@link #NOT_PACKED}
	 */
	public static long pack(byte[] utf8) {
		int length = utf8.length;
		if (length > MAX_PACKED_LENGTH) {
			return NOT_PACKED;
		}
		// branch-free: random hex digits would mispredict a branch between 0-9 and a-f; any byte
		// that is not a digit (including those of multi-byte characters) makes invalid negative
		long bits = 0;
		int invalid = 0;
		for (int i = 0; i < length; i++) {
			int digit = digit(utf8[i] & 0xFF);
			invalid |= digit;
			bits = (bits << 4) | (digit & 0xF);
		}
		return (invalid < 0) ? NOT_PACKED : ((long) length << 56) | bits;
	}

	/**
	 * Unpack an id.
	 * @param packed a value returned by {@link #pack(String)}, other than {@link #NOT_PACKED}
	 * @return the id
	 */
	public static String unpack(long packed) {
		int length = (int) (packed >>> 56);
		char[] chars = new char[length];
		long bits = packed;
		for (int i = length - 1; i >= 0; i--) {
			chars[i] = DIGITS[(int) (bits & 0xF)];
			bits >>>= 4;
		}
		return new String(chars);
	}

}
