package dev.heartbeat.bench.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.heartbeat.bench.peers.AgronaPeer;
import dev.heartbeat.bench.peers.CaffeinePeer;
import dev.heartbeat.bench.peers.Deaths;
import dev.heartbeat.core.monitor.BeatRecord;
import dev.heartbeat.core.monitor.Admission;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.monitor.DeadlineEngineConfig;
import dev.heartbeat.core.monitor.MonitorListener;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.monitor.StateChange;
import dev.heartbeat.core.monitor.internal.BatchIngest;
import dev.heartbeat.core.monitor.internal.BeatFields;
import dev.heartbeat.core.time.HeartbeatClock;

/**
 * What the engine benchmark measures, the real {@link DeadlineEngine}, the {@link NaiveEngine}
 * or a peer library ({@link CaffeinePeer}, {@link AgronaPeer}), behind one interface so that all
 * run the very same benchmark code.
 */
abstract class Subject implements AutoCloseable {

	/**
	 * The names the benchmark's {@code impl} parameter takes.
	 */
	static final String ENGINE = "engine";

	static final String NAIVE = "naive";

	/**
	 * The engine driven as the monitor's Kafka consumer drives it ({@code RecordIngest.applyAll}):
	 * records in chunks of {@value #CHUNK}, each chunk copied into reused {@link BeatFields}
	 * holders, {@linkplain BatchIngest#prefetch(String[], int) prefetched}, then applied with
	 * {@link BatchIngest#onBeats}, one hold of the engine's lock per chunk.
	 */
	static final String ENGINE_PREFETCH = "engine-prefetch";

	/**
	 * Caffeine, one {@code put} per beat.
	 */
	static final String CAFFEINE = "caffeine";

	/**
	 * Caffeine, one {@code putAll} per chunk of {@value #CHUNK} beats.
	 */
	static final String CAFFEINE_PUTALL = "caffeine-putall";

	/**
	 * Agrona's timer wheel and maps, one beat at a time (Agrona has no batch form).
	 */
	static final String AGRONA = "agrona";

	/**
	 * The chunk of the monitor's RecordIngest.applyAll.
	 */
	static final int CHUNK = 256;

	final AtomicInteger deadEvents = new AtomicInteger();

	// LATE and DEAD events
	final AtomicInteger alarms = new AtomicInteger();

	// counted down by every DEAD event; replaced before each expiry
	volatile CountDownLatch dead = new CountDownLatch(0);

	final MonitorListener listener = new MonitorListener() {

		@Override
		public void onStateChange(StateChange change) {
			if (change.to() == ProcessState.LATE || change.to() == ProcessState.DEAD) {
				Subject.this.alarms.incrementAndGet();
			}
			if (change.to() == ProcessState.DEAD) {
				Subject.this.deadEvents.incrementAndGet();
				Subject.this.dead.countDown();
			}
		}

	};

	// a peer's expired process: a DEAD event
	final Deaths deaths = (process) -> {
		this.alarms.incrementAndGet();
		this.deadEvents.incrementAndGet();
		this.dead.countDown();
	};

	static Subject of(String name, HeartbeatClock clock) {
		return switch (name) {
			case ENGINE -> new Engine(clock);
			case ENGINE_PREFETCH -> new PrefetchingEngine(clock);
			case NAIVE -> new Naive(clock);
			case CAFFEINE -> new CaffeineOneByOne(clock);
			case CAFFEINE_PUTALL -> new CaffeinePutAll(clock);
			case AGRONA -> new Agrona(clock);
			default -> throw new IllegalArgumentException(
					"impl must be engine, engine-prefetch, naive, caffeine, caffeine-putall or agrona, was " + name);
		};
	}

	abstract Admission onBeat(BeatRecord record);

	/**
	 * Apply a batch of records in order, as the subject's user would.
	 * @param records the records
	 * @return the number accepted
	 */
	int apply(BeatRecord[] records) {
		int accepted = 0;
		for (BeatRecord record : records) {
			if (onBeat(record) == Admission.ACCEPTED) {
				accepted++;
			}
		}
		return accepted;
	}

	/**
	 * After a batch of beats: what the real monitor's deadline loop does meanwhile.
	 */
	abstract void afterBatch();

	/**
	 * Get ready for an expiry of {@code count} processes: nothing is to expire before
	 * {@link #expire} is called.
	 * @param count the number of DEAD events the expiry makes
	 */
	void prepareExpiry(int count) throws InterruptedException {
		this.dead = new CountDownLatch(count);
	}

	/**
	 * Expire what is due and wait until its DEAD events were delivered.
	 * @return the number of DEAD events
	 */
	abstract int expire() throws InterruptedException;

	@Override
	public abstract void close();

	static class Engine extends Subject {

		final DeadlineEngine engine;

		Engine(HeartbeatClock clock) {
			this.engine = new DeadlineEngine(DeadlineEngineConfig.ofDefaults(), clock);
			this.engine.addListener(this.listener);
		}

		@Override
		Admission onBeat(BeatRecord record) {
			return this.engine.onBeat(record);
		}

		@Override
		void afterBatch() {
			this.engine.advance();
		}

		@Override
		int expire() {
			int before = this.deadEvents.get();
			this.engine.advance();
			return this.deadEvents.get() - before;
		}

