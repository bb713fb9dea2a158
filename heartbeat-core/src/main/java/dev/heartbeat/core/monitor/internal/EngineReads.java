package dev.heartbeat.core.monitor.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import dev.heartbeat.core.monitor.ProcessSnapshot;
import dev.heartbeat.core.monitor.ProcessState;

/**
 * What the engine tells of its processes and when it next needs its driver, behind
 * {@link dev.heartbeat.core.monitor.DeadlineEngine}'s methods of the same names: under the engine's lock and at its time,
 * changing nothing but the driver's planned wake-up.
 */
public final class EngineReads {

	private final EngineCore core;

	private final ReentrantLock lock;

	// guarded by lock, as all that follow
	private final ProcessTable<ProcessEntry> processes;

	private final ProcessStateMachine states;

	private final ProcessTimers timers;

	private final PartitionSights sights;

	EngineReads(EngineCore core, ProcessTable<ProcessEntry> processes, ProcessStateMachine states,
			ProcessTimers timers, PartitionSights sights) {
		this.core = core;
		this.lock = core.lock();
		this.processes = processes;
		this.states = states;
		this.timers = timers;
		this.sights = sights;
	}

	/** See {@link dev.heartbeat.core.monitor.DeadlineEngine#nextWakeTime()}. */
	public long nextWakeTime() {
		this.lock.lock();
		try {
			return Math.min(this.timers.nextTime(), this.sights.nextBlindTime());
		}
		finally {
			this.lock.unlock();
		}
	}

	/** See {@link dev.heartbeat.core.monitor.DeadlineEngine#get}. */
	public Optional<ProcessSnapshot> get(String process) {
		Objects.requireNonNull(process, "process");
		this.lock.lock();
		try {
			long now = this.core.tick();
			ProcessEntry entry = this.processes.get(process);
			return (entry != null) ? Optional.of(this.states.snapshot(entry, now)) : Optional.empty();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** See {@link dev.heartbeat.core.monitor.DeadlineEngine#list}. */
	public List<ProcessSnapshot> list(Predicate<? super ProcessSnapshot> filter, int limit) {
		Objects.requireNonNull(filter, "filter");
		if (limit < 0) {
			throw new IllegalArgumentException("limit must not be negative, was " + limit);
		}
		List<ProcessSnapshot> result = new ArrayList<>(Math.min(limit, 1024));
		if (limit == 0) {
			return result;
		}
		this.lock.lock();
		try {
			long now = this.core.tick();
			this.processes.forEachWhile((entry) -> {
				ProcessSnapshot snapshot = this.states.snapshot(entry, now);
				if (filter.test(snapshot)) {
					result.add(snapshot);
				}
				return result.size() < limit;
			});
		}
		finally {
			this.lock.unlock();
		}
		return result;
	}

	/** See {@link dev.heartbeat.core.monitor.DeadlineEngine#size()}. */
	public int size() {
		this.lock.lock();
		try {
			return this.processes.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** See {@link dev.heartbeat.core.monitor.DeadlineEngine#countByState()}. */
	public Map<ProcessState, Long> countByState() {
		this.lock.lock();
		try {
			return this.states.countByState();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** The number of timers that expired so far, for tests of what an advance works on. */
	public long timersFired() {
		this.lock.lock();
		try {
			return this.timers.fired();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Plan the driver's wake-up, for {@code DeadlineLoop}: see {@code DeadlineEngine.planWake}. */
	public long planWake(Runnable hook) {
		this.lock.lock();
		try {
			return Math.min(this.timers.planWake(hook), this.sights.nextBlindTime());
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Forget the plan made with a hook, unless another hook made a newer one. */
	public void unplanWake(Runnable hook) {
		this.lock.lock();
		try {
			this.timers.unplanWake(hook);
		}
		finally {
			this.lock.unlock();
		}
	}

}
