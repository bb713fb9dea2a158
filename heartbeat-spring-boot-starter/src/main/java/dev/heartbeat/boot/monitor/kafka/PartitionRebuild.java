package dev.heartbeat.boot.monitor.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.heartbeat.core.monitor.BeatRecord;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.time.HeartbeatClock;

/**
 * The rebuild of one newly assigned partition: its records from the beginning up to the end
 * offset it had when it was assigned are history. Per process only the last valid one counts;
 * once the end is reached those are {@linkplain DeadlineEngine#restore restored} silently,
 * {@link DeadlineEngine#advance()} reports every process whose deadline passed meanwhile (e.g.
 * DEAD, with its true last beat), and the partition goes live.
 * <p>
 * Only the last record per process: restoring every historic beat would let the deadline loop
 * report deadlines of beats that are already superseded further down the partition. Invalid
 * records below the group's watermark were read before, so they are counted but not copied to
 * the dead-letter topic a second time. A tombstone forgets what came before it of its process, so
 * that a process the monitor forgot is not brought back; a beat after the tombstone counts again.
 * Used on the consumer's thread only.
 */
final class PartitionRebuild {

	// logs under the consumer's name, where users look for what it does
	private static final Logger logger = LoggerFactory.getLogger(HeartbeatConsumer.class);

	private final TopicPartition partition;

	private final long end;

	private final long watermark;

	private final long startNanos;

	// when the end offset was read: the partition is seen up to then once its history is read
	private final long asOf;

	private final Map<String, BeatRecord> latest = new HashMap<>();

	/**
	 * A rebuild that starts now.
	 * @param partition the partition
	 * @param end its end offset when it was assigned: records from there on are live
	 * @param watermark the offset the group committed last, 0 if none
	 * @param startNanos the monotonic time now
	 * @param asOf the wall time (epoch milliseconds) before the end offset was read
	 */
	PartitionRebuild(TopicPartition partition, long end, long watermark, long startNanos, long asOf) {
		this.partition = partition;
		this.end = end;
		this.watermark = watermark;
		this.startNanos = startNanos;
		this.asOf = asOf;
	}

	/**
	 * Read the history among records just polled from the partition, keeping each process's
	 * last valid record.
	 * @param records the records, in offset order
	 * @param ingest decodes them
	 * @return how many of them are history; the ones after those are live
	 */
	int readHistory(List<ConsumerRecord<byte[], byte[]>> records, RecordIngest ingest) {
		int history = 0;
		for (; history < records.size(); history++) {
			ConsumerRecord<byte[], byte[]> record = records.get(history);
			if (record.offset() >= this.end) {
				break;
			}
			if (record.value() == null) {
				String forgotten = ingest.tombstone(record, record.offset() >= this.watermark);
				if (forgotten != null) {
					this.latest.remove(forgotten);
				}
				continue;
			}
			BeatRecord beat = ingest.decode(record, record.offset() >= this.watermark);
			if (beat != null) {
				this.latest.put(beat.process(), beat);
			}
		}
		return history;
	}

	/**
	 * Whether the history is read.
	 * @param position the consumer's position in the partition
	 * @return whether it reached the end offset
	 */
	boolean isRead(long position) {
		return position >= this.end;
	}

	/**
	 * Restore each process's last record and report the deadlines that passed meanwhile.
	 * @param ingest where the records are restored
	 * @param engine the engine, advanced once restored
	 * @param clock times the rebuild for the log
	 * @param listener told once the processes are restored, before they are judged
	 */
	void finish(RecordIngest ingest, DeadlineEngine engine, HeartbeatClock clock, PartitionListener listener) {
		for (BeatRecord beat : this.latest.values()) {
			ingest.restore(beat, this.partition.partition());
		}
		ingest.stats().addRestored(this.latest.size());
		listener.rebuilt(this.partition, this.asOf, this.end);
		int events = engine.advance();
		logger.info("Rebuilt {} process(es) of {} up to offset {} in {} ms; {} event(s) for deadlines passed meanwhile",
				this.latest.size(), this.partition, this.end,
				TimeUnit.NANOSECONDS.toMillis(clock.monotonicTime() - this.startNanos), events);
		this.latest.clear();
	}

}
