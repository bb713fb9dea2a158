package dev.heartbeat.bench;

import java.util.Random;

/**
 * Realistic identities for a fleet of processes, the same for every benchmark and every run
 * (fixed seed): process ids like {@code orders-7f3a9c21b4de-000123} (app, a 12-hex deployment
 * hash, an index), instance ids of 12 hex digits as {@code HeartConfig.randomInstanceId()} makes
 * them, app names from a small set.
 */
public final class Fleet {

	/**
	 * The app names processes are spread over.
	 */
	public static final String[] APPS = { "orders", "billing", "shipping", "payments", "inventory", "search",
			"accounts", "notifications" };

	private final String[] processes;

	private final String[] instances;

	private Fleet(int size, long seed) {
		this.processes = new String[size];
		this.instances = new String[size];
		Random random = new Random(seed);
		for (int i = 0; i < size; i++) {
			this.processes[i] = processId(i, random);
			this.instances[i] = hex12(random);
		}
	}

	/**
	 * A fleet.
	 * @param size the number of processes
	 * @return the fleet, the same for the same size
	 */
	public static Fleet of(int size) {
		return new Fleet(size, 42);
	}

	/**
	 * The process id of one process, generated on the fly: the ids a {@link Fleet} of any size
	 * holds, without holding them (for the memory benchmark, which must retain nothing itself).
	 * @param index the index
	 * @param random the generator, called in index order
	 * @return the id
	 */
	public static String processId(int index, Random random) {
		return app(index) + '-' + hex12(random) + '-' + String.format("%06d", index);
	}

	/**
	 * 12 random lower-case hex digits.
	 * @param random the generator
	 * @return the digits
	 */
	public static String hex12(Random random) {
		String hex = Long.toHexString(random.nextLong() & 0xFFFF_FFFF_FFFFL);
		return "000000000000".substring(hex.length()) + hex;
	}

	/**
	 * The app of a process.
	 * @param index the index
	 * @return the app name (a shared constant)
	 */
	public static String app(int index) {
		return APPS[index % APPS.length];
	}

	/**
	 * The number of processes.
	 * @return the size
	 */
	public int size() {
		return this.processes.length;
	}

	/**
	 * A process id.
	 * @param index the index
	 * @return the id
	 */
	public String process(int index) {
		return this.processes[index];
	}

	/**
	 * The instance id of a process.
	 * @param index the index
	 * @return the id
	 */
	public String instance(int index) {
		return this.instances[index];
	}

	/**
	 * A random permutation of the process indexes: the order processes beat in.
	 * @param seed the seed
	 * @return the order
	 */
	public int[] shuffledOrder(long seed) {
		int[] order = new int[size()];
		for (int i = 0; i < order.length; i++) {
			order[i] = i;
		}
		Random random = new Random(seed);
		for (int i = order.length - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			int swap = order[i];
			order[i] = order[j];
			order[j] = swap;
		}
		return order;
	}

}
