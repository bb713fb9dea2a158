package dev.heartbeat.core.monitor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.beat.BeatKind;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.time.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A brute-force deadline engine: no timers, every process looked at on every advance. Slow and
 * obviously right, so the real engine, whose timers decide when a process is looked at, can be
 * compared with it over random sequences of beats, advances, snoozes, restores and forgets.
 */
final class ReferenceModel {

	private static final long NOT_SNOOZED = Long.MIN_VALUE;

	private final BigDecimal lateFactor;

	private final BigDecimal deadFactor;

	private final long hold;

	private final long reminder;

	private final long maxDurationNanos;

	private final Map<String, Process> processes = new TreeMap<>();

	final List<StateChange> events = new ArrayList<>();

	private long now;

	ReferenceModel(DeadlineEngineConfig config, long now) {
		this.lateFactor = BigDecimal.valueOf(config.lateFactor());
		this.deadFactor = BigDecimal.valueOf(config.reportByBuffer());
		this.hold = config.holdTime().toMillis();
		this.reminder = config.reminderInterval().toMillis();
		this.maxDurationNanos = config.maxDuration().toNanos();
		this.now = now;
	}

	Admission onBeat(BeatRecord record, long clock, boolean restore) {
		tick(clock);
		Process process = this.processes.get(record.process());
		Beat beat = record.beat();
		if (record.recordTime() < 0
				|| (beat.kind().hasDuration() && beat.duration().toNanos() > this.maxDurationNanos)) {
			return Admission.REJECTED;
		}
		if (process != null) {
			boolean newer;
			if (process.instance.equals(record.instance())) {
				newer = record.seq() > process.seq
						|| (beat.kind() == BeatKind.START && record.recordTime() >= process.recordTime);
			}
			else {
				newer = record.recordTime() >= process.recordTime;
			}
			if (!newer) {
				return Admission.STALE;
			}
		}
		else {
			process = new Process(record.process());
			this.processes.put(record.process(), process);
		}
		process.app = record.app();
		process.beat = beat;
		process.recordTime = record.recordTime();
		process.instance = record.instance();
		process.seq = record.seq();
		process.status = record.status();
		process.health = record.health();
		if (restore) {
			ProcessState state = beatState(process);
			if (state != process.state) {
				process.state = state;
				process.since = process.recordTime;
			}
			process.reported = process.state;
		}
		else {
			look(process);
		}
		return Admission.ACCEPTED;
	}

	void advance(long clock) {
		tick(clock);
		for (Process process : this.processes.values()) {
			look(process);
		}
	}

	boolean snooze(String name, long until, long clock) {
		tick(clock);
		Process process = this.processes.get(name);
		if (process == null) {
			return false;
		}
		process.snoozedUntil = (until > this.now) ? until : NOT_SNOOZED;
		look(process);
		return true;
	}

	boolean forget(String name) {
		return this.processes.remove(name) != null;
	}

	Map<String, ProcessSnapshot> snapshots(long clock) {
		tick(clock);
		Map<String, ProcessSnapshot> result = new TreeMap<>();
		for (Process process : this.processes.values()) {
			Instant lateAt = null;
			Instant deadAt = null;
			if (process.beat.kind() != BeatKind.STOP) {
				lateAt = Instant.ofEpochMilli(lateAt(process));
				deadAt = Instant.ofEpochMilli(deadAt(process));
			}
			Instant snoozed = (process.snoozedUntil > this.now) ? Instant.ofEpochMilli(process.snoozedUntil) : null;
			result.put(process.name, new ProcessSnapshot(process.name, process.app, process.state, process.reported,
					lastBeat(process), lateAt, deadAt, snoozed));
		}
		return result;
	}

	Map<ProcessState, Long> countByState() {
		Map<ProcessState, Long> counts = new EnumMap<>(ProcessState.class);
		for (ProcessState state : ProcessState.values()) {
			counts.put(state, 0L);
		}
		for (Process process : this.processes.values()) {
			counts.merge(process.state, 1L, Long::sum);
		}
		return counts;
	}

	private void tick(long clock) {
		this.now = Math.max(this.now, clock);
	}

