package dev.heartbeat.bench.peers;

import java.util.concurrent.TimeUnit;

import org.agrona.DeadlineTimerWheel;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.Object2LongHashMap;

/**
 * Agrona as a deadline tracker: a {@link DeadlineTimerWheel} of {@value #TICKS} ticks of
 * {@value #TICK_MILLIS} ms (32.8 s, more than the 30 s dead deadline, so that a tick holds the
 * timers of one lap only) and two Agrona primitive maps, process id to timer id
 * ({@link Object2LongHashMap}) and back ({@link Long2ObjectHashMap}: the wheel hands out timer
 * ids only, and a slot is reused once its timer fired or was cancelled). A beat schedules a timer
 * for the new dead deadline and cancels the old one; {@link #poll} expires what is due, as an
 * Agrona agent's duty cycle would.
 * <p>
 * What it gives up against the engine: it is single-threaded (beats and polls on one thread), the
 * process is forgotten when its timer fires, there are no LATE or DEGRADED states, no admission
 * rule and no last-beat information, and every tick of the wheel has the same capacity, that of
 * its fullest tick (many deadlines in one tick grow the whole wheel).
 */
public final class AgronaPeer {

	/**
	 * The wheel's tick.
	 */
	public static final long TICK_MILLIS = 8;

	/**
	 * The ticks of the wheel, a power of 2.
	 */
	public static final int TICKS = 4096;

	/**
	 * Timers expired per call of the wheel's poll.
	 */
	public static final int EXPIRY_LIMIT = 1024;

	private static final long NO_TIMER = -1;

	private final DeadlineTimerWheel wheel;

	private final Object2LongHashMap<String> timers = new Object2LongHashMap<>(NO_TIMER);

	private final Long2ObjectHashMap<String> processes = new Long2ObjectHashMap<>();

	private final DeadlineTimerWheel.TimerHandler handler;

	/**
	 * A peer.
	 * @param startMillis the wheel's start time, epoch milliseconds
	 * @param deaths told of every expired process
	 */
	public AgronaPeer(long startMillis, Deaths deaths) {
		this.wheel = new DeadlineTimerWheel(TimeUnit.MILLISECONDS, startMillis, TICK_MILLIS, TICKS);
		this.handler = (timeUnit, now, timerId) -> {
			String process = this.processes.remove(timerId);
			if (process != null) {
				this.timers.removeKey(process);
				deaths.dead(process);
			}
			return true;
		};
	}

	/**
	 * Apply a beat: a timer for the new deadline, the old one cancelled.
	 * @param process the process id
	 * @param deadAt its new dead deadline, epoch milliseconds
	 */
	public void beat(String process, long deadAt) {
		long timer = this.wheel.scheduleTimer(deadAt);
		long old = this.timers.put(process, timer);
		String key = process;
		if (old != NO_TIMER) {
			this.wheel.cancelTimer(old);
			String known = this.processes.remove(old);
			if (known != null) {
				// the map keeps the key it first got: keep that one string only
				key = known;
			}
		}
		this.processes.put(timer, key);
	}

	/**
	 * Expire every timer due by {@code now}, ticking the wheel up to it.
	 * @param now epoch milliseconds
	 * @return the number expired
	 */
	public int poll(long now) {
		int expired = 0;
		do {
			expired += this.wheel.poll(now, this.handler, EXPIRY_LIMIT);
		}
		while (now >= this.wheel.currentTickTime());
		return expired;
	}

	/**
	 * The number of tracked processes.
	 * @return the count
	 */
	public int size() {
		return this.timers.size();
	}

}
