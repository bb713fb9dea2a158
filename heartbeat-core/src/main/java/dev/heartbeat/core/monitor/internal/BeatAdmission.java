package dev.heartbeat.core.monitor.internal;

import org.jspecify.annotations.Nullable;

import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.beat.BeatKind;
import dev.heartbeat.core.monitor.Admission;
import dev.heartbeat.core.status.RunStatus;

/**
 * Which records are applied, and applying one: a record out of order is {@link Admission#STALE},
 * one out of the engine's range {@link Admission#REJECTED}; an accepted record's fields are
 * copied into the process's entry, with its app and health strings shared among processes.
 * <p>
 * Not thread-safe: the engine guards it with its lock.
 */
final class BeatAdmission {

	private static final int MAX_DEDUPLICATED = 10_000;

	private final long maxDurationNanos;

	private final StringDeduplicator apps = new StringDeduplicator(MAX_DEDUPLICATED);

	private final StringDeduplicator healths = new StringDeduplicator(MAX_DEDUPLICATED);

	BeatAdmission(long maxDurationNanos) {
		this.maxDurationNanos = maxDurationNanos;
	}

	/**
	 * Whether a record may be applied to a process.
	 * @param entry the process, {@code null} if not tracked
	 * @param beat the record's beat
	 * @param recordTime the record's time
	 * @param instance the instance id's string, needed only when {@code packedInstance} is
	 * {@link InstanceIds#NOT_PACKED}
	 * @param packedInstance the packed instance id
	 * @param seq the record's sequence number
	 * @return what to do with the record
	 */
	Admission admit(@Nullable ProcessEntry entry, Beat beat, long recordTime, @Nullable String instance, long packedInstance, long seq) {
		if (recordTime < 0 || recordTime > TimerWheel.MAX_TIME / 2
				|| (beat.kind().hasDuration() && beat.duration().toNanos() > this.maxDurationNanos)) {
			return Admission.REJECTED;
		}
		if (entry == null) {
			return Admission.ACCEPTED;
		}
		if (entry.hasInstance(instance, packedInstance)) {
			if (seq > entry.seq) {
				return Admission.ACCEPTED;
			}
			// an instance with a fixed id restarts at sequence 1
			boolean restarted = beat.kind() == BeatKind.START && recordTime >= entry.recordTime;
			return restarted ? Admission.ACCEPTED : Admission.STALE;
		}
		return (recordTime >= entry.recordTime) ? Admission.ACCEPTED : Admission.STALE;
	}

	// copy an accepted record into the process's entry
	void apply(ProcessEntry entry, String app, Beat beat, long recordTime, @Nullable String instance, long packedInstance,
			long seq, RunStatus status, String health) {
		entry.kind = (byte) beat.kind().ordinal();
		entry.durationNanos = beat.kind().hasDuration() ? beat.duration().toNanos() : 0;
		entry.recordTime = recordTime;
		entry.seq = seq;
		entry.setInstance(instance, packedInstance);
		entry.status = (byte) status.ordinal();
		if (!health.equals(entry.health)) {
			entry.health = this.healths.dedupe(health);
		}
		if (!app.equals(entry.app)) {
			entry.app = this.apps.dedupe(app);
		}
	}

}
