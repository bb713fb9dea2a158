package dev.heartbeat.bench.engine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.heartbeat.bench.Fleet;
import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.monitor.BeatRecord;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.time.ManualClock;

/**
 * Benchmark 1: the deadline engine against the {@link NaiveEngine} baseline, both tracking the
 * same fleet ({@code processes}, a million by default).
 * <ul>
 * <li>{@link #updates}: beats in a fixed random order over the whole fleet, each a
 * {@link BeatRecord} with the next sequence number and freshly decoded strings, built before the
 * measured batch as a consumer hands them over; every beat is accepted and moves its process's
 * deadline. On a manual clock that each batch moves on by its share of the period, so that every
 * process beats exactly once per period, as a real fleet does: the engine's deadline loop (the
 * {@code advance()} after each batch, measured) then has the work a real fleet gives it, among it
 * re-placing about one timer per beat that beats pushed later. The engine runs twice: applying
 * the beats one by one with {@code onBeat} ({@code engine}), and as the monitor's Kafka consumer
 * applies them ({@code engine-prefetch}: chunks of 256, each prefetched, then applied with
 * {@code onBeats} under one hold of the lock); the baseline has no such thing and applies them
 * one by one. The peers: Caffeine one {@code put} per beat ({@code caffeine}) and one
 * {@code putAll} per chunk of 256 ({@code caffeine-putall}); Agrona's timer wheel and maps one by
 * one ({@code agrona}, whose wheel is polled up to the clock after each batch, measured, as the
 * engine's {@code advance()} is). Each beat's record time is spread over the step the clock just
 * made, so that deadlines are spread as a real fleet's are.</li>
 * <li>{@link #expiry}: 1 % of the fleet beat with a dead deadline one millisecond ahead (the other
 * 99 % are an hour from theirs) and the measured call expires them all at once, 10,000 DEAD
 * events at a million processes: {@code advance()} for the engine; for the baseline, its timer
 * thread is held back while the deadlines pass and the measured time runs from releasing it to
 * the last DEAD event delivered.</li>
 * </ul>
 */
