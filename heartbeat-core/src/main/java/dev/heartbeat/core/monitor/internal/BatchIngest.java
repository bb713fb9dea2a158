package dev.heartbeat.core.monitor.internal;

import java.util.Objects;

import dev.heartbeat.core.monitor.Admission;

/**
 * The entry point of a consumer that applies records in batches, e.g. those of one poll, as the
 * monitor's Kafka ingest does: {@linkplain #prefetch prefetch} a chunk's processes, then
 * {@linkplain #onBeats apply} the chunk's records, given as reused {@link BeatFields} holders,
 * under one hold of the engine's lock. Reached through {@link dev.heartbeat.core.monitor.DeadlineEngine#ingest()}; each
 * record is applied exactly as {@link dev.heartbeat.core.monitor.DeadlineEngine#onBeat} applies {@code beat.toRecord()}.
 * Thread-safe, as the engine is.
 */
public final class BatchIngest {

	private final EngineCore core;

	BatchIngest(EngineCore core) {
		this.core = core;
	}

	/**
	 * Get ready to apply a batch of records by reading what applying them will read, all at
	 * once: with many processes each beat's lookup is cold memory, which the memory then serves
	 * for many records in parallel rather than one after the other. Changes nothing, fires
	 * nothing; apply the records right after, in any order. Worth it for a few dozen to a few
	 * hundred records at a time (what the CPU's caches hold).
	 * @param processes the process ids of the records about to be applied, from index 0
	 * @param count how many of them
	 */
	public void prefetch(String[] processes, int count) {
		Objects.requireNonNull(processes, "processes");
		Objects.checkFromIndexSize(0, count, processes.length);
		for (int i = 0; i < count; i++) {
			Objects.requireNonNull(processes[i], "process");
		}
		this.core.prefetch(processes, count);
	}

	/**
	 * Apply consumed records given as fields, in order, as one operation: each exactly as
	 * {@link dev.heartbeat.core.monitor.DeadlineEngine#onBeat} applies {@code beat.toRecord()}, but under one hold of the
	 * engine's lock and at one engine time, with the events of the records applied delivered
	 * together after them. Stops after the first record that is not accepted, once its listeners
	 * are told (of {@code beat.toRecord()}), so that everything listeners see comes in the order
	 * of the records: call again from the index returned.
	 * @param beats the records' fields
	 * @param from the index of the first record to apply
	 * @param to the index after the last record to apply
	 * @param results where the result of each record applied goes, at the record's index
	 * @return the index after the last record applied: {@code to}, or earlier if a record was not
	 * accepted (its result tells)
	 */
	public int onBeats(BeatFields[] beats, int from, int to, Admission[] results) {
		Objects.requireNonNull(beats, "beats");
		Objects.requireNonNull(results, "results");
		Objects.checkFromToIndex(from, to, beats.length);
		Objects.checkFromToIndex(from, to, results.length);
		for (int i = from; i < to; i++) {
			if (Objects.requireNonNull(beats[i], "beat").process() == null) {
				throw new IllegalArgumentException("the fields were never set");
			}
		}
		return this.core.onBeats(beats, from, to, results);
	}

}
