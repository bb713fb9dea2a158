package dev.heartbeat.boot.monitor.kafka;

import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import dev.heartbeat.boot.monitor.kafka.SightCheckpoints.Checkpoint;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.monitor.ReportedState;

/**
 * The records of the state topic (see the wire contract in the README): UTF-8 text values of
 * space-separated {@code name=value} fields, times in epoch milliseconds.
 * Keys begin with the monitor's consumer group and a space, so that groups of monitors (which
 * tell listeners of their own) share the topic without reading each other's records:
 * <ul>
 * <li>key = {@code <group> <process>}: what the process's listeners were told,
 * {@code v=1 partition=<p> state=<STATE> at=<ms> [reminder-from=<ms>] [snoozed-until=<ms>]};
 * a tombstone (no value) when the process was forgotten;</li>
 * <li>key = {@code <group> *seen-<p>} ({@code *} is never in a process id): up to when the
 * partition's owner saw heartbeat partition {@code p},
 * {@code v=1 partition=<p> seen-up-to=<ms> end-offset=<n>}.</li>
 * </ul>
 * Fields this version does not know are ignored, so that later versions may add some; a value
 * that cannot be read is ignored as a whole.
 */
final class StateRecords {

	static final String VERSION = "1";

	private static final String CHECKPOINT_PREFIX = "*seen-";

	private StateRecords() {
	}

	/**
	 * The key of what a process's listeners were told.
	 * @param group the monitor's consumer group
	 * @param process the process id
	 * @return the key
	 */
	static String key(String group, String process) {
		return group + ' ' + process;
	}

	/**
	 * The key of a partition's checkpoint.
	 * @param group the monitor's consumer group
	 * @param partition the heartbeat partition
	 * @return the key
	 */
	static String checkpointKey(String group, int partition) {
		return key(group, CHECKPOINT_PREFIX + partition);
	}

	/**
	 * What a key of a group names: a process id, or a checkpoint's name.
	 * @param group the monitor's consumer group
	 * @param key the key
	 * @return the name, or {@code null} if the key is another group's
	 */
	static String name(String group, String key) {
		return (key.length() > group.length() && key.startsWith(group) && key.charAt(group.length()) == ' ')
				? key.substring(group.length() + 1) : null;
	}

	/**
	 * Whether a name is a checkpoint's.
	 * @param name the name in the key
	 * @return whether it starts with {@code *seen-}
	 */
	static boolean isCheckpoint(String name) {
		return name.startsWith(CHECKPOINT_PREFIX);
	}

	static String encode(int partition, ReportedState reported) {
		StringBuilder value = new StringBuilder(96).append("v=").append(VERSION)
			.append(" partition=").append(partition)
			.append(" state=").append(reported.state().name())
			.append(" at=").append(reported.at().toEpochMilli());
		if (reported.reminderFrom() != null) {
			value.append(" reminder-from=").append(reported.reminderFrom().toEpochMilli());
		}
		if (reported.snoozedUntil() != null) {
			value.append(" snoozed-until=").append(reported.snoozedUntil().toEpochMilli());
		}
		return value.toString();
	}

	static String encode(int partition, Checkpoint checkpoint) {
		return "v=" + VERSION + " partition=" + partition + " seen-up-to=" + checkpoint.seenUpTo() + " end-offset="
				+ checkpoint.endOffset();
	}

	/**
	 * The heartbeat partition a value is about.
	 * @param value the value
	 * @return the partition, or -1 if the value cannot be read
	 */
	static int partition(String value) {
		Map<String, String> fields = fields(value);
		return (fields != null) ? (int) number(fields, "partition", -1) : -1;
	}

	/**
	 * What a process's listeners were told.
	 * @param value the value
	 * @return the reported state, or {@code null} if the value cannot be read
	 */
	static ReportedState reported(String value) {
		Map<String, String> fields = fields(value);
		try {
			if (fields == null || !fields.containsKey("state") || !fields.containsKey("at")) {
				return null;
			}
			ProcessState state = ProcessState.valueOf(fields.get("state").toUpperCase(Locale.ROOT));
			return new ReportedState(state, Instant.ofEpochMilli(number(fields, "at", 0)), instant(fields, "reminder-from"),
					instant(fields, "snoozed-until"));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * A partition's checkpoint.
	 * @param value the value
	 * @return the checkpoint, or {@code null} if the value cannot be read
	 */
	static Checkpoint checkpoint(String value) {
		Map<String, String> fields = fields(value);
		if (fields == null || !fields.containsKey("seen-up-to") || !fields.containsKey("end-offset")) {
			return null;
		}
		long seenUpTo = number(fields, "seen-up-to", -1);
		long endOffset = number(fields, "end-offset", -1);
		return (seenUpTo >= 0 && endOffset >= 0) ? new Checkpoint(seenUpTo, endOffset) : null;
	}

	// the fields of a value of this version, or null
	private static Map<String, String> fields(String value) {
		if (value == null) {
			return null;
		}
		Map<String, String> fields = new HashMap<>();
		for (String field : value.strip().split(" +")) {
			int equals = field.indexOf('=');
			if (equals > 0) {
				fields.put(field.substring(0, equals), field.substring(equals + 1));
			}
		}
		return VERSION.equals(fields.get("v")) ? fields : null;
	}

	private static long number(Map<String, String> fields, String name, long otherwise) {
		String text = fields.get(name);
		if (text == null) {
			return otherwise;
		}
		try {
			return Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			return otherwise;
		}
	}

	private static Instant instant(Map<String, String> fields, String name) {
		long millis = number(fields, name, Long.MIN_VALUE);
		return (millis != Long.MIN_VALUE) ? Instant.ofEpochMilli(millis) : null;
	}

}
