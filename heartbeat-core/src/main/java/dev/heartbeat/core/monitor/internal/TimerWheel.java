package dev.heartbeat.core.monitor.internal;

import java.time.Instant;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * A hierarchical timing wheel of millisecond timers with intrusive links: the timed objects
 * extend {@link Node}, so scheduling allocates nothing and each object holds at most one timer.
 * <p>
 * Why a wheel and not a heap: the engine moves one timer per consumed beat, a million times a
 * second at scale. Here that is an unlink and a link, O(1) and a handful of writes, where an
 * indexed heap (or a {@code ScheduledThreadPoolExecutor}) pays O(log n) sift steps, each a
 * likely cache miss on a random node. Expiry is proportional to what is due: the wheel jumps from
 * occupied slot to occupied slot (found through one occupancy bit set per level), never tick by
 * tick, so advancing over an hour-long outage costs what falls due in it.
 * <p>
 * Layout: 11 levels of 64 slots, level {@code k} slots
 * {@code 64^k} ms wide, indexed by the absolute bits of the due time (so 11 levels cover every
 * non-negative {@code long}). A timer due at {@code d} sits at the lowest level where {@code d}
 * and the wheel's {@linkplain #current() current time} differ only in that level's six bits and
 * below. Level 0 slots hold timers of exactly one millisecond; a higher slot is emptied when the
 * wheel reaches its start, and its timers are placed again, nearer (at most once per level).
 * Timers due at or before the current time wait in a ready list until the next advance. An
 * advance can be given a limit, so that its owner can release its lock every few thousand
 * expiries when a mass of timers falls due at once.
 * <p>
 * A timer moved later stays where it is (lazy re-arming): its place is reached no later than its
 * new due time, and the advance that reaches it places it again for that time. Every timer still
 * expires exactly on time, and the most common move, a heartbeat pushing a deadline later, writes
 * one field of a node already in hand instead of unlinking it from two neighbours, which are cold
 * memory in a wheel of a million timers. The cost is one more placement per timer each time its
 * old place is reached, by the advance, which therefore works on what is due and on what was moved
 * later since it was placed, never on anything else.
 * <p>
 * Not thread-safe: the owner guards it with its own lock.
 */
public final class TimerWheel {

	/**
	 * The latest due time a timer may have; later ones are clamped to it.
	 */
	public static final long MAX_TIME = 1L << 62;

	private static final int SLOT_BITS = 6;

	private static final int SLOTS = 1 << SLOT_BITS;

	private static final int SLOT_MASK = SLOTS - 1;

	private static final int LEVELS = 11;

	private final Node[] heads = new Node[LEVELS * SLOTS];

	// bit s of occupied[k] is set when slot s of level k may be non-empty (cleared lazily)
	private final long[] occupied = new long[LEVELS];

	private final Node ready = new Sentinel();

	// the timers being expired or moved nearer; a list of its own so that callbacks may touch
	// any node safely, and so that an advance that hits its limit can leave the rest here
	private final Node batch = new Sentinel();

	// every timer due at or before this time has expired or waits in the ready list
	private long current;

	private int size;

	/**
	 * An empty wheel.
	 * @param now the current time in epoch milliseconds; must not be negative
	 */
	public TimerWheel(long now) {
		if (now < 0) {
			throw new IllegalArgumentException("now must not be negative, was " + now);
		}
		for (int i = 0; i < this.heads.length; i++) {
			this.heads[i] = new Sentinel();
		}
		this.current = now;
	}

	/**
	 * An instant as a due time: its epoch milliseconds, clamped to {@code [0, MAX_TIME]}.
	 * @param instant the instant
	 * @return epoch milliseconds
	 */
	public static long toMillis(Instant instant) {
		if (instant.getEpochSecond() < 0) {
			return 0;
		}
		if (instant.getEpochSecond() >= MAX_TIME / 1000) {
			return MAX_TIME;
		}
		return instant.toEpochMilli();
	}

	/**
	 * The time up to which the wheel has advanced.
	 * @return epoch milliseconds
	 */
	public long current() {
		return this.current;
	}

	/**
	 * The number of scheduled timers.
	 * @return the count
	 */
	public int size() {
		return this.size;
	}

	/**
	 * Schedule a node's timer, replacing the one it had. O(1), no allocation. A timer moved later
	 * keeps its place, which is reached no later than its new time, and is placed again for its
	 * new time when the wheel reaches that place (without expiring); a timer moved earlier is
	 * moved at once.
	 * @param node the node
	 * @param due epoch milliseconds, clamped to {@code [0, MAX_TIME]}; a time not after
	 * {@link #current()} expires at the next {@link #advance}
	 */
	public void schedule(Node node, long due) {
		long clamped = Math.max(0, Math.min(due, MAX_TIME));
		if (node.next != null) {
			if (clamped >= node.due) {
				// later (a beat pushing a deadline): leave the node where it is, whose slot starts
				// no later than its old due time, so no later than its new one; when that slot is
				// reached the node is placed again for its new time. Not unlinking it saves
				// touching its two neighbours, cold memory in a large wheel
				node.due = clamped;
				return;
			}
			unlink(node);
		}
		else {
			this.size++;
		}
		node.due = clamped;
		place(node);
	}

	/**
	 * Cancel a node's timer, if it has one. O(1).
	 * @param node the node
	 */
	public void cancel(Node node) {
		if (node.next != null) {
			unlink(node);
			this.size--;
		}
	}

