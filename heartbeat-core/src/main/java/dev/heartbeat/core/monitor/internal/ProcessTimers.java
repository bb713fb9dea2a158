package dev.heartbeat.core.monitor.internal;

import java.util.Objects;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The one timer of each process (its earliest pending deadline, hold end, reminder, snooze end
 * or retention end) and of each app (hold end, reminder or snooze end) in a {@link TimerWheel},
 * and the wake-up of the driver that advances them: a timer set earlier than the time the
 * driver sleeps until runs the driver's hook once.
 * <p>
 * Not thread-safe: the engine guards it with its lock.
 */
final class ProcessTimers {

	private final TimerWheel wheel;

	// timers that expired since the engine was created
	private long fired;

	// told when a timer is set before plannedWake
	private @Nullable Runnable wakeHook;

	// the time the driver sleeps until, Long.MIN_VALUE when it needs no signal
	private long plannedWake = Long.MIN_VALUE;

	ProcessTimers(long now) {
		this.wheel = new TimerWheel(now);
	}

	// set the timer of a process (or an app), or cancel it for ProcessStateMachine.NEVER
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

	void cancel(TimerWheel.Node entry) {
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
