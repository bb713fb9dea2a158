package dev.heartbeat.boot.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.heartbeat.boot.monitor.support.MonitorApp;
import dev.heartbeat.core.monitor.ProcessSnapshot;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.monitor.SightChange;
import dev.heartbeat.core.monitor.StateChange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the tests of a monitor that cannot see wait for and check.
 */
final class SightAssertions {

	private SightAssertions() {
	}

	// every process tracked UP, and its UP delivered to the listeners
	static boolean allUp(MonitorApp monitor, List<String> processes) {
		List<ProcessSnapshot> tracked = monitor.engine().list((snapshot) -> true, 1000);
		long told = monitor.events().changes().stream()
			.filter((change) -> change.to() == ProcessState.UP)
			.map(StateChange::process)
			.distinct()
			.count();
		return tracked.size() == processes.size() && told == processes.size()
				&& tracked.stream().allMatch((snapshot) -> snapshot.state() == ProcessState.UP);
	}

	/**
	 * One blind spell of every partition: told blind, then sighted (partitions seen again
	 * together, as far as they are; a rebuild may see them one by one).
	 */
	static void assertSpell(List<SightChange> changes, int partitions) {
		assertThat(changes).isNotEmpty();
		assertThat(changes.get(0).blind()).isTrue();
		assertThat(changes.get(changes.size() - 1).blind()).isFalse();
		int firstSighted = changes.indexOf(changes.stream().filter((change) -> !change.blind()).findFirst().orElseThrow());
		assertThat(changes.subList(firstSighted, changes.size())).as("no blind spell after sight returned")
			.noneMatch(SightChange::blind);
		assertThat(changes.subList(0, firstSighted).stream().flatMap((change) -> change.partitions().stream()))
			.as("blind").hasSize(partitions).doesNotHaveDuplicates();
		assertThat(changes.subList(firstSighted, changes.size()).stream().flatMap((change) -> change.partitions().stream()))
			.as("sighted").hasSize(partitions).doesNotHaveDuplicates();
	}

	/**
	 * Wait until the monitor has seen every partition further than now, by a read of its end.
	 */
	static void awaitSeenNow(MonitorApp monitor) {
		Instant now = Instant.now();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> monitor.engine().sights().stream().allMatch((sight) -> sight.seenUpTo().isAfter(now)));
	}

	static void awaitInstant(Instant instant) {
		Duration left = Duration.between(Instant.now(), instant);
		await().atMost((left.isNegative() ? Duration.ZERO : left).plusSeconds(5))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> Instant.now().isAfter(instant));
	}

}
