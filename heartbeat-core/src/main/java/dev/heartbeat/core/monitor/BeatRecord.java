package dev.heartbeat.core.monitor;

import java.util.Objects;

import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.status.RunStatus;

/**
 * One consumed beat: the input of the deadline engine.
 * <p>
 * Headers may be missing from a record; the constructor then fills in fixed values, so the
 * engine and every event see the same thing: {@code app} and {@code instance} become {@code ""},
 * {@code health} becomes {@value #UNKNOWN_HEALTH} and {@code status} becomes
 * {@link RunStatus#RUNNING}.
 *
 * @param process the process id (the record key)
 * @param app the application name, {@code ""} if unknown
 * @param beat the beat
 * @param recordTime the record timestamp in epoch milliseconds; deadlines are measured from it
 * @param instance the id of the sending instance, {@code ""} if unknown
 * @param seq the sequence number of the beat within its instance
 * @param status the run status of the process when it sent the beat
 * @param health the health status code sent with the beat, {@value #UNKNOWN_HEALTH} if unknown
 */
public record BeatRecord(String process, String app, Beat beat, long recordTime, String instance, long seq,
		RunStatus status, String health) {

	/**
	 * The health code used when a record carries none.
	 */
	public static final String UNKNOWN_HEALTH = "UNKNOWN";

	/**
	 * Validating constructor that fills in missing headers.
	 * @param process the process id
	 * @param app the application name or {@code null}
	 * @param beat the beat
	 * @param recordTime the record timestamp in epoch milliseconds
	 * @param instance the instance id or {@code null}
	 * @param seq the sequence number
	 * @param status the run status or {@code null}
	 * @param health the health code or {@code null}
	 */
	public BeatRecord {
		Objects.requireNonNull(process, "process");
		Objects.requireNonNull(beat, "beat");
		if (process.isEmpty()) {
			throw new IllegalArgumentException("process must not be empty");
		}
		app = (app != null) ? app : "";
		instance = (instance != null) ? instance : "";
		status = (status != null) ? status : RunStatus.RUNNING;
		health = (health != null) ? health : UNKNOWN_HEALTH;
	}

	/**
	 * A record with no app, instance or health header, running, sequence 0; handy in tests.
	 * @param process the process id
	 * @param beat the beat
	 * @param recordTime the record timestamp in epoch milliseconds
	 * @return the record
	 */
	public static BeatRecord of(String process, Beat beat, long recordTime) {
		return new BeatRecord(process, null, beat, recordTime, null, 0, null, null);
	}

}