	/**
	 * Expire every timer due at or before {@code now}, in due order (the ready list first). An
	 * expired node has no timer when it is handed over; the callback may schedule it again (for a
	 * time after {@code now}) and may schedule or cancel other nodes.
	 * @param now epoch milliseconds; a time before {@link #current()} is taken as {@code current()}
	 * @param expired called with each expired node
	 * @return the number of expired timers
	 */
	public int advance(long now, Consumer<? super Node> expired) {
		return advance(now, expired, Integer.MAX_VALUE);
	}

	/**
	 * Expire timers due at or before {@code now}, in due order, but at most {@code limit} of them;
	 * when the limit is reached, call again for the rest (the owner may release its lock in
	 * between, and may schedule or cancel any node meanwhile).
	 * @param now epoch milliseconds; a time before {@link #current()} is taken as {@code current()}
	 * @param expired called with each expired node
	 * @param limit the most timers to expire, positive
	 * @return the number of expired timers; less than {@code limit} means none due is left
	 */
	public int advance(long now, Consumer<? super Node> expired, int limit) {
		int count = 0;
		// a batch left by an earlier call that hit its limit comes first, then the ready list
		splice(this.ready);
		while (true) {
			while (this.batch.next != this.batch) {
				if (count == limit) {
					return count;
				}
				Node node = this.batch.next;
				unlink(node);
				if (node.due <= this.current) {
					this.size--;
					expired.accept(node);
					count++;
				}
				else {
					place(node);
				}
			}
			int index = nextSlot();
			if (index < 0) {
				break;
			}
			long start = slotStart(index);
			if (start > now) {
				break;
			}
			this.current = start;
			this.occupied[index >>> SLOT_BITS] &= ~(1L << (index & SLOT_MASK));
			splice(this.heads[index]);
		}
		if (now > this.current) {
			// no occupied slot starts at or before now, so every timer keeps its place
			this.current = now;
		}
		return count;
	}

	/**
	 * A time at or before the earliest pending timer, cheap to compute: the start of the earliest
	 * occupied slot, which is the due time itself for a timer at level 0 that was not moved later,
	 * or {@link #current()} when timers wait in the ready list. A slot of a higher level, or one
	 * holding a timer that was moved later, starts earlier than what it holds is due: there
	 * {@link #advance} places its timers again, nearer or at their new time, expiring nothing.
	 * @return epoch milliseconds, or {@link Long#MAX_VALUE} if no timer is scheduled
	 */
	public long nextTime() {
		if (this.ready.next != this.ready || this.batch.next != this.batch) {
			return this.current;
		}
		int index = nextSlot();
		return (index < 0) ? Long.MAX_VALUE : slotStart(index);
	}

	// the occupied slot with the earliest start after current, as level * SLOTS + slot, or -1
	private int nextSlot() {
		for (int level = 0; level < LEVELS; level++) {
			long bits = this.occupied[level];
			if (bits == 0) {
				continue;
			}
			int position = (int) (this.current >>> (level * SLOT_BITS)) & SLOT_MASK;
			// slots at or before the current position are empty by construction; skip stale bits
			long after = bits & (-2L << position);
			while (after != 0) {
				int slot = Long.numberOfTrailingZeros(after);
				Node head = this.heads[level * SLOTS + slot];
				if (head.next != head) {
					return level * SLOTS + slot;
				}
				this.occupied[level] &= ~(1L << slot);
				after &= after - 1;
			}
		}
		return -1;
	}

	private long slotStart(int index) {
		int level = index >>> SLOT_BITS;
		int shift = level * SLOT_BITS;
		int upper = shift + SLOT_BITS;
		long base = (upper >= Long.SIZE) ? 0 : (this.current >>> upper) << upper;
		return base | ((long) (index & SLOT_MASK) << shift);
	}

	private void place(Node node) {
		long due = node.due;
		if (due <= this.current) {
			linkLast(this.ready, node);
			return;
		}
		int level = (63 - Long.numberOfLeadingZeros(due ^ this.current)) / SLOT_BITS;
		int slot = (int) (due >>> (level * SLOT_BITS)) & SLOT_MASK;
		linkLast(this.heads[level * SLOTS + slot], node);
		this.occupied[level] |= 1L << slot;
	}

	// move every node of a list to the batch list, in order
	private void splice(Node head) {
		moveAll(head, this.batch);
	}

	// move every node of a list to the end of another, in order (also for the engine's held lists)
	static void moveAll(Node from, Node to) {
		if (from.next == from) {
			return;
		}
		Node first = from.next;
		Node last = from.prev;
		from.next = from;
		from.prev = from;
		Node toLast = to.prev;
		toLast.next = first;
		first.prev = toLast;
		last.next = to;
		to.prev = last;
	}

	static void linkLast(Node head, Node node) {
		Node last = head.prev;
		node.prev = last;
		node.next = head;
		last.next = node;
		head.prev = node;
	}

	static void unlink(Node node) {
		node.prev.next = node.next;
		node.next.prev = node.prev;
		node.prev = null;
		node.next = null;
	}

	/**
	 * Something that can carry one timer of a {@link TimerWheel}: two links and a due time.
	 */
	public abstract static class Node {

		// guarded by the owner of the wheel; null when not scheduled
		@Nullable Node prev;

		@Nullable Node next;

		long due;

		/**
		 * Create an unscheduled node.
		 */
		protected Node() {
		}

		/**
		 * Whether this node has a timer.
		 * @return whether it is scheduled
		 */
		public final boolean isScheduled() {
			return this.next != null;
		}

		/**
		 * When this node's timer is due, if it has one.
		 * @return epoch milliseconds
		 */
		public final long due() {
			return this.due;
		}

	}

	// the head of a list of nodes; also of the engine's held lists
	static final class Sentinel extends Node {

		Sentinel() {
			this.prev = this;
			this.next = this;
		}

	}

}
