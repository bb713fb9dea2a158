package dev.heartbeat.boot.monitor.kafka;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

import dev.heartbeat.core.monitor.BeatRecord;
import dev.heartbeat.core.monitor.Admission;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.monitor.ProcessForgotten;
import dev.heartbeat.core.monitor.internal.BatchIngest;
import dev.heartbeat.core.monitor.internal.BeatFields;

/**
 * The hot path of the monitor: parse, validate, update the engine, one record at a time.
 * <p>
 * A valid record goes to the engine; an invalid one is counted by reason, logged at most once a
 * minute per reason and, when a dead-letter topic is set, copied there. A tombstone (a record
 * without a value) is never invalid: its process is forgotten
 * ({@link ProcessForgotten.Reason#TOMBSTONE}), and a later beat tracks it again. Nothing here throws
 * for bad input, logs per record or allocates beyond what decoding needs. Called from the
 * consumer thread only.
 * <p>
 * A poll's records go through {@link #applyAll}: it decodes a chunk of them first (decoding
 * changes nothing), lets the engine {@linkplain BatchIngest#prefetch prefetch} their
 * processes together, then handles each record in order exactly as {@link #apply} does, so that
 * the engine's lookups, cold memory among many processes, overlap instead of following one
 * another. It decodes into {@link BeatFields} holders it reuses rather than into a new
 * {@link BeatRecord} each, and a short hex instance id stays packed, never a string; the valid
 * records between two invalid ones go to the engine {@linkplain BatchIngest#onBeats together},
 * one hold of its lock for them rather than one each. Both go through the engine's
 * {@linkplain DeadlineEngine#ingest() batch entry point}.
 */
public final class RecordIngest {

	// records decoded and prefetched together: enough for the memory to overlap their lookups,
	// few enough for what is prefetched to stay in the CPU's caches until it is used
	static final int CHUNK = 256;

	private final DeadlineEngine engine;

	// the engine's batch entry point, for applyAll
	private final BatchIngest batch;

	private final BeatRecordDecoder decoder;

	private final IngestStats stats;

	private final InvalidRecordLog invalidLog;

	private final @Nullable DeadLetterPublisher deadLetters;

	// scratch space of applyAll, reused: what each record of a chunk decoded to (its holder is
	// filled, or its error set), and the process ids of the valid ones
	private final @Nullable BeatFields[] chunkBeats = new BeatFields[CHUNK];

	private final @Nullable InvalidRecordException[] chunkErrors = new InvalidRecordException[CHUNK];

	private final @Nullable String[] chunkProcesses = new String[CHUNK];

	private final Admission[] chunkResults = new Admission[CHUNK];

	private final boolean[] chunkTombstones = new boolean[CHUNK];

	/**
	 * An ingest path.
	 * @param engine the engine to update
	 * @param decoder the decoder
	 * @param stats the counters
	 * @param invalidLog the rate-limited log of invalid records
	 * @param deadLetters where invalid records are copied, or {@code null}
	 */
	public RecordIngest(DeadlineEngine engine, BeatRecordDecoder decoder, IngestStats stats,
			InvalidRecordLog invalidLog, @Nullable DeadLetterPublisher deadLetters) {
		this.engine = Objects.requireNonNull(engine, "engine");
		this.batch = engine.ingest();
		this.decoder = Objects.requireNonNull(decoder, "decoder");
		this.stats = Objects.requireNonNull(stats, "stats");
		this.invalidLog = Objects.requireNonNull(invalidLog, "invalidLog");
		this.deadLetters = deadLetters;
	}

	/**
	 * The counters.
	 * @return the stats
	 */
	public IngestStats stats() {
		return this.stats;
	}

	/**
	 * Apply a live record: the engine fires the events of the change, or forgets the process of a
	 * tombstone.
	 * @param record the record
	 * @return what the engine did, or {@code null} if the record is invalid or a tombstone
	 */
	public @Nullable Admission apply(ConsumerRecord<byte[], byte[]> record) {
		if (record.value() == null) {
			forget(record);
			return null;
		}
		BeatRecord beat = decode(record, true);
		if (beat == null) {
			return null;
		}
		Admission result = this.engine.onBeat(beat, record.partition());
		if (result != Admission.ACCEPTED) {
			onNotAccepted(result);
		}
		return result;
	}

	/**
	 * Apply live records, in order, each exactly as {@link #apply} would, but with the engine's
	 * lookups of a chunk of them done together (see the class description).
	 * @param records the records, e.g. those of one partition in one poll
	 * @return how many the engine accepted
	 */
	public int applyAll(List<ConsumerRecord<byte[], byte[]>> records) {
		int accepted = 0;
		int size = records.size();
		for (int from = 0; from < size; from += CHUNK) {
			accepted += applyChunk(records, from, Math.min(size, from + CHUNK));
		}
		return accepted;
	}