	// the whole rule set, applied to one process at the current time
	private void look(Process process) {
		ProcessState state;
		long since;
		if (process.beat.kind() == BeatKind.STOP) {
			state = ProcessState.STOPPED;
			since = process.recordTime;
		}
		else if (this.now >= deadAt(process)) {
			state = ProcessState.DEAD;
			since = deadAt(process);
		}
		else if (this.now >= lateAt(process)) {
			state = ProcessState.LATE;
			since = lateAt(process);
		}
		else {
			state = beatState(process);
			since = process.recordTime;
		}
		if (state != process.state) {
			process.state = state;
			process.since = since;
		}
		boolean snoozed = process.snoozedUntil > this.now;
		boolean immediate = process.state == ProcessState.DEAD || process.state == ProcessState.STOPPED;
		if (process.state != process.reported && !snoozed
				&& (immediate || this.now - process.since >= this.hold)) {
			emit(process, process.since, false);
			if (process.state == ProcessState.DEAD) {
				process.anchor = this.now;
			}
		}
		if (this.reminder > 0 && process.state == ProcessState.DEAD && process.reported == ProcessState.DEAD
				&& !snoozed && this.now - process.anchor >= this.reminder) {
			process.anchor += (this.now - process.anchor) / this.reminder * this.reminder;
			emit(process, process.anchor, true);
		}
	}

	private void emit(Process process, long at, boolean reminder) {
		this.events.add(new StateChange(process.name, process.app, process.reported, process.state,
				Instant.ofEpochMilli(at), Instant.ofEpochMilli(this.now), lastBeat(process), reminder));
		process.reported = process.state;
	}

	private long lateAt(Process process) {
		return process.recordTime + offset(process.beat.duration(), this.lateFactor);
	}

	private long deadAt(Process process) {
		return process.recordTime + offset(process.beat.duration(), this.deadFactor);
	}

	private static long offset(Duration duration, BigDecimal factor) {
		return new BigDecimal(duration.toNanos()).multiply(factor)
			.divide(BigDecimal.valueOf(1_000_000), 0, RoundingMode.CEILING)
			.longValueExact();
	}

	private static ProcessState beatState(Process process) {
		if (process.beat.kind() == BeatKind.STOP) {
			return ProcessState.STOPPED;
		}
		if (process.status == RunStatus.PAUSED) {
			return ProcessState.PAUSED;
		}
		return switch (process.beat.kind()) {
			case START -> ProcessState.STARTING;
			case DEGRADED -> ProcessState.DEGRADED;
			default -> ProcessState.UP;
		};
	}

	private static LastBeatInfo lastBeat(Process process) {
		return new LastBeatInfo(process.beat.kind(), process.beat.duration(), Instant.ofEpochMilli(process.recordTime),
				process.instance, process.seq, process.status, process.health);
	}

