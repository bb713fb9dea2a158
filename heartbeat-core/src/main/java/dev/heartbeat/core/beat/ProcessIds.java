package dev.heartbeat.core.beat;

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
	public static boolean isValid(String process) {
		return problem(process) == null;
	}

	/**
	 * What is wrong with a process id.
	 * @param process the id
	 * @return a sentence naming the problem, or {@code null} if the id is valid
	 */
	public static String problem(String process) {
		if (process == null || process.isEmpty()) {
			return "Invalid process id \"\": it must not be empty";
		}
		if (process.length() > MAX_LENGTH) {
			return "Invalid process id \"" + BeatCodec.escape(process.substring(0, 40)) + "...\": it has "
					+ process.length() + " characters, at most " + MAX_LENGTH + " are allowed";
		}
		for (int i = 0; i < process.length(); i++) {
			char c = process.charAt(i);
			if (c > ' ' && c < 0x7f && c != '*') {
				// printable ASCII, what ids nearly always are: none of the checks below can fail
				continue;
			}
			if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
				return "Invalid process id \"" + BeatCodec.escape(process) + "\": it contains whitespace at index " + i;
			}
			if (Character.isISOControl(c)) {
				return "Invalid process id \"" + BeatCodec.escape(process)
						+ "\": it contains a control character at index " + i;
			}
			if (c == '*') {
				return "Invalid process id \"" + BeatCodec.escape(process)
						+ "\": '*' is reserved for addressing every process";
			}
		}
		return null;
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