	private int applyChunk(List<ConsumerRecord<byte[], byte[]>> records, int from, int to) {
		BeatFields[] beats = this.chunkBeats;
		InvalidRecordException[] errors = this.chunkErrors;
		boolean[] tombstones = this.chunkTombstones;
		String[] processes = this.chunkProcesses;
		int valid = 0;
		try {
			for (int i = from; i < to; i++) {
				ConsumerRecord<byte[], byte[]> record = records.get(i);
				if (record.value() == null) {
					tombstones[i - from] = true;
					continue;
				}
				BeatFields beat = beats[i - from];
				if (beat == null) {
					beat = new BeatFields();
					beats[i - from] = beat;
				}
				try {
					this.decoder.decode(record.key(), record.value(), record.headers(), record.timestamp(), beat);
					beat.partition(record.partition());
					processes[valid++] = beat.process();
				}
				catch (InvalidRecordException ex) {
					errors[i - from] = ex;
				}
			}
			this.batch.prefetch(processes, valid);
			Admission[] results = this.chunkResults;
			int accepted = 0;
			int count = to - from;
			int i = 0;
			while (i < count) {
				if (tombstones[i]) {
					forget(records.get(from + i));
					i++;
					continue;
				}
				if (errors[i] != null) {
					onInvalid(records.get(from + i), errors[i], true);
					i++;
					continue;
				}
				// a run of valid records goes to the engine in one operation, which stops after
				// any record it does not accept, so that everything happens in the records' order
				int end = i + 1;
				while (end < count && errors[end] == null && !tombstones[end]) {
					end++;
				}
				while (i < end) {
					int next = this.batch.onBeats(beats, i, end, results);
					for (; i < next; i++) {
						if (results[i] == Admission.ACCEPTED) {
							accepted++;
						}
						else {
							onNotAccepted(results[i]);
						}
					}
				}
			}
			return accepted;
		}
		finally {
			Arrays.fill(errors, null);
			Arrays.fill(tombstones, false);
			Arrays.fill(processes, 0, valid, null);
		}
	}

	/**
	 * The process a tombstone forgets, counted; for a rebuild, which forgets it by not restoring it.
	 * @param record a record without a value
	 * @param deadLetter whether a tombstone with an invalid key goes to the dead-letter topic
	 * @return the process id, or {@code null} if the key is invalid (counted as such)
	 */
	public String tombstone(ConsumerRecord<byte[], byte[]> record, boolean deadLetter) {
		try {
			String process = this.decoder.tombstone(record.key(), record.value());
			this.stats.onTombstone();
			return process;
		}
		catch (InvalidRecordException ex) {
			onInvalid(record, ex, deadLetter);
			return null;
		}
	}

	private void forget(ConsumerRecord<byte[], byte[]> record) {
		String process = tombstone(record, true);
		if (process != null) {
			this.engine.forget(process, ProcessForgotten.Reason.TOMBSTONE);
		}
	}

	/**
	 * Decode a record, counting (and possibly dead-lettering) it if invalid.
	 * @param record the record
	 * @param deadLetter whether an invalid record goes to the dead-letter topic (not when it was
	 * read before, e.g. when a rebuild reads history again)
	 * @return the beat record, or {@code null} if invalid
	 */
	public @Nullable BeatRecord decode(ConsumerRecord<byte[], byte[]> record, boolean deadLetter) {
		try {
			return this.decoder.decode(record.key(), record.value(), record.headers(), record.timestamp());
		}
		catch (InvalidRecordException ex) {
			onInvalid(record, ex, deadLetter);
			return null;
		}
	}

	/**
	 * Restore a record during a rebuild: the engine updates silently.
	 * @param beat the decoded record
	 * @param partition the partition it was read from
	 * @return what the engine did
	 */
	public Admission restore(BeatRecord beat, int partition) {
		Admission result = this.engine.restore(beat, partition);
		if (result != Admission.ACCEPTED) {
			onNotAccepted(result);
		}
		return result;
	}

	private void onNotAccepted(Admission result) {
		if (result == Admission.STALE) {
			this.stats.onStale();
		}
		else {
			// the decoder checks what the engine rejects; count it should they ever disagree
			this.stats.onInvalid(InvalidReason.DURATION_ABOVE_MAX);
		}
	}

	private void onInvalid(ConsumerRecord<byte[], byte[]> record, InvalidRecordException ex, boolean deadLetter) {
		InvalidReason reason = ex.reason();
		this.stats.onInvalid(reason);
		this.invalidLog.report(reason, record.topic(), record.partition(), record.offset(), ex.getMessage());
		if (deadLetter && this.deadLetters != null) {
			this.deadLetters.publish(record, reason, ex.getMessage());
		}
	}

}
