package dev.heartbeat.bench.lag;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Records the JVM's stop-the-world GC pauses (start and duration, from the collectors'
 * notifications), so that a lag can be told apart from a GC pause. Concurrent cycles are not
 * pauses and are left out.
 */
final class GcPauses implements NotificationListener {

	private final long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();

	private final List<NotificationEmitter> emitters = new ArrayList<>();

	// guarded by this: start (epoch ms) and duration (ms) of each pause
	private final List<long[]> pauses = new ArrayList<>();

	private GcPauses() {
	}

	static GcPauses start() {
		GcPauses recorder = new GcPauses();
		for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
			if (bean instanceof NotificationEmitter emitter) {
				emitter.addNotificationListener(recorder, null, null);
				recorder.emitters.add(emitter);
			}
		}
		return recorder;
	}

	void stop() {
		for (NotificationEmitter emitter : this.emitters) {
			try {
				emitter.removeNotificationListener(this);
			}
			catch (ListenerNotFoundException ex) {
				// already gone
			}
		}
	}

	@Override
	public void handleNotification(Notification notification, Object handback) {
		if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
			return;
		}
		GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
			.from((CompositeData) notification.getUserData());
		if (info.getGcName().contains("Concurrent")) {
			return;
		}
		synchronized (this) {
			this.pauses.add(new long[] { this.jvmStart + info.getGcInfo().getStartTime(), info.getGcInfo().getDuration() });
		}
	}

	/**
	 * The pauses that overlap a window.
	 * @param from epoch ms
	 * @param to epoch ms
	 * @return their count and the longest
	 */
	synchronized Window within(long from, long to) {
		int count = 0;
		long max = 0;
		for (long[] pause : this.pauses) {
			if (pause[0] <= to && pause[0] + pause[1] >= from) {
				count++;
				max = Math.max(max, pause[1]);
			}
		}
		return new Window(count, max);
	}

	record Window(int count, long maxMillis) {
	}

}
