package dev.heartbeat.bench.engine;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
 * What the engine benchmark measures, either the real {@link DeadlineEngine} or the
 * {@link NaiveEngine}, behind one interface so that both run the very same benchmark code.
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

	static Subject of(String name, HeartbeatClock clock) {
		return switch (name) {
			case ENGINE -> new Engine(clock);
			case ENGINE_PREFETCH -> new PrefetchingEngine(clock);
			case NAIVE -> new Naive(clock);
			default -> throw new IllegalArgumentException("impl must be engine, engine-prefetch or naive, was " + name);
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

}
