package dev.heartbeat.boot.monitor.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;

import org.springframework.context.event.EventListener;

import dev.heartbeat.boot.monitor.AppStateChangedEvent;
import dev.heartbeat.boot.monitor.MonitorSightChangedEvent;
import dev.heartbeat.boot.monitor.ProcessStateChangedEvent;
import dev.heartbeat.core.monitor.AppStateChange;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.monitor.SightChange;
import dev.heartbeat.core.monitor.StateChange;

/**
 * Records every {@link ProcessStateChangedEvent}, {@link AppStateChangedEvent} and
 * {@link MonitorSightChangedEvent} of a monitor, as an application would with {@code @EventListener}.
 */
public class EventRecorder {

	private final List<StateChange> changes = new CopyOnWriteArrayList<>();

	private final List<AppStateChange> appChanges = new CopyOnWriteArrayList<>();

	private final List<SightChange> sight = new CopyOnWriteArrayList<>();

	@EventListener
	void on(ProcessStateChangedEvent event) {
		this.changes.add(event.getChange());
	}

	@EventListener
	void on(AppStateChangedEvent event) {
		this.appChanges.add(event.getChange());
	}

	/**
	 * Every app change so far.
	 * @return the changes, in order
	 */
	public List<AppStateChange> appChanges() {
		return List.copyOf(this.appChanges);
	}

	/**
	 * The changes of one app.
	 * @param app the app
	 * @return its changes, in order
	 */
	public List<AppStateChange> ofApp(String app) {
		return this.appChanges.stream().filter((change) -> change.app().equals(app)).toList();
	}

	@EventListener
	void on(MonitorSightChangedEvent event) {
		this.sight.add(event.getChange());
	}

	/**
	 * Every change of sight so far.
	 * @return the changes, in order
	 */
	public List<SightChange> sight() {
		return List.copyOf(this.sight);
	}

	/**
	 * Every change so far.
	 * @return the changes, in order
	 */
	public List<StateChange> changes() {
		return List.copyOf(this.changes);
	}

	/**
	 * The changes of one process.
	 * @param process the process
	 * @return its changes, in order
	 */
	public List<StateChange> of(String process) {
		return this.changes.stream().filter((change) -> change.process().equals(process)).toList();
	}

	/**
	 * The states one process went to.
	 * @param process the process
	 * @return the {@code to} of its changes, in order
	 */
	public List<ProcessState> states(String process) {
		return of(process).stream().map(StateChange::to).toList();
	}

	/**
	 * Wait for a change of a process to a state.
	 * @param process the process
	 * @param state the state
	 * @param within how long to wait at most
	 * @return the first such change
	 */
	public StateChange await(String process, ProcessState state, Duration within) {
		return awaitAfter(process, state, 0, within);
	}

	/**
	 * Wait for a change of a process to a state, ignoring its first changes.
	 * @param process the process
	 * @param state the state
	 * @param skip how many of the process's changes to ignore (e.g. {@code of(process).size()}
	 * taken before the action whose effect is awaited)
	 * @param within how long to wait at most
	 * @return the first such change after the skipped ones
	 */
	public StateChange awaitAfter(String process, ProcessState state, int skip, Duration within) {
		Awaitility.await()
			.atMost(within)
			.pollInterval(Duration.ofMillis(10))
			.until(() -> of(process).stream().skip(skip).anyMatch((change) -> change.to() == state));
		return of(process).stream().skip(skip).filter((change) -> change.to() == state).findFirst().orElseThrow();
	}

	/**
	 * The states one process went to, ignoring its first changes.
	 * @param process the process
	 * @param skip how many of its changes to ignore
	 * @return the {@code to} of its later changes, in order
	 */
	public List<ProcessState> statesAfter(String process, int skip) {
		return states(process).stream().skip(skip).toList();
	}

}