	/**
	 * Run one random sequence against the engine and the model, comparing after every step.
	 * @param seed the seed
	 * @param steps how many operations
	 * @return how many events both produced
	 */
	static int compare(long seed, int steps) {
		Random random = new Random(seed);
		DeadlineEngineConfig config = randomConfig(random);
		ManualClock clock = new ManualClock();
		DeadlineEngine engine = new DeadlineEngine(config, clock);
		List<StateChange> engineEvents = new ArrayList<>();
		engine.addListener(MonitorListener.forStateChanges(engineEvents::add));
		ReferenceModel model = new ReferenceModel(config, clock.wallTime());
		String[] names = { "p0", "p1", "p2", "p3", "p4", "p5" };
		String[] instances = { "a", "b", "pod-x" };
		long[] seqs = new long[instances.length];
		long[] durations = { 7, 1_000, 2_500, 5_000, 60_000, Duration.ofHours(25).toMillis() };
		long[] advances = { 0, 1, 7, 100, 999, 1_000, 5_000, 30_000, 120_000 };
		int compared = 0;
		for (int step = 0; step < steps; step++) {
			int op = random.nextInt(100);
			String name = names[random.nextInt(names.length)];
			long wall = clock.wallTime();
			String context = "seed " + seed + ", step " + step + ", " + config;
			if (op < 45) {
				int which = random.nextInt(instances.length);
				long seq = (random.nextInt(10) < 8) ? ++seqs[which] : seqs[which] - random.nextInt(3);
				BeatKind kind = BeatKind.values()[weighted(random, 15, 60, 20, 5)];
				Duration duration = Duration.ofMillis(durations[weighted(random, 5, 20, 30, 25, 15, 2)]);
				long recordTime = wall - ((random.nextInt(4) == 0) ? random.nextInt(4_000) : 0);
				RunStatus status = (random.nextInt(10) == 0) ? RunStatus.PAUSED : RunStatus.RUNNING;
				BeatRecord record = new BeatRecord(name, "app-" + random.nextInt(2), Beat.of(kind, duration), recordTime,
						instances[which], seq, status, (random.nextBoolean() ? "UP" : null));
				boolean restore = random.nextInt(10) == 0;
				Admission expected = model.onBeat(record, wall, restore);
				Admission actual = restore ? engine.restore(record) : engine.onBeat(record);
				assertThat(actual).as(context).isEqualTo(expected);
			}
			else if (op < 85) {
				clock.advanceMillis(advances[random.nextInt(advances.length)]);
				model.advance(clock.wallTime());
				engine.advance();
				assertThat(engine.nextWakeTime()).as(context).isGreaterThan(clock.wallTime());
			}
			else if (op < 95) {
				long until = wall + random.nextInt(61_000) - 1_000;
				assertThat(engine.snooze(name, Instant.ofEpochMilli(until))).as(context)
					.isEqualTo(model.snooze(name, until, wall));
			}
			else {
				assertThat(engine.forget(name)).as(context).isEqualTo(model.forget(name));
			}
			// within one step the engine goes in due order and the model in name order: compare
			// the step's events as a whole, and each process's own events in order
			List<StateChange> fromEngine = engineEvents.subList(compared, engineEvents.size());
			List<StateChange> fromModel = model.events.subList(compared, model.events.size());
			assertThat(fromEngine).as(context).containsExactlyInAnyOrderElementsOf(fromModel);
			for (String process : names) {
				assertThat(fromEngine.stream().filter((change) -> change.process().equals(process)).toList()).as(context)
					.isEqualTo(fromModel.stream().filter((change) -> change.process().equals(process)).toList());
			}
			compared = engineEvents.size();
			Map<String, ProcessSnapshot> snapshots = new TreeMap<>();
			for (ProcessSnapshot snapshot : engine.list((snapshot) -> true, 100)) {
				snapshots.put(snapshot.process(), snapshot);
			}
			assertThat(snapshots).as(context).isEqualTo(model.snapshots(clock.wallTime()));
			assertThat(engine.countByState()).as(context).isEqualTo(model.countByState());
		}
		return engineEvents.size();
	}

	private static DeadlineEngineConfig randomConfig(Random random) {
		double[][] factors = { { 1.5, 3 }, { 1.1, 2.7 }, { 1, 1.5 } };
		double[] pair = factors[random.nextInt(factors.length)];
		long[] holds = { 0, 0, 1_000, 3_000 };
		long[] reminders = { 0, 0, 10_000, 45_000 };
		return DeadlineEngineConfig.custom()
			.lateFactor(pair[0])
			.reportByBuffer(pair[1])
			.holdTime(Duration.ofMillis(holds[random.nextInt(holds.length)]))
			.reminderInterval(Duration.ofMillis(reminders[random.nextInt(reminders.length)]))
			.build();
	}

	private static int weighted(Random random, int... weights) {
		int total = 0;
		for (int weight : weights) {
			total += weight;
		}
		int pick = random.nextInt(total);
		for (int i = 0; i < weights.length; i++) {
			pick -= weights[i];
			if (pick < 0) {
				return i;
			}
		}
		return weights.length - 1;
	}

	private static final class Process {

		final String name;

		String app;

		Beat beat;

		long recordTime;

		String instance;

		long seq;

		RunStatus status;

		String health;

		ProcessState state = ProcessState.UNKNOWN;

		long since;

		ProcessState reported = ProcessState.UNKNOWN;

		long snoozedUntil = NOT_SNOOZED;

		long anchor;

		Process(String name) {
			this.name = name;
		}

	}

}
