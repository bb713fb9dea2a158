package dev.heartbeat.boot.test;

/**
 * The messages of an exception and all its causes, one per line, for asserting that a start-up
 * failure names what to fix.
 */
public final class FailureMessages {

	private FailureMessages() {
	}

	public static String of(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage()).append('\n');
			if (cause.getCause() == cause) {
				break;
			}
		}
		return messages.toString();
	}

}
