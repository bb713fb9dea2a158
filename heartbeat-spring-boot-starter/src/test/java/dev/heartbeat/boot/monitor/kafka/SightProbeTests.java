package dev.heartbeat.boot.monitor.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.heartbeat.boot.monitor.kafka.SightCheckpoints.Checkpoint;
import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.monitor.BeatRecord;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.monitor.DeadlineEngineConfig;
import dev.heartbeat.core.monitor.MonitorListener;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.monitor.SightChange;
import dev.heartbeat.core.monitor.StateChange;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.time.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the consumer measures sight and tells a monitor cut off alone from a broker gone for
 * everyone, on a mock consumer and a manual clock: the end offsets it reads, the records it
 * hands over, and the verdicts the engine gives.
 */
class SightProbeTests {

	private static final TopicPartition P0 = new TopicPartition("heartbeats", 0);

	private final ManualClock clock = new ManualClock();

	private final long t0 = this.clock.wallTime();

	private final DeadlineEngine engine = new DeadlineEngine(DeadlineEngineConfig.ofDefaults(), this.clock);

	private final List<StateChange> events = new ArrayList<>();

	private final List<SightChange> sight = new ArrayList<>();

	private final Map<TopicPartition, Checkpoint> noted = new HashMap<>();

	private final Broker consumer = new Broker();

	private Checkpoint lastOwner;

	private final SightProbe probe = new SightProbe(this.engine, this.clock, new SightCheckpoints() {

		@Override
		public Checkpoint lastSeen(TopicPartition partition) {
			return SightProbeTests.this.lastOwner;
		}

		@Override
		public void seen(TopicPartition partition, long upTo, long endOffset) {
			SightProbeTests.this.noted.put(partition, new Checkpoint(upTo, endOffset));
		}

	}, (live) -> {
	});

	// the records of partition 0, in offset order
	private final List<ConsumerRecord<byte[], byte[]>> log = new ArrayList<>();

	@BeforeEach
	void watchPartitionZero() {
		this.engine.addListener(new MonitorListener() {

			@Override
			public void onStateChange(StateChange change) {
				SightProbeTests.this.events.add(change);
			}

			@Override
			public void onSightChange(SightChange change) {
				SightProbeTests.this.sight.add(change);
			}

		});
		this.consumer.assign(List.of(P0));
		this.consumer.updateEndOffsets(Map.of(P0, 0L));
		this.consumer.seek(P0, 0);
		this.probe.rebuilding(Map.of(P0, 0L), this.t0);
		this.probe.rebuilt(P0, this.t0, 0);
	}

	@Test
	void aPartitionShouldBeSeenUpToAReadOfItsEndOnceTheConsumerHasReadUpToIt() {
		write("billing", this.t0);
		at(100);
		this.probe.afterPoll(this.consumer);
		assertThat(seenUpTo()).as("the records below the end are not read yet").isEqualTo(this.t0);
		readAll();
		this.probe.afterPoll(this.consumer);
		assertThat(seenUpTo()).isEqualTo(this.t0 + 100);
		assertThat(this.probe.lags()).containsEntry(P0, 0L);
	}

	@Test
	void whileTheEndCannotBeReadSightShouldStandStillAndTheVerdictsWait() {
		write("billing", this.t0);
		readAll();
		this.consumer.unreachable = true;
		at(10_000);
		this.probe.afterPoll(this.consumer);
		this.engine.advance();
		assertThat(this.events).extracting(StateChange::to).containsExactly(ProcessState.UP);
		assertThat(this.sight).extracting(SightChange::eventName).containsExactly(SightChange.BLIND);
		assertThat(this.probe.lastFailure()).contains("TimeoutException");
	}

	@Test
	void whenOnlyTheMonitorWasCutOffTheSilentProcessShouldBeDeadWithItsTrueLastBeatAfterASecond() {
		write("alive", this.t0);
		write("victim", this.t0);
		readAll();
		this.consumer.unreachable = true;
		at(1_000);
		this.probe.afterPoll(this.consumer);
		// the applications go on writing; the victim dies at 5 s
		for (long t = 1_000; t <= 30_000; t += 1_000) {
			write("alive", this.t0 + t);
			if (t <= 5_000) {
				write("victim", this.t0 + t);
			}
		}
		at(30_000);
		this.consumer.unreachable = false;
		this.probe.afterPoll(this.consumer);
		readAll();
		this.probe.afterPoll(this.consumer);
		this.engine.advance();
		assertThat(this.events).extracting(StateChange::to).as("settling: beats held by producers may be on their way")
			.containsExactly(ProcessState.UP, ProcessState.UP);
		at(31_000);
		this.probe.afterPoll(this.consumer);
		assertThat(this.events).hasSize(3);
		StateChange dead = this.events.get(2);
		assertThat(dead.process()).isEqualTo("victim");
		assertThat(dead.to()).isEqualTo(ProcessState.DEAD);
		assertThat(dead.at()).isEqualTo(Instant.ofEpochMilli(this.t0 + 8_000));
		assertThat(dead.lastBeat().recordTime()).isEqualTo(Instant.ofEpochMilli(this.t0 + 5_000));
		assertThat(this.sight).extracting(SightChange::eventName).containsExactly(SightChange.BLIND, SightChange.SIGHTED);
		assertThat(this.sight.get(1).rearmed()).isFalse();
	}