@Fork(value = 1, jvmArgsAppend = { "-Xms3g", "-Xmx3g" })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EngineBenchmark {

	/**
	 * Beats per measured invocation of {@link #updates}.
	 */
	public static final int BATCH = 100_000;

	private static final Beat BEAT = Beat.beat(Duration.ofSeconds(10));

	private static final Beat ONE_SECOND = Beat.beat(Duration.ofSeconds(1));

	private static final Beat ONE_HOUR = Beat.beat(Duration.ofHours(1));

	private static final long DEAD_OFFSET_OF_ONE_SECOND = 3_000;

	/**
	 * A fleet beating in round-robin over a random order.
	 */
	@State(Scope.Benchmark)
	public static class Updates {

		@Param("1000000")
		public int processes;

		@Param({ Subject.ENGINE, Subject.ENGINE_PREFETCH, Subject.NAIVE, Subject.CAFFEINE, Subject.CAFFEINE_PUTALL,
				Subject.AGRONA })
		public String impl;

		Fleet fleet;

		int[] order;

		Subject subject;

		final ManualClock clock = new ManualClock();

		// how far the clock moves per batch: the batch's share of a round, which lasts one period
		long stepMillis;

		final BeatRecord[] batch = new BeatRecord[BATCH];

		// the index of the next beat in the endless round-robin sequence
		long position;

		@Setup(Level.Trial)
		public void setUp() {
			this.fleet = Fleet.of(this.processes);
			this.order = this.fleet.shuffledOrder(7);
			this.subject = Subject.of(this.impl, this.clock);
			this.stepMillis = BEAT.duration().toMillis() * Math.min(BATCH, this.processes) / this.processes;
			// the first round spread over the period before now, in the order of the rounds to come
			long now = this.clock.wallTime();
			long period = BEAT.duration().toMillis();
			for (int i = 0; i < this.processes; i++) {
				long recordTime = now - period + i * period / this.processes;
				this.subject.onBeat(record(this.fleet, this.order[i], BEAT, recordTime, 1));
			}
			this.position = this.processes;
		}

		@Setup(Level.Invocation)
		public void nextBatch() {
			long now = this.clock.advanceMillis(this.stepMillis).wallTime();
			for (int k = 0; k < BATCH; k++) {
				long beat = this.position + k;
				int p = this.order[(int) (beat % this.processes)];
				// sent over the step the clock just made, as a real fleet's beats are spread out:
				// every process beats exactly one period after its last beat
				long recordTime = now - this.stepMillis + k * this.stepMillis / BATCH;
				this.batch[k] = record(this.fleet, p, BEAT, recordTime, beat / this.processes + 1);
			}
			this.position += BATCH;
		}

		/**
		 * LATE and DEAD events so far: none while every process beats once per period.
		 * @return the count
		 */
		public int alarms() {
			return this.subject.alarms.get();
		}

		@TearDown(Level.Trial)
		public void tearDown() {
			this.subject.close();
		}

	}

	/**
	 * A fleet of which 1 % expire at once on every invocation.
	 */
	@State(Scope.Benchmark)
	public static class Expiry {

		@Param("1000000")
		public int processes;

		@Param({ Subject.ENGINE, Subject.NAIVE })
		public String impl;

		Fleet fleet;

		int[] victims;

		Subject subject;

		final ManualClock clock = new ManualClock();

		long seq = 1;

		@Setup(Level.Trial)
		public void setUp() {
			this.fleet = Fleet.of(this.processes);
			int[] order = this.fleet.shuffledOrder(11);
			this.subject = Subject.of(this.impl, this.clock);
			long now = this.clock.wallTime();
			for (int p : order) {
				this.subject.onBeat(record(this.fleet, p, ONE_HOUR, now, this.seq));
			}
			this.victims = new int[Math.max(1, this.processes / 100)];
			for (int v = 0; v < this.victims.length; v++) {
				this.victims[v] = order[v * 100 % order.length];
			}
		}

		@Setup(Level.Invocation)
		public void dueAtOnce() throws InterruptedException {
			this.subject.prepareExpiry(this.victims.length);
			this.seq++;
			// a 1 s period sent 3 s - 1 ms ago: late already, dead 1 ms from now
			long recordTime = this.clock.wallTime() + 1 - DEAD_OFFSET_OF_ONE_SECOND;
			int deadBefore = this.subject.deadEvents.get();
			for (int p : this.victims) {
				this.subject.onBeat(record(this.fleet, p, ONE_SECOND, recordTime, this.seq));
			}
			if (this.subject.deadEvents.get() != deadBefore) {
				throw new IllegalStateException("a victim died before its deadline");
			}
			this.clock.advanceMillis(1);
			// the baseline's executor times its tasks on the real clock: let their delay pass
			Thread.sleep(2);
		}

		@TearDown(Level.Trial)
		public void tearDown() {
			this.subject.close();
		}

	}

	/**
	 * Apply a batch of beats. Iterations of 5 s: the baseline allocates a task per beat that
	 * lives for a whole round, so its rate is mostly young-GC work, which comes in lumps of up to
	 * a second on this machine; shorter iterations would sample it unevenly.
	 * @param state the fleet
	 * @return the number accepted (all of them)
	 */
	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.SECONDS)
	@OperationsPerInvocation(BATCH)
	@Warmup(iterations = 3, time = 5)
	@Measurement(iterations = 5, time = 5)
	public int updates(Updates state) {
		Subject subject = state.subject;
		int accepted = subject.apply(state.batch);
		subject.afterBatch();
		return accepted;
	}

	/**
	 * Expire 1 % of the fleet at once.
	 * @param state the fleet
	 * @return the number of DEAD events
	 * @throws InterruptedException if interrupted
	 */
	@Benchmark
	@BenchmarkMode(Mode.AverageTime)
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public int expiry(Expiry state) throws InterruptedException {
		return state.subject.expire();
	}

	/**
	 * A record as the consumer hands it over: every string freshly decoded from bytes, so that
	 * neither side is helped by sharing the fleet's strings (a shared string compares equal by
	 * reference and carries its hash already).
	 */
	static BeatRecord record(Fleet fleet, int p, Beat beat, long recordTime, long seq) {
		return new BeatRecord(decoded(fleet.process(p)), decoded(Fleet.app(p)), beat, recordTime,
				decoded(fleet.instance(p)), seq, RunStatus.RUNNING, decoded("UP"));
	}

	private static String decoded(String text) {
		return new String(text.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
	}

}
