package dev.heartbeat.boot.monitor.support;

import java.time.Duration;
import java.time.Instant;

/**
 * Something that beats for one process, as the monitor tests need it: a simulated app writing
 * wire records ({@link SimulatedApp}), or (in end-to-end tests) a real application with the
 * starter.
 */
public interface BeatingApp extends AutoCloseable {

	/**
	 * The process id it beats for.
	 * @return the process id
	 */
	String process();

	/**
	 * Its beat period.
	 * @return the period
	 */
	Duration period();

	/**
	 * Make its health degrade, so that it sends {@code degraded/<period>} from now on.
	 */
	void degrade();

	/**
	 * Kill it: it stops beating without sending {@code stop}.
	 */
	void kill();

	/**
	 * The record time of the last beat it sent.
	 * @return the time
	 */
	Instant lastBeatTime();

	/**
	 * Close it gracefully: it sends {@code stop}.
	 */
	@Override
	void close();

}