		@Override
		public void close() {
		}

	}

	static final class PrefetchingEngine extends Engine {

		// the engine's batch entry point, as RecordIngest holds it
		private final BatchIngest ingest;

		// reused as RecordIngest reuses its own: the holders the records are copied into (where
		// the consumer decodes them), the process ids to prefetch, and the engine's results
		private final BeatFields[] holders = new BeatFields[CHUNK];

		private final String[] processes = new String[CHUNK];

		private final Admission[] results = new Admission[CHUNK];

		PrefetchingEngine(HeartbeatClock clock) {
			super(clock);
			this.ingest = this.engine.ingest();
			for (int i = 0; i < CHUNK; i++) {
				this.holders[i] = new BeatFields();
			}
		}

		@Override
		int apply(BeatRecord[] records) {
			int accepted = 0;
			for (int from = 0; from < records.length; from += CHUNK) {
				int count = Math.min(records.length - from, CHUNK);
				for (int i = 0; i < count; i++) {
					this.processes[i] = this.holders[i].set(records[from + i]).process();
				}
				this.ingest.prefetch(this.processes, count);
				int i = 0;
				while (i < count) {
					int next = this.ingest.onBeats(this.holders, i, count, this.results);
					for (; i < next; i++) {
						if (this.results[i] == Admission.ACCEPTED) {
							accepted++;
						}
					}
				}
			}
			return accepted;
		}

	}

	static final class Naive extends Subject {

		final NaiveEngine engine;

		// opened by expire(); the timer thread waits on it meanwhile
		private CountDownLatch gate = new CountDownLatch(0);

		Naive(HeartbeatClock clock) {
			this.engine = new NaiveEngine(clock, this.listener);
		}

		@Override
		Admission onBeat(BeatRecord record) {
			return this.engine.onBeat(record);
		}

		@Override
		void afterBatch() {
			// the executor's own thread runs due tasks
		}

		@Override
		void prepareExpiry(int count) throws InterruptedException {
			super.prepareExpiry(count);
			// park the timer thread, so that the tasks that fall due meanwhile wait in the queue
			// and expire() times the executor running them all, as advance() does
			CountDownLatch blocked = new CountDownLatch(1);
			CountDownLatch gate = new CountDownLatch(1);
			this.gate = gate;
			this.engine.execute(() -> {
				blocked.countDown();
				try {
					gate.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			blocked.await();
		}

		@Override
		int expire() throws InterruptedException {
			int before = this.deadEvents.get();
			this.gate.countDown();
			if (!this.dead.await(60, TimeUnit.SECONDS)) {
				throw new IllegalStateException("the naive timer did not expire everything within 60 s");
			}
			return this.deadEvents.get() - before;
		}

		@Override
		public void close() {
			this.gate.countDown();
			this.engine.close();
		}

	}

	static class CaffeineOneByOne extends Subject {

		final CaffeinePeer peer;

		CaffeineOneByOne(HeartbeatClock clock) {
			this.peer = new CaffeinePeer(clock, this.deaths);
		}

		@Override
		Admission onBeat(BeatRecord record) {
			this.peer.beat(record.process(),
					CaffeinePeer.deadline(record.recordTime(), record.beat().duration().toMillis()));
			return Admission.ACCEPTED;
		}

		@Override
		void afterBatch() {
			// the cache's scheduler and executor run its maintenance
		}

		@Override
		int expire() {
			int before = this.deadEvents.get();
			this.peer.cleanUp();
			return this.deadEvents.get() - before;
		}

		@Override
		public void close() {
		}

	}

	static final class CaffeinePutAll extends CaffeineOneByOne {

		// reused, as a consumer would reuse its own
		private final Map<String, CaffeinePeer.Deadline> chunk = new HashMap<>(2 * CHUNK);

		CaffeinePutAll(HeartbeatClock clock) {
			super(clock);
		}

		@Override
		int apply(BeatRecord[] records) {
			for (int from = 0; from < records.length; from += CHUNK) {
				int to = Math.min(records.length, from + CHUNK);
				for (int i = from; i < to; i++) {
					BeatRecord record = records[i];
					this.chunk.put(record.process(),
							CaffeinePeer.deadline(record.recordTime(), record.beat().duration().toMillis()));
				}
				this.peer.beats(this.chunk);
				this.chunk.clear();
			}
			return records.length;
		}

	}

	static final class Agrona extends Subject {

		private final HeartbeatClock clock;

		private final AgronaPeer peer;

		Agrona(HeartbeatClock clock) {
			this.clock = clock;
			this.peer = new AgronaPeer(clock.wallTime(), this.deaths);
		}

		@Override
		Admission onBeat(BeatRecord record) {
			this.peer.beat(record.process(),
					record.recordTime() + record.beat().duration().toMillis() * CaffeinePeer.DEAD_AFTER_PERIODS);
			return Admission.ACCEPTED;
		}

		@Override
		void afterBatch() {
			// the duty cycle's other half: tick the wheel up to now
			this.peer.poll(this.clock.wallTime());
		}

		@Override
		int expire() {
			return this.peer.poll(this.clock.wallTime());
		}

		@Override
		public void close() {
		}

	}

}
