package dev.heartbeat.core.monitor.internal;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.heartbeat.core.beat.BeatKind;
import dev.heartbeat.core.monitor.LastBeatInfo;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.status.RunStatus;

/**
 * What the engine keeps per tracked process, kept small on purpose (about 112 bytes with
 * compressed references, plus the key string): primitives and ordinals instead of objects, shared
 * app and health strings, the instance id packed into a {@code long} when it is short hex, the
 * deadlines computed from the record time and duration instead of stored, and the links of the
 * process table and the timing wheel inherited instead of held in node objects.
 * <p>
 * Every field is guarded by the lock of the owning {@link EngineCore}.
 */
final class ProcessEntry extends ProcessTable.Entry {

	static final long NOT_SNOOZED = Long.MIN_VALUE;

	static final int STOP = BeatKind.STOP.ordinal();

	private static final ProcessState[] STATES = ProcessState.values();

	private static final BeatKind[] KINDS = BeatKind.values();

	private static final RunStatus[] STATUSES = RunStatus.values();

	// deduplicated
	String app;

	// deduplicated
	String health;

	// the instance id when it could not be packed, otherwise null
	@Nullable String instanceText;

	// the packed instance id, or InstanceIds.NOT_PACKED
	long instanceBits = InstanceIds.NOT_PACKED;

	// of the last accepted beat
	long recordTime;

	long seq;

	// the warm-up or period in nanoseconds; 0 for stop
	long durationNanos;

	// when the current state began: a record time or a deadline
	long stateSince;

	// the due time of the last reminder, or when DEAD was reported
	long reminderAnchor;

	// epoch millis until which events are held back, or NOT_SNOOZED
	long snoozedUntil = NOT_SNOOZED;

	// BeatKind ordinal
	byte kind;

	// RunStatus ordinal
	byte status;

	// ProcessState ordinal of the current state
	byte state;

	// ProcessState ordinal of the state last reported through an event
	byte reported;

	ProcessEntry(String process) {
		super(process);
	}

	@Override
	protected int touch() {
		// this class's fields come after the table's and the wheel's: the first and last of them
		// and those a beat's admission reads, whichever cache lines they fall in
		return (int) (this.instanceBits + this.seq) + this.reported + ((this.health != null) ? 1 : 0);
	}

	boolean hasInstance(@Nullable String instance, long packed) {
		if (packed != InstanceIds.NOT_PACKED) {
			return this.instanceText == null && this.instanceBits == packed;
		}
		return this.instanceText != null && this.instanceText.equals(instance);
	}

	void setInstance(@Nullable String instance, long packed) {
		if (packed != InstanceIds.NOT_PACKED) {
			this.instanceBits = packed;
			this.instanceText = null;
		}
		else if (!instance.equals(this.instanceText)) {
			this.instanceBits = InstanceIds.NOT_PACKED;
			this.instanceText = instance;
		}
	}

	String instance() {
		return (this.instanceText != null) ? this.instanceText : InstanceIds.unpack(this.instanceBits);
	}

	BeatKind beatKind() {
		return KINDS[this.kind];
	}

	ProcessState currentState() {
		return STATES[this.state];
	}

	ProcessState reportedState() {
		return STATES[this.reported];
	}

	// the last accepted beat, as events and snapshots tell it
	LastBeatInfo lastBeat() {
		Duration duration = (this.kind != STOP) ? Duration.ofNanos(this.durationNanos) : null;
		return new LastBeatInfo(KINDS[this.kind], duration, Instant.ofEpochMilli(this.recordTime), instance(), this.seq,
				STATUSES[this.status], this.health);
	}

}
