package dev.heartbeat.core.monitor.internal;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.monitor.BeatRecord;
import dev.heartbeat.core.status.RunStatus;

/**
 * The fields of a {@link BeatRecord} in a mutable holder, for a consumer that applies many records
 * one after the other ({@link BatchIngest#onBeats}) and would rather reuse a few holders than
 * allocate a record each time. The instance id can be given packed, as the engine
 * keeps it, so that a short hex id needs no string at all: {@link #instance()} makes one only
 * when asked.
 * <p>
 * Missing values are filled in as {@link BeatRecord} does. Not thread-safe.
 */
public final class BeatFields {

	private static final long EMPTY_INSTANCE = InstanceIds.pack("");

	private @Nullable String process;

	private String app = "";

	private Beat beat;

	private long recordTime;

	// the instance id when it is not packed, or once unpacked
	private @Nullable String instance = "";

	private long packedInstance = EMPTY_INSTANCE;

	private long seq;

	private RunStatus status = RunStatus.RUNNING;

	private String health = BeatRecord.UNKNOWN_HEALTH;

	private int partition = ProcessEntry.NO_PARTITION;

	/**
	 * Set every field, as the canonical constructor of {@link BeatRecord} takes them.
	 * @param process the process id
	 * @param app the application name or {@code null}
	 * @param beat the beat
	 * @param recordTime the record timestamp in epoch milliseconds
	 * @param instance the instance id or {@code null}
	 * @param seq the sequence number
	 * @param status the run status or {@code null}
	 * @param health the health code or {@code null}
	 * @return this
	 */
	public BeatFields set(String process, @Nullable String app, Beat beat, long recordTime, @Nullable String instance, long seq,
			@Nullable RunStatus status, @Nullable String health) {
		String id = (instance != null) ? instance : "";
		return set(process, app, beat, recordTime, id, InstanceIds.pack(id), seq, status, health);
	}

	/**
	 * Set every field, the instance id given as its UTF-8 bytes: packed when it is short
	 * lower-case hex (no string made), decoded otherwise.
	 * @param process the process id
	 * @param app the application name or {@code null}
	 * @param beat the beat
	 * @param recordTime the record timestamp in epoch milliseconds
	 * @param instance the instance id's UTF-8 bytes (malformed sequences decode to U+FFFD, as
	 * {@code new String(bytes, UTF_8)} does), or {@code null}
	 * @param seq the sequence number
	 * @param status the run status or {@code null}
	 * @param health the health code or {@code null}
	 * @return this
	 */
	public BeatFields set(String process, @Nullable String app, Beat beat, long recordTime, byte @Nullable [] instance, long seq,
			@Nullable RunStatus status, @Nullable String health) {
		if (instance == null) {
			return set(process, app, beat, recordTime, "", EMPTY_INSTANCE, seq, status, health);
		}
		long packed = InstanceIds.pack(instance);
		String text = (packed != InstanceIds.NOT_PACKED) ? null
				: new String(instance, StandardCharsets.UTF_8);
		return set(process, app, beat, recordTime, text, packed, seq, status, health);
	}

	/**
	 * Set the fields of a record.
	 * @param record the record
	 * @return this
	 */
	public BeatFields set(BeatRecord record) {
		return set(record.process(), record.app(), record.beat(), record.recordTime(), record.instance(), record.seq(),
				record.status(), record.health());
	}

	private BeatFields set(String process, @Nullable String app, Beat beat, long recordTime, @Nullable String instance,
			long packedInstance, long seq, @Nullable RunStatus status, @Nullable String health) {
		Objects.requireNonNull(process, "process");
		Objects.requireNonNull(beat, "beat");
		if (process.isEmpty()) {
			throw new IllegalArgumentException("process must not be empty");
		}
		this.process = process;
		this.app = (app != null) ? app : "";
		this.beat = beat;
		this.recordTime = recordTime;
		this.instance = instance;
		this.packedInstance = packedInstance;
		this.seq = seq;
		this.status = (status != null) ? status : RunStatus.RUNNING;
		this.health = (health != null) ? health : BeatRecord.UNKNOWN_HEALTH;
		this.partition = ProcessEntry.NO_PARTITION;
		return this;
	}

	/**
	 * Set the heartbeat partition the record came from (every {@code set} clears it).
	 * @param partition the partition, not negative
	 * @return this
	 */
	public BeatFields partition(int partition) {
		if (partition < 0) {
			throw new IllegalArgumentException("partition must not be negative, was " + partition);
		}
		this.partition = partition;
		return this;
	}

	/**
	 * The heartbeat partition the record came from.
	 * @return the partition, or -1 if not set
	 */
	public int partition() {
		return this.partition;
	}

	/**
	 * The process id.
	 * @return the process id, {@code null} before the first set
	 */
	public @Nullable String process() {
		return this.process;
	}

	/**
	 * The application name.
	 * @return the name, {@code ""} if unknown
	 */
	public String app() {
		return this.app;
	}

	/**
	 * The beat.
	 * @return the beat
	 */
	public Beat beat() {
		return this.beat;
	}

	/**
	 * The record time.
	 * @return epoch milliseconds
	 */
	public long recordTime() {
		return this.recordTime;
	}

	/**
	 * The instance id, made from its packed form if need be.
	 * @return the id, {@code ""} if unknown
	 */
	public String instance() {
		if (this.instance == null) {
			this.instance = InstanceIds.unpack(this.packedInstance);
		}
		return this.instance;
	}

	/**
	 * The sequence number.
	 * @return the sequence number
	 */
	public long seq() {
		return this.seq;
	}

	/**
	 * The run status.
	 * @return the status
	 */
	public RunStatus status() {
		return this.status;
	}

	/**
	 * The health code.
	 * @return the code, {@value BeatRecord#UNKNOWN_HEALTH} if unknown
	 */
	public String health() {
		return this.health;
	}

	/**
	 * The fields as a record.
	 * @return a new record
	 */
	public BeatRecord toRecord() {
		return new BeatRecord(this.process, this.app, this.beat, this.recordTime, instance(), this.seq, this.status,
				this.health);
	}

	// the instance id as the engine keeps it: packed, or InstanceIds.NOT_PACKED
	long packedInstance() {
		return this.packedInstance;
	}

	// the instance id's string when it is not packed; null (or the unpacked string) when it is
	@Nullable String instanceText() {
		return this.instance;
	}

	@Override
	public String toString() {
		return "BeatFields" + toRecord().toString().substring("BeatRecord".length());
	}

}
