package dev.heartbeat.core.beat;

import org.jspecify.annotations.Nullable;

/**
 * Process ids and the subjects made from them.
 * <p>
 * A process id is 1 to {@value #MAX_LENGTH} characters with no whitespace, no control
 * characters and no {@code *} (which addresses every process on the control topic).
 */
public final class ProcessIds {

	/**
	 * The longest process id accepted, in characters.
	 */
	public static final int MAX_LENGTH = 200;

	/**
	 * The prefix of every subject.
	 */
	public static final String SUBJECT_PREFIX = "heartbeat.";

	// 1 for each byte that is not a plain id character (see isPlain): blanks and control
	// characters, '*', DEL and every byte of a multi-byte UTF-8 character
	private static final byte[] NOT_PLAIN = new byte[256];

	static {
		for (int b = 0; b < NOT_PLAIN.length; b++) {
			NOT_PLAIN[b] = (byte) (isPlain((char) b) ? 0 : 1);
		}
	}

	private ProcessIds() {
	}

	/**
	 * Validate a process id.
	 * @param process the id
	 * @return the id
	 * @throws IllegalArgumentException naming what is wrong and quoting the id
	 */
	public static String requireValid(String process) {
		String problem = problem(process);
		if (problem != null) {
			throw new IllegalArgumentException(problem);
		}
		return process;
	}

	/**
	 * Whether a process id is valid.
	 * @param process the id
	 * @return whether {@link #requireValid(String)} would accept it
	 */
	public static boolean isValid(@Nullable String process) {
		return reason(process) == null;
	}

	/**
	 * Whether the UTF-8 bytes of an id are a plain id: 1 to {@value #MAX_LENGTH} bytes of
	 * printable ASCII other than {@code *}. Such bytes decode byte for byte (as ISO-8859-1 too)
	 * into an id that {@link #problem} accepts, so a reader of raw ids can skip decoding and
	 * validating them; any other bytes may still be a valid id and need both. One table lookup a
	 * byte and no branch, the verdict taken once at the end.
	 * @param utf8 the bytes
	 * @return whether they are a plain id
	 */
	public static boolean isPlain(byte[] utf8) {
		if (utf8.length == 0 || utf8.length > MAX_LENGTH) {
			return false;
		}
		int notPlain = 0;
		for (byte b : utf8) {
			notPlain |= NOT_PLAIN[b & 0xFF];
		}
		return notPlain == 0;
	}

	// printable ASCII other than '*': none of the checks of problem() can fail on it
	private static boolean isPlain(char c) {
		return c > ' ' && c < 0x7f && c != '*';
	}

	/**
	 * What is wrong with a process id.
	 * @param process the id
	 * @return a sentence naming the problem and quoting the id, or {@code null} if the id is valid
	 */
	public static @Nullable String problem(@Nullable String process) {
		String reason = reason(process);
		return (reason != null) ? "Invalid process id \"" + quote(process) + "\": " + reason : null;
	}

	/**
	 * What is wrong with a process id, without quoting it, e.g.
	 * {@code it contains whitespace at index 5}.
	 * @param process the id
	 * @return the reason, or {@code null} if the id is valid
	 */
	public static @Nullable String reason(@Nullable String process) {
		if (process == null || process.isEmpty()) {
			return "it must not be empty";
		}
		if (process.length() > MAX_LENGTH) {
			return "it has " + process.length() + " characters, at most " + MAX_LENGTH + " are allowed";
		}
		for (int i = 0; i < process.length(); i++) {
			char c = process.charAt(i);
			if (isPlain(c)) {
				// what ids nearly always are
				continue;
			}
			if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
				return "it contains whitespace at index " + i;
			}
			if (Character.isISOControl(c)) {
				return "it contains a control character at index " + i;
			}
			if (c == '*') {
				return "'*' is reserved for addressing every process";
			}
		}
		return null;
	}

	private static String quote(@Nullable String process) {
		if (process == null) {
			return "";
		}
		return (process.length() > MAX_LENGTH) ? BeatCodec.escape(process.substring(0, 40)) + "..."
				: BeatCodec.escape(process);
	}

	/**
	 * The subject of a process.
	 * @param process a valid process id
	 * @return {@code heartbeat.<process>}
	 */
	public static String subject(String process) {
		return SUBJECT_PREFIX + process;
	}

}
