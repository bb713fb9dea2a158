package dev.heartbeat.core.monitor.internal;

import java.util.Objects;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The one timer of each process (its earliest pending deadline, hold end, reminder, snooze end
 * or retention end) and of each app (hold end, reminder or snooze end) in a {@link TimerWheel},
 * and the wake-up of the driver that advances them: a timer set earlier than the time the
 * driver sleeps until runs the driver's hook once. A process's timer already due whose partition
 * is not seen that far waits in {@link PartitionSights} instead, until it is.
 * <p>
 * Not thread-safe: the engine guards it with its lock.
 */
final class ProcessTimers {

	private final TimerWheel wheel;

	private final PartitionSights sights;

	// timers that expired since the engine was created
	private long fired;

	// told when a timer is set before plannedWake
	private @Nullable Runnable wakeHook;

	// the time the driver sleeps until, Long.MIN_VALUE when it needs no signal
	private long plannedWake = Long.MIN_VALUE;

	ProcessTimers(long now, PartitionSights sights) {
		this.wheel = new TimerWheel(now);
		this.sights = sights;
	}

	// set the timer of a process, or cancel it for ProcessStateMachine.NEVER; a time not after
	// now that its partition is not seen up to is held until it is
	void schedule(ProcessEntry entry, long next, long now) {
		if (entry.held) {
			this.sights.unhold(entry);
		}
		if (next != ProcessStateMachine.NEVER && next <= now && this.sights.judgeTime(entry.partition, now) < next) {
			this.wheel.cancel(entry);
			this.sights.hold(entry, next);
			return;
		}
		schedule(entry, next);
	}

	// set the timer of an app (or of a process, sight checked), or cancel it for ProcessStateMachine.NEVER
	void schedule(TimerWheel.Node entry, long next) {
		if (next == ProcessStateMachine.NEVER) {
			this.wheel.cancel(entry);
			return;
		}
		this.wheel.schedule(entry, next);
		if (next < this.plannedWake) {
			this.plannedWake = Long.MIN_VALUE;
			this.wakeHook.run();
		}
	}

	// the partition a process's records now come from; a held timer is no longer held for the old one
	void moveTo(ProcessEntry entry, int partition) {
		if (entry.partition != partition) {
			if (entry.held) {
				this.sights.unhold(entry);
			}
			entry.partition = partition;
		}
	}

	void cancel(TimerWheel.Node entry) {
		if (entry instanceof ProcessEntry process && process.held) {
			this.sights.unhold(process);
		}
		this.wheel.cancel(entry);
	}

	// expire at most limit timers due at now; returns how many expired
	int advance(long now, Consumer<TimerWheel.Node> expiry, int limit) {
		int expired = this.wheel.advance(now, expiry, limit);
		this.fired += expired;
		return expired;
	}

	long nextTime() {
		return this.wheel.nextTime();
	}

	long fired() {
		return this.fired;
	}

	// the driver sleeps until nextTime(), which it is given, unless the hook wakes it
	long planWake(Runnable hook) {
		long next = this.wheel.nextTime();
		this.wakeHook = Objects.requireNonNull(hook, "hook");
		this.plannedWake = next;
		return next;
	}

	// forget the plan made with a hook, unless another hook made a newer one
	void unplanWake(Runnable hook) {
		if (this.wakeHook == hook) {
			this.wakeHook = null;
			this.plannedWake = Long.MIN_VALUE;
		}
	}

}
