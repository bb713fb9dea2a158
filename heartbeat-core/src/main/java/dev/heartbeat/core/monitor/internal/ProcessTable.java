package dev.heartbeat.core.monitor.internal;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * A hash table of entries keyed by process id, chained through a field of the entries
 * themselves: no node object per entry (a {@code HashMap} costs a 32-byte node and a boxed
 * value per mapping), and the key string of an entry is the one it was created with, so looking
 * up with a fresh string retains nothing.
 * <p>
 * Not thread-safe: the owner guards it with its own lock.
 *
 * @param <E> the type of entry
 */
public final class ProcessTable<E extends ProcessTable.Entry> {

	private static final int MAX_CAPACITY = 1 << 30;

	private @Nullable Entry[] table;

	private int size;

	private int threshold;

	// scratch space of prefetch, kept between calls
	private int[] prefetchHashes = new int[0];

	private @Nullable Entry[] prefetchHeads = new Entry[0];

	/**
	 * An empty table.
	 */
	public ProcessTable() {
		this.table = new Entry[16];
		this.threshold = 12;
	}

	/**
	 * The number of entries.
	 * @return the size
	 */
	public int size() {
		return this.size;
	}

	/**
	 * The entry of a key.
	 * @param key the process id
	 * @return the entry, or {@code null}
	 */
	@SuppressWarnings("unchecked")
	public @Nullable E get(String key) {
		int hash = spread(key.hashCode());
		Entry[] tab = this.table;
		for (Entry entry = tab[hash & (tab.length - 1)]; entry != null; entry = entry.chain) {
			if (entry.hash == hash && (entry.key == key || entry.key.equals(key))) {
				return (E) entry;
			}
		}
		return null;
	}

	/**
	 * Read what looking up each key will read (its bucket and its entry), all keys at once, so
	 * that the lookups that follow find it in the CPU's caches. In a large table every lookup is
	 * cold memory, and one lookup's reads depend on each other (bucket, then entry); reading the
	 * buckets of many keys one after the other, then their entries, lets the memory serve them in
	 * parallel. Changes nothing; caches each key's hash code as {@link String#hashCode()} does.
	 * @param keys the keys about to be looked up, from index 0
	 * @param count how many of them
	 * @return a value computed from what was read, for the caller to keep, so that the reads
	 * cannot be optimised away
	 */
	public int prefetch(String[] keys, int count) {
		if (this.prefetchHeads.length < count) {
			this.prefetchHashes = new int[count];
			this.prefetchHeads = new Entry[count];
		}
		int[] hashes = this.prefetchHashes;
		Entry[] heads = this.prefetchHeads;
		// three passes, each of independent reads: hashes, then buckets, then entries
		for (int i = 0; i < count; i++) {
			hashes[i] = spread(keys[i].hashCode());
		}
		Entry[] tab = this.table;
		int mask = tab.length - 1;
		for (int i = 0; i < count; i++) {
			heads[i] = tab[hashes[i] & mask];
		}
		int read = 0;
		for (int i = 0; i < count; i++) {
			Entry head = heads[i];
			if (head != null) {
				read += head.hash + head.touch();
				heads[i] = null;
			}
		}
		return read;
	}

	/**
	 * Add an entry whose key is not in the table yet.
	 * @param entry the entry
	 */
	public void add(E entry) {
		Objects.requireNonNull(entry, "entry");
		if (this.size >= this.threshold) {
			resize();
		}
		int index = entry.hash & (this.table.length - 1);
		entry.chain = this.table[index];
		this.table[index] = entry;
		this.size++;
	}

	/**
	 * Remove an entry.
	 * @param entry the entry
	 * @return whether it was in the table
	 */
	public boolean remove(E entry) {
		int index = entry.hash & (this.table.length - 1);
		Entry previous = null;
		for (Entry candidate = this.table[index]; candidate != null; candidate = candidate.chain) {
			if (candidate == entry) {
				if (previous == null) {
					this.table[index] = candidate.chain;
				}
				else {
					previous.chain = candidate.chain;
				}
				candidate.chain = null;
				this.size--;
				return true;
			}
			previous = candidate;
		}
		return false;
	}

	/**
	 * Visit entries, in no particular order, until the visitor says stop.
	 * @param visitor what to do with each; returns {@code false} to stop; must not add or remove
	 * entries
	 */
	@SuppressWarnings("unchecked")
	public void forEachWhile(Predicate<? super E> visitor) {
		for (Entry head : this.table) {
			for (Entry entry = head; entry != null; entry = entry.chain) {
				if (!visitor.test((E) entry)) {
					return;
				}
			}
		}
	}

	/**
	 * Remove every entry that matches, telling the callback about each one removed.
	 * @param filter which entries to remove
	 * @param removed called with each removed entry
	 * @return the number removed
	 */
	@SuppressWarnings("unchecked")
	public int removeIf(Predicate<? super E> filter, Consumer<? super E> removed) {
		int count = 0;
		Entry[] tab = this.table;
		for (int i = 0; i < tab.length; i++) {
			Entry previous = null;
			Entry entry = tab[i];
			while (entry != null) {
				Entry following = entry.chain;
				if (filter.test((E) entry)) {
					if (previous == null) {
						tab[i] = following;
					}
					else {
						previous.chain = following;
					}
					entry.chain = null;
					this.size--;
					count++;
					removed.accept((E) entry);
				}
				else {
					previous = entry;
				}
				entry = following;
			}
		}
		return count;
	}

	private void resize() {
		Entry[] old = this.table;
		if (old.length >= MAX_CAPACITY) {
			this.threshold = Integer.MAX_VALUE;
			return;
		}
		Entry[] grown = new Entry[old.length * 2];
		int mask = grown.length - 1;
		for (Entry head : old) {
			Entry entry = head;
			while (entry != null) {
				Entry following = entry.chain;
				int index = entry.hash & mask;
				entry.chain = grown[index];
				grown[index] = entry;
				entry = following;
			}
		}
		this.table = grown;
		this.threshold = (int) (grown.length * 0.75f);
	}

	private static int spread(int hash) {
		return hash ^ (hash >>> 16);
	}

	/**
	 * An entry of a {@link ProcessTable}, which also carries one timer of a {@link TimerWheel}.
	 */
	public abstract static class Entry extends TimerWheel.Node {

		final String key;

		final int hash;

		// the next entry in the same bucket; guarded by the owner of the table
		@Nullable Entry chain;

		/**
		 * Create an entry.
		 * @param key the process id, kept for the life of the entry
		 */
		protected Entry(String key) {
			this.key = Objects.requireNonNull(key, "key");
			this.hash = spread(key.hashCode());
		}

		/**
		 * Read the fields a lookup's caller uses next, for {@link ProcessTable#prefetch}: those
		 * laid out at the far end of the entry, which may lie in another cache line than the
		 * table's fields.
		 * @return any value computed from them
		 */
		protected int touch() {
			return 0;
		}

		/**
		 * The process id.
		 * @return the key
		 */
		public final String key() {
			return this.key;
		}

	}

}
