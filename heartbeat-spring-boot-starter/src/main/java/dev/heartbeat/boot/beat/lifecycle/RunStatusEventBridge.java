package dev.heartbeat.boot.beat.lifecycle;

import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;

import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.status.StatusChange;
import dev.heartbeat.core.status.StatusListener;
import dev.heartbeat.core.status.StatusTracker;
import dev.heartbeat.boot.beat.RunStatusChangedEvent;

/**
 * Turns run status changes into Spring events: a {@link RunStatusChangedEvent} always, and,
 * when pausing refuses traffic, readiness {@code REFUSING_TRAFFIC} on pause and
 * {@code ACCEPTING_TRAFFIC} on resume.
 * <p>
 * While paused, readiness stays refused even if something else (e.g. Spring Boot when the
 * application becomes ready) reports {@code ACCEPTING_TRAFFIC}: a pause is not undone by
 * anything but a resume. A resume only reports {@code ACCEPTING_TRAFFIC} if this bridge refused
 * traffic first, so it never declares an application ready that was not.
 */
public final class RunStatusEventBridge implements StatusListener, ApplicationListener<AvailabilityChangeEvent<?>> {

	private static final Logger logger = LoggerFactory.getLogger(RunStatusEventBridge.class);

	private final ApplicationEventPublisher publisher;

	private final StatusTracker tracker;

	private final boolean refuseTrafficWhenPaused;

	// guarded by this: readiness is refused because of a pause
	private boolean refusing;

	/**
	 * Create a bridge.
	 * @param publisher where events go
	 * @param tracker the tracker whose changes are announced
	 * @param refuseTrafficWhenPaused whether a pause sets readiness to REFUSING_TRAFFIC
	 */
	public RunStatusEventBridge(ApplicationEventPublisher publisher, StatusTracker tracker,
			boolean refuseTrafficWhenPaused) {
		this.publisher = Objects.requireNonNull(publisher, "publisher");
		this.tracker = Objects.requireNonNull(tracker, "tracker");
		this.refuseTrafficWhenPaused = refuseTrafficWhenPaused;
	}

	@Override
	public void onStatusChange(StatusChange change) {
		if (this.refuseTrafficWhenPaused) {
			if (change.to() == RunStatus.PAUSED) {
				refuse();
			}
			else {
				accept();
			}
		}
		this.publisher.publishEvent(new RunStatusChangedEvent(this.tracker, change));
	}

	@Override
	public void onApplicationEvent(AvailabilityChangeEvent<?> event) {
		if (this.refuseTrafficWhenPaused && event.getSource() != this
				&& event.getState() == ReadinessState.ACCEPTING_TRAFFIC && this.tracker.isPaused()) {
			logger.info("Heartbeat is paused: readiness stays REFUSING_TRAFFIC until resumed");
			refuse();
		}
	}

	private void refuse() {
		synchronized (this) {
			this.refusing = true;
		}
		AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.REFUSING_TRAFFIC);
	}

	private void accept() {
		synchronized (this) {
			if (!this.refusing) {
				return;
			}
			this.refusing = false;
		}
		AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.ACCEPTING_TRAFFIC);
	}

}
