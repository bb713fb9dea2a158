package dev.heartbeat.core.schedule.internal;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.heartbeat.core.beat.BeatKind;
import dev.heartbeat.core.schedule.SchedulerListener;

/**
 * Calls several listeners; one that throws is logged and never reaches the scheduler.
 */
public final class SafeSchedulerListener implements SchedulerListener {

	private static final Logger logger = LoggerFactory.getLogger(SafeSchedulerListener.class);

	private final List<SchedulerListener> listeners;

	/**
	 * Wrap listeners.
	 * @param listeners the listeners, called in order
	 */
	public SafeSchedulerListener(List<SchedulerListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	private void each(String event, java.util.function.Consumer<SchedulerListener> call) {
		for (SchedulerListener listener : this.listeners) {
			try {
				call.accept(listener);
			}
			catch (Throwable ex) {
				logger.warn("Scheduler listener {} failed on {}", listener, event, ex);
			}
		}
	}

	@Override
	public void onPublished(String publisher, BeatKind kind, Duration latency) {
		each("onPublished", (l) -> l.onPublished(publisher, kind, latency));
	}

	@Override
	public void onPublishFailed(String publisher, BeatKind kind, Throwable error, Duration latency) {
		each("onPublishFailed", (l) -> l.onPublishFailed(publisher, kind, error, latency));
	}

	@Override
	public void onPublishTimedOut(String publisher, BeatKind kind, Duration timeout) {
		each("onPublishTimedOut", (l) -> l.onPublishTimedOut(publisher, kind, timeout));
	}

	@Override
	public void onBeatDropped(String publisher, BeatKind kind) {
		each("onBeatDropped", (l) -> l.onBeatDropped(publisher, kind));
	}

	@Override
	public void onBeatSuppressed(BeatKind kind) {
		each("onBeatSuppressed", (l) -> l.onBeatSuppressed(kind));
	}

	@Override
	public void onTicksSkipped(long count) {
		each("onTicksSkipped", (l) -> l.onTicksSkipped(count));
	}

	@Override
	public void onBeatSourceFailed(Throwable error) {
		each("onBeatSourceFailed", (l) -> l.onBeatSourceFailed(error));
	}

	@Override
	public void onWatchdogStalled(Duration sinceLastTick) {
		each("onWatchdogStalled", (l) -> l.onWatchdogStalled(sinceLastTick));
	}

	@Override
	public void onWatchdogRecovered(Duration stalledFor) {
		each("onWatchdogRecovered", (l) -> l.onWatchdogRecovered(stalledFor));
	}

}
