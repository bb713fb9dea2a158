package dev.heartbeat.boot.monitor.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import dev.heartbeat.core.beat.ProcessIds;
import dev.heartbeat.core.monitor.AppStateChange;
import dev.heartbeat.core.monitor.LastBeatInfo;
import dev.heartbeat.core.monitor.MonitorEvent;
import dev.heartbeat.core.monitor.StateChange;

/**
 * What a notification is about, the same for every kind of event: the subject (a process, or an
 * app), its new and previous state, and what is known of its last beat. The notifiers and
 * {@link NoticeText} work from it alone, so that a new kind of event needs only a new factory
 * method here.
 *
 * @param subject what kind of thing changed
 * @param name the process id, or the app's name
 * @param app the app of a process ({@code ""} if unknown), or the app itself
 * @param state the new state, e.g. {@code DEAD}
 * @param previous the state reported before, {@code UNKNOWN} for the first event
 * @param at when the change happened (the deadline itself for LATE and DEAD)
 * @param lastBeatAt the record time of the last beat, {@code null} if none is known
 * @param instance the instance of the last beat, {@code ""} if unknown
 * @param detail a further line to show, e.g. how many instances of an app are alive; {@code ""}
 * if none
 * @param event the event name, e.g. {@code heartbeat.billing.dead}
 * @param reminder whether it repeats a state that lasts
 */
public record Notice(Subject subject, String name, String app, String state, String previous, Instant at,
		Instant lastBeatAt, String instance, String detail, String event, boolean reminder) {

	/**
	 * A notice.
	 */
	public Notice {
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(name, "name");
		app = (app != null) ? app : "";
		Objects.requireNonNull(state, "state");
		previous = (previous != null) ? previous : "UNKNOWN";
		Objects.requireNonNull(at, "at");
		instance = (instance != null) ? instance : "";
		detail = (detail != null) ? detail : "";
		Objects.requireNonNull(event, "event");
	}

	/**
	 * The notice of an event: a process's state change or an app's.
	 * @param event the event
	 * @return the notice
	 */
	public static Notice of(MonitorEvent event) {
		if (event instanceof AppStateChange change) {
			return of(change);
		}
		return of((StateChange) event);
	}

	/**
	 * The notice of a process's state change.
	 * @param change the change
	 * @return the notice
	 */
	public static Notice of(StateChange change) {
		LastBeatInfo lastBeat = change.lastBeat();
		return new Notice(Subject.PROCESS, change.process(), change.app(), change.to().name(), change.from().name(),
				change.at(), (lastBeat != null) ? lastBeat.recordTime() : null,
				(lastBeat != null) ? lastBeat.instance() : "", "", change.eventName(), change.reminder());
	}

	/**
	 * The notice of an app's state change; its detail says how many instances are alive.
	 * @param change the change
	 * @return the notice
	 */
	public static Notice of(AppStateChange change) {
		String detail = change.live() + " of " + change.instances() + " instances alive (needs "
				+ change.minInstances() + ")";
		return new Notice(Subject.APP, change.app(), change.app(), change.to().name(), change.from().name(),
				change.at(), null, "", detail, change.eventName(), change.reminder());
	}

	/**
	 * What identifies the subject across its events, and so the one incident or alert that
	 * PagerDuty and Opsgenie keep for it: {@code heartbeat.<process>} (the process's beat subject)
	 * or {@code app.<app>}. The prefix keeps a process and an app of the same name apart.
	 * @return the key
	 */
	public String key() {
		return (this.subject == Subject.PROCESS) ? ProcessIds.subject(this.name) : "app." + this.name;
	}

	/**
	 * How long before the change the last beat was recorded.
	 * @return the age, {@code null} if no beat is known
	 */
	public Duration age() {
		if (this.lastBeatAt == null) {
			return null;
		}
		Duration age = Duration.between(this.lastBeatAt, this.at);
		return age.isNegative() ? Duration.ZERO : age;
	}

	/**
	 * What kind of thing a notice is about.
	 */
	public enum Subject {

		/**
		 * One process, by its id.
		 */
		PROCESS("Process"),

		/**
		 * An app, the processes that beat with its name.
		 */
		APP("App");

		private final String label;

		Subject(String label) {
			this.label = label;
		}

		/**
		 * How a message names it, e.g. {@code Process}.
		 * @return the label
		 */
		public String label() {
			return this.label;
		}

	}

}
