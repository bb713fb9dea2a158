package dev.heartbeat.core.schedule.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;

import dev.heartbeat.core.publish.AsyncBeatPublisher;
import dev.heartbeat.core.publish.BeatPublisher;
import dev.heartbeat.core.schedule.PublisherStats;
import dev.heartbeat.core.schedule.SchedulerListener;
import dev.heartbeat.core.time.DelayScheduler;
import dev.heartbeat.core.time.HeartbeatClock;

/**
 * The scheduler's publishers, each behind its own {@link IsolatedPublisher}, opened, drained,
 * closed and counted together.
 */
public final class PublisherGroup {

	private final List<IsolatedPublisher> publishers;

	/**
	 * Isolate each publisher.
	 * @param publishers the publishers
	 * @param timeout how long one beat may take
	 * @param clock the clock
	 * @param listener told of every outcome; must not throw
	 */
	public PublisherGroup(List<BeatPublisher> publishers, Duration timeout, HeartbeatClock clock,
			SchedulerListener listener) {
		List<IsolatedPublisher> isolated = new ArrayList<>(publishers.size());
		for (BeatPublisher publisher : publishers) {
			isolated.add(new IsolatedPublisher(publisher, timeout, clock, listener));
		}
		this.publishers = List.copyOf(isolated);
	}

	/**
	 * One publisher that sends each beat to all of them.
	 * @return the fan-out
	 */
	public AsyncBeatPublisher fanOut() {
		return new FanOutPublisher(this.publishers);
	}

	/**
	 * Give each publisher its thread, named {@code heartbeat-publisher-<name>}, and the timer of
	 * its timeouts.
	 * @param threads where the thread of the given name comes from
	 * @param timer runs the timeouts
	 */
	public void open(Function<String, ThreadFactory> threads, DelayScheduler timer) {
		for (IsolatedPublisher publisher : this.publishers) {
			publisher.open(threads.apply("heartbeat-publisher-" + publisher.name()), timer);
		}
	}

	/**
	 * The publishers' names.
	 * @return the names, in the order they were given
	 */
	public List<String> names() {
		return this.publishers.stream().map(IsolatedPublisher::name).toList();
	}

	/**
	 * Wait until no publisher has a beat in flight or waiting, or the deadline passed. If
	 * interrupted, stop waiting and set the thread's interrupt flag again.
	 * @param deadline until when to wait at most
	 */
	public void awaitIdle(Deadline deadline) {
		try {
			for (IsolatedPublisher publisher : this.publishers) {
				publisher.awaitIdle(deadline);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Take every publisher's thread away.
	 * @return the executors shut down, to await their termination
	 */
	public List<ExecutorService> close() {
		List<ExecutorService> closing = new ArrayList<>(this.publishers.size());
		for (IsolatedPublisher publisher : this.publishers) {
			ExecutorService executor = publisher.close();
			if (executor != null) {
				closing.add(executor);
			}
		}
		return closing;
	}

	/**
	 * Each publisher's counters.
	 * @return the stats, in the order the publishers were given
	 */
	public List<PublisherStats> stats() {
		List<PublisherStats> stats = new ArrayList<>(this.publishers.size());
		for (IsolatedPublisher publisher : this.publishers) {
			stats.add(publisher.stats());
		}
		return List.copyOf(stats);
	}

}