	@Test
	void whenNobodyCouldWriteAProcessThatBeatsWithinOneWindowOfTheReturnShouldNeverBeLateNorDead() {
		write("billing", this.t0);
		write("payroll", this.t0 + 500);
		readAll();
		this.consumer.unreachable = true;
		at(1_000);
		this.probe.afterPoll(this.consumer);
		at(30_000);
		this.consumer.unreachable = false;
		// the beats payroll's producer held while the broker was away, then a new one
		write("payroll", this.t0 + 27_500);
		write("payroll", this.t0 + 29_500);
		this.probe.afterPoll(this.consumer);
		readAll();
		write("payroll", this.t0 + 30_500);
		readAll();
		at(31_000);
		this.probe.afterPoll(this.consumer);
		this.engine.advance();
		assertThat(this.sight).last().satisfies((change) -> assertThat(change.rearmed()).isTrue());
		assertThat(this.engine.get("billing").orElseThrow().deadAt()).as("its beat at 1 s could not be written")
			.isEqualTo(Instant.ofEpochMilli(this.t0 + 34_000));
		for (long t = 32_000; t <= 40_000; t += 1_000) {
			at(t);
			write("billing", this.t0 + t);
			write("payroll", this.t0 + t + 500);
			readAll();
			this.probe.afterPoll(this.consumer);
		}
		this.engine.advance();
		assertThat(this.events).extracting(StateChange::to).containsExactly(ProcessState.UP, ProcessState.UP);
	}

	@Test
	void aQuietPartitionOfAMonitorCutOffAloneShouldShowNoSilenceWhenItsProcessesWentOn() {
		for (long t = 0; t <= 2_000; t += 1_000) {
			write("billing", this.t0 + t);
		}
		readAll();
		at(2_050);
		this.probe.afterPoll(this.consumer);
		this.consumer.unreachable = true;
		at(2_500);
		this.probe.afterPoll(this.consumer);
		// beats a little late now and then, each short of a silence
		long[] beats = { 3_900, 5_000, 6_800, 8_000 };
		for (long beat : beats) {
			write("billing", this.t0 + beat);
		}
		at(9_000);
		this.consumer.unreachable = false;
		this.probe.afterPoll(this.consumer);
		readAll();
		at(10_000);
		write("billing", this.t0 + 9_800);
		readAll();
		this.probe.afterPoll(this.consumer);
		assertThat(this.sight).last().satisfies((change) -> assertThat(change.rearmed()).isFalse());
	}

	@Test
	void aPartitionRebuiltAfterItsLastOwnerLostSightShouldCarryTheSilenceOfItsLog() {
		this.lastOwner = new Checkpoint(this.t0, 2);
		write("billing", this.t0 - 500);
		write("payroll", this.t0 - 400);
		at(20_000);
		write("payroll", this.t0 + 19_000);
		TopicPartition p1 = new TopicPartition("heartbeats", 1);
		this.consumer.assign(List.of(P0, p1));
		this.probe.rebuilding(Map.of(p1, 3L), this.t0 + 20_000);
		this.probe.onRecords(p1, this.log);
		this.engine.restore(beat("billing", this.t0 - 500), 1);
		this.probe.rebuilt(p1, this.t0 + 20_000, 3);
		this.engine.advance();
		assertThat(this.events).isEmpty();
		assertThat(this.engine.get("billing").orElseThrow().deadAt()).isEqualTo(Instant.ofEpochMilli(this.t0 + 23_000));
	}

	@Test
	void theOwnerShouldNoteUpToWhenItSawThePartitionEveryFewSecondsAndBeforeItGoes() {
		at(5_000);
		this.probe.afterPoll(this.consumer);
		assertThat(this.noted).containsEntry(P0, new Checkpoint(this.t0 + 5_000, 0));
		at(5_100);
		this.probe.afterPoll(this.consumer);
		this.probe.revoking(List.of(P0));
		assertThat(this.noted).containsEntry(P0, new Checkpoint(this.t0 + 5_100, 0));
		this.probe.gone(List.of(P0));
		assertThat(this.engine.sights()).isEmpty();
	}

	private void write(String process, long recordTime) {
		long offset = this.log.size();
		this.log.add(new ConsumerRecord<>(P0.topic(), 0, offset, recordTime, org.apache.kafka.common.record.TimestampType.CREATE_TIME,
				0, 0, process.getBytes(), new byte[0], new org.apache.kafka.common.header.internals.RecordHeaders(),
				java.util.Optional.empty()));
		this.consumer.updateEndOffsets(Map.of(P0, offset + 1));
	}

	// the consumer reads everything written so far and hands it to the engine
	private void readAll() {
		long position = this.consumer.position(P0);
		List<ConsumerRecord<byte[], byte[]>> read = this.log.subList((int) position, this.log.size());
		this.probe.onRecords(P0, read);
		for (ConsumerRecord<byte[], byte[]> record : read) {
			this.engine.onBeat(beat(new String(record.key()), record.timestamp()), 0);
		}
		this.consumer.seek(P0, this.log.size());
	}

	private static BeatRecord beat(String process, long recordTime) {
		return new BeatRecord(process, "app", Beat.beat(Duration.ofSeconds(1)), recordTime, "a1", recordTime,
				RunStatus.RUNNING, "UP");
	}

	private void at(long offset) {
		this.clock.advanceMillis(this.t0 + offset - this.clock.wallTime());
		this.engine.advance();
	}

	private long seenUpTo() {
		return this.engine.sights().get(0).seenUpTo().toEpochMilli();
	}

	/**
	 * A mock consumer whose broker can be out of reach: reading the end offsets then times out.
	 */
	private static final class Broker extends MockConsumer<byte[], byte[]> {

		volatile boolean unreachable;

		Broker() {
			super(OffsetResetStrategy.EARLIEST);
		}

		@Override
		public synchronized Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions,
				Duration timeout) {
			if (this.unreachable) {
				throw new TimeoutException("Failed to get offsets by times in " + timeout.toMillis() + "ms");
			}
			return super.endOffsets(partitions, timeout);
		}

	}

}
