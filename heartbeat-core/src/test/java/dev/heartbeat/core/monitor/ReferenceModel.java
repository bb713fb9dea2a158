package dev.heartbeat.core.monitor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.beat.BeatKind;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.time.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A brute-force deadline engine: no timers, every process looked at on every advance, every app
 * counted again from its processes. Slow and obviously right, so the real engine, whose timers
 * decide when a process is looked at and whose apps keep counts, can be compared with it over
 * random sequences of beats, advances, snoozes (of processes and apps), restores and forgets.
 * <p>
 * The rules for apps: at the end of every operation, each app touched by it (an instance changed
 * state, joined or left, or the app was snoozed) is settled, and on an advance every app: its
 * state derived from its instances, taken as begun at the latest time one of its instances
 * entered a new state in the operation (the operation's time when an instance joined or left),
 * and its change and reminders reported as a process's are. A dead instance gets reminders only
 * while its app was short of alive instances as of the last settle.
 */
final class ReferenceModel {

	private static final long NOT_SNOOZED = Long.MIN_VALUE;

	private final BigDecimal lateFactor;

	private final BigDecimal deadFactor;

	private final long hold;

	private final long reminder;

	private final long maxDurationNanos;

	private final long forgetStopped;

	private final long forgetDead;

	private final DeadlineEngineConfig config;

	private final Map<String, Process> processes = new TreeMap<>();

	private final Map<String, App> apps = new TreeMap<>();

	final List<StateChange> events = new ArrayList<>();

	final List<AppStateChange> appEvents = new ArrayList<>();

	final List<ProcessForgotten> forgotten = new ArrayList<>();

	private long now;

	ReferenceModel(DeadlineEngineConfig config, long now) {
		this.lateFactor = BigDecimal.valueOf(config.lateFactor());
		this.deadFactor = BigDecimal.valueOf(config.reportByBuffer());
		this.hold = config.holdTime().toMillis();
		this.reminder = config.reminderInterval().toMillis();
		this.maxDurationNanos = config.maxDuration().toNanos();
		this.forgetStopped = config.forgetStoppedAfter().toMillis();
		this.forgetDead = config.forgetDeadAfter().toMillis();
		this.config = config;
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
		if (!record.app().equals(process.app)) {
			// a process that moves is counted as joining and leaving; a new one only by its state
			if (process.state != ProcessState.UNKNOWN) {
				touch(process.app, true, Long.MIN_VALUE);
				touch(record.app(), true, Long.MIN_VALUE);
			}
			else if (!record.app().isEmpty()) {
				this.apps.computeIfAbsent(record.app(), (name) -> new App(name, this.config.minInstances(name)));
			}
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
				enter(process, state, process.recordTime);
			}
			process.reported = process.state;
		}
		else {
			look(process);
		}
		settle(!restore, false);
		return Admission.ACCEPTED;
	}

	void advance(long clock) {
		tick(clock);
		for (Process process : new ArrayList<>(this.processes.values())) {
			look(process);
		}
		settle(true, true);
	}

	boolean snooze(String name, long until, long clock) {
		tick(clock);
		Process process = this.processes.get(name);
		if (process == null) {
			return false;
		}
		process.snoozedUntil = (until > this.now) ? until : NOT_SNOOZED;
		look(process);
		settle(true, false);
		return true;
	}

	boolean snoozeApp(String name, long until, long clock) {
		tick(clock);
		App app = this.apps.get(name);
		if (app == null) {
			return false;
		}
		app.snoozedUntil = (until > this.now) ? until : NOT_SNOOZED;
		app.touched = true;
		settle(true, false);
		return true;
	}

	boolean forget(String name, long clock) {
		tick(clock);
		Process process = this.processes.get(name);
		if (process == null) {
			return false;
		}
		remove(process, ProcessForgotten.Reason.REQUEST);
		settle(true, false);
		return true;
	}

	Map<String, AppSnapshot> appSnapshots() {
		Map<String, AppSnapshot> result = new TreeMap<>();
		for (App app : this.apps.values()) {
			Map<ProcessState, Long> counts = counts(app.name);
			int live = live(counts);
			int instances = (int) counts.values().stream().mapToLong(Long::longValue).sum();
			Instant snoozed = (app.snoozedUntil > this.now) ? Instant.ofEpochMilli(app.snoozedUntil) : null;
			result.put(app.name, new AppSnapshot(app.name, app.state, app.reported, instances, live, app.minInstances,
					counts, Instant.ofEpochMilli(app.since), snoozed));
		}
		return result;
	}

	Map<AppState, Long> countAppsByState() {
		Map<AppState, Long> counts = new EnumMap<>(AppState.class);
		for (AppState state : AppState.values()) {
			counts.put(state, 0L);
		}
		for (App app : this.apps.values()) {
			counts.merge(app.state, 1L, Long::sum);
		}
		return counts;
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
			enter(process, state, since);
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
			App app = this.apps.get(process.app);
			if (app == null || app.isShort) {
				emit(process, process.anchor, true);
			}
		}
		long retention = (process.state == ProcessState.STOPPED) ? this.forgetStopped
				: (process.state == ProcessState.DEAD) ? this.forgetDead : 0;
		if (retention > 0 && this.now >= process.since + retention) {
			remove(process, ProcessForgotten.Reason.RETENTION);
		}
	}

	private void enter(Process process, ProcessState state, long since) {
		process.state = state;
		process.since = since;
		touch(process.app, false, since);
	}

	private void remove(Process process, ProcessForgotten.Reason reason) {
		this.processes.remove(process.name);
		this.forgotten.add(new ProcessForgotten(process.name, process.app, process.state, lastBeat(process),
				Instant.ofEpochMilli(this.now), reason, -1));
		touch(process.app, true, Long.MIN_VALUE);
	}

	// an instance of an app entered a state at a time, or joined or left it
	private void touch(String name, boolean moved, long since) {
		if (name.isEmpty()) {
			return;
		}
		App app = this.apps.computeIfAbsent(name, (key) -> new App(key, this.config.minInstances(key)));
		app.touched = true;
		app.moved |= moved;
		app.changedSince = Math.max(app.changedSince, since);
	}

	// the end of an operation: settle the apps it touched, or every app
	private void settle(boolean notify, boolean every) {
		for (App app : new ArrayList<>(this.apps.values())) {
			if (!app.touched && !every) {
				continue;
			}
			long since = app.moved ? Math.max(app.changedSince, this.now) : app.changedSince;
			app.touched = false;
			app.moved = false;
			app.changedSince = Long.MIN_VALUE;
			Map<ProcessState, Long> counts = counts(app.name);
			long instances = counts.values().stream().mapToLong(Long::longValue).sum();
			if (instances == 0) {
				this.apps.remove(app.name);
				continue;
			}
			int live = live(counts);
			AppState state;
			if (counts.get(ProcessState.STOPPED) == instances) {
				state = AppState.STOPPED;
			}
			else if (live == 0) {
				state = AppState.DEAD;
			}
			else if (counts.get(ProcessState.PAUSED) == live) {
				state = AppState.PAUSED;
			}
			else if (live < app.minInstances || counts.get(ProcessState.DEGRADED) > 0) {
				state = AppState.DEGRADED;
			}
			else {
				state = (counts.get(ProcessState.STARTING) == live) ? AppState.STARTING : AppState.UP;
			}
			if (state != app.state) {
				app.state = state;
				app.since = (since != Long.MIN_VALUE) ? since : this.now;
			}
			app.isShort = live < app.minInstances;
			if (!notify && app.reported != app.state) {
				app.reported = app.state;
				app.anchor = this.now;
			}
			boolean snoozed = app.snoozedUntil > this.now;
			boolean immediate = app.state == AppState.DEAD || app.state == AppState.STOPPED;
			if (app.state != app.reported) {
				if (snoozed || !(immediate || this.now - app.since >= this.hold)) {
					continue;
				}
				emit(app, app.since, false, (int) instances, live);
			}
			boolean reminded = app.state == AppState.DEAD || app.state == AppState.DEGRADED;
			if (this.reminder > 0 && reminded && !snoozed && this.now - app.anchor >= this.reminder) {
				app.anchor += (this.now - app.anchor) / this.reminder * this.reminder;
				emit(app, app.anchor, true, (int) instances, live);
			}
		}
	}

	private void emit(App app, long at, boolean reminder, int instances, int live) {
		this.appEvents.add(new AppStateChange(app.name, app.reported, app.state, Instant.ofEpochMilli(at),
				Instant.ofEpochMilli(this.now), instances, live, app.minInstances, reminder));
		if (!reminder) {
			app.reported = app.state;
			app.anchor = this.now;
		}
	}

	private Map<ProcessState, Long> counts(String app) {
		Map<ProcessState, Long> counts = new EnumMap<>(ProcessState.class);
		for (ProcessState state : ProcessState.values()) {
			counts.put(state, 0L);
		}
		for (Process process : this.processes.values()) {
			if (process.app.equals(app)) {
				counts.merge(process.state, 1L, Long::sum);
			}
		}
		return counts;
	}

	private static int live(Map<ProcessState, Long> counts) {
		long live = 0;
		for (Map.Entry<ProcessState, Long> count : counts.entrySet()) {
			if (AppState.isAlive(count.getKey())) {
				live += count.getValue();
			}
		}
		return (int) live;
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
		List<AppStateChange> engineAppEvents = new ArrayList<>();
		List<ProcessForgotten> engineForgotten = new ArrayList<>();
		engine.addListener(new MonitorListener() {

			@Override
			public void onStateChange(StateChange change) {
				engineEvents.add(change);
			}

			@Override
			public void onAppStateChange(AppStateChange change) {
				engineAppEvents.add(change);
			}

			@Override
			public void onForgotten(ProcessForgotten forgotten) {
				engineForgotten.add(forgotten);
			}

		});
		ReferenceModel model = new ReferenceModel(config, clock.wallTime());
		String[] names = { "p0", "p1", "p2", "p3", "p4", "p5" };
		String[] instances = { "a", "b", "pod-x" };
		String[] apps = { "", "app-0", "app-1", "app-1" };
		long[] seqs = new long[instances.length];
		long[] durations = { 7, 1_000, 2_500, 5_000, 60_000, Duration.ofHours(25).toMillis() };
		long[] advances = { 0, 1, 7, 100, 999, 1_000, 5_000, 30_000, 120_000 };
		int compared = 0;
		int comparedApps = 0;
		int comparedForgotten = 0;
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
				BeatRecord record = new BeatRecord(name, apps[random.nextInt(apps.length)], Beat.of(kind, duration), recordTime,
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
			else if (op < 91) {
				long until = wall + random.nextInt(61_000) - 1_000;
				assertThat(engine.snooze(name, Instant.ofEpochMilli(until))).as(context)
					.isEqualTo(model.snooze(name, until, wall));
			}
			else if (op < 96) {
				String app = apps[1 + random.nextInt(2)];
				long until = wall + random.nextInt(61_000) - 1_000;
				assertThat(engine.snoozeApp(app, Instant.ofEpochMilli(until))).as(context)
					.isEqualTo(model.snoozeApp(app, until, wall));
			}
			else {
				assertThat(engine.forget(name)).as(context).isEqualTo(model.forget(name, wall));
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
			// an app's events come in order; those of several apps in one step in any order
			List<AppStateChange> appsFromEngine = engineAppEvents.subList(comparedApps, engineAppEvents.size());
			List<AppStateChange> appsFromModel = model.appEvents.subList(comparedApps, model.appEvents.size());
			assertThat(appsFromEngine).as(context).containsExactlyInAnyOrderElementsOf(appsFromModel);
			for (String app : apps) {
				assertThat(appsFromEngine.stream().filter((change) -> change.app().equals(app)).toList()).as(context)
					.isEqualTo(appsFromModel.stream().filter((change) -> change.app().equals(app)).toList());
			}
			comparedApps = engineAppEvents.size();
			assertThat(engineForgotten.subList(comparedForgotten, engineForgotten.size())).as(context)
				.containsExactlyInAnyOrderElementsOf(model.forgotten.subList(comparedForgotten, model.forgotten.size()));
			comparedForgotten = engineForgotten.size();
			Map<String, AppSnapshot> appSnapshots = new TreeMap<>();
			for (AppSnapshot snapshot : engine.apps()) {
				appSnapshots.put(snapshot.app(), snapshot);
			}
			assertThat(appSnapshots).as(context).isEqualTo(model.appSnapshots());
			assertThat(engine.countAppsByState()).as(context).isEqualTo(model.countAppsByState());
		}
		return engineEvents.size() + engineAppEvents.size();
	}

	private static DeadlineEngineConfig randomConfig(Random random) {
		double[][] factors = { { 1.5, 3 }, { 1.1, 2.7 }, { 1, 1.5 } };
		double[] pair = factors[random.nextInt(factors.length)];
		long[] holds = { 0, 0, 1_000, 3_000 };
		long[] reminders = { 0, 0, 10_000, 45_000 };
		long[] retentions = { 0, 20_000, 90_000, 600_000 };
		DeadlineEngineConfig.Builder config = DeadlineEngineConfig.custom()
			.lateFactor(pair[0])
			.reportByBuffer(pair[1])
			.holdTime(Duration.ofMillis(holds[random.nextInt(holds.length)]))
			.reminderInterval(Duration.ofMillis(reminders[random.nextInt(reminders.length)]))
			.forgetStoppedAfter(Duration.ofMillis(retentions[random.nextInt(retentions.length)]))
			.forgetDeadAfter(Duration.ofMillis(retentions[random.nextInt(retentions.length)]))
			.minInstances(1 + random.nextInt(2));
		if (random.nextBoolean()) {
			config.minInstances("app-1", 1 + random.nextInt(3));
		}
		return config.build();
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

	private static final class App {

		final String name;

		final int minInstances;

		AppState state = AppState.UNKNOWN;

		long since;

		AppState reported = AppState.UNKNOWN;

		long snoozedUntil = NOT_SNOOZED;

		long anchor;

		boolean isShort;

		boolean touched;

		boolean moved;

		long changedSince = Long.MIN_VALUE;

		App(String name, int minInstances) {
			this.name = name;
			this.minInstances = minInstances;
		}

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
