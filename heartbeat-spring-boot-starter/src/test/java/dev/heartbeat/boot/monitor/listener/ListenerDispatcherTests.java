package dev.heartbeat.boot.monitor.listener;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.heartbeat.core.monitor.MonitorEvent;
import dev.heartbeat.core.monitor.SightChange;
import dev.heartbeat.core.monitor.StateChange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ListenerDispatcherTests {

	private static final SightChange BLIND = new SightChange(true, List.of(0, 3), Instant.parse("2026-01-01T00:00:00Z"),
			Instant.parse("2026-01-01T00:00:03.001Z"), 4, false);

	private final CountDownLatch release = new CountDownLatch(1);

	private final List<String> told = new CopyOnWriteArrayList<>();

	private ListenerDispatcher dispatcher;

	@AfterEach
	void stop() {
		this.release.countDown();
		if (this.dispatcher != null) {
			this.dispatcher.stop(Duration.ofSeconds(1));
		}
	}

	@Test
	void anEventShouldBeToldDeliveredOnceEveryListenerItWentToIsDoneWithIt() throws Exception {
		CountDownLatch slow = new CountDownLatch(1);
		List<String> received = new CopyOnWriteArrayList<>();
		start(channel("fast", EventMatcher.all(), (change, values, timeout) -> received.add("fast")),
				channel("slow", EventMatcher.all(), (change, values, timeout) -> {
					slow.await();
					received.add("slow");
				}), channel("others", EventMatcher.of("heartbeat.other.dead", null), (change, values, timeout) -> {
				}));
		this.dispatcher.onStateChange(TestChanges.dead());
		await().atMost(Duration.ofSeconds(2)).until(() -> received.contains("fast"));
		assertThat(this.told).containsExactly("offered heartbeat.billing.dead");
		slow.countDown();
		await().atMost(Duration.ofSeconds(2)).until(() -> this.told.size() == 2);
		assertThat(this.told).containsExactly("offered heartbeat.billing.dead", "delivered heartbeat.billing.dead");
	}

	@Test
	void anEventNoListenerTakesShouldBeToldDeliveredAtOnce() {
		start(channel("others", EventMatcher.of("heartbeat.other.dead", null), (change, values, timeout) -> {
		}));
		this.dispatcher.onStateChange(TestChanges.dead());
		assertThat(this.told).containsExactly("offered heartbeat.billing.dead", "delivered heartbeat.billing.dead");
	}

	@Test
	void anEventGivenUpAfterItsRetriesShouldCountAsDeliveredOneDroppedByAStopNot() {
		start(new ListenerChannel("broken", EventMatcher.all(), (change, values, timeout) -> {
			if (((StateChange) change).process().equals("billing")) {
				throw new IllegalStateException("always");
			}
			this.release.await();
		}, new ListenerChannel.Config(Duration.ofSeconds(5), 1, Duration.ZERO, 10)));
		this.dispatcher.onStateChange(TestChanges.dead());
		await().atMost(Duration.ofSeconds(2)).until(() -> this.told.size() == 2);
		StateChange hanging = TestChanges.change("payroll", "hr", dev.heartbeat.core.monitor.ProcessState.UP,
				dev.heartbeat.core.monitor.ProcessState.DEAD);
		StateChange waiting = TestChanges.change("orders", "shop", dev.heartbeat.core.monitor.ProcessState.UP,
				dev.heartbeat.core.monitor.ProcessState.DEAD);
		this.dispatcher.onStateChange(hanging);
		this.dispatcher.onStateChange(waiting);
		this.dispatcher.stop(Duration.ofSeconds(1));
		this.dispatcher = null;
		assertThat(this.told).containsExactlyInAnyOrder("offered heartbeat.billing.dead",
				"delivered heartbeat.billing.dead", "offered heartbeat.payroll.dead", "offered heartbeat.orders.dead",
				"dropped heartbeat.orders.dead", "dropped heartbeat.payroll.dead");
	}

	@Test
	void monitorEventsShouldGoToTheListenersWhoseMatchTheyFitWithTheirOwnValues() {
		List<EventValues> monitorOnly = new CopyOnWriteArrayList<>();
		List<EventValues> processesOnly = new CopyOnWriteArrayList<>();
		start(channel("monitor", EventMatcher.of(null, "monitor\\..*"), new EventSink() {

			@Override
			public void send(MonitorEvent change, EventValues values, Duration timeout) {
				monitorOnly.add(values);
			}

		}), channel("processes", EventMatcher.of(null, "heartbeat\\..*"),
				(change, values, timeout) -> processesOnly.add(values)));
		this.dispatcher.onSightChange(BLIND);
		await().atMost(Duration.ofSeconds(2)).until(() -> monitorOnly.size() == 1);
		EventValues values = monitorOnly.get(0);
		assertThat(values.event()).isEqualTo("monitor.blind");
		assertThat(values.state()).isEqualTo("BLIND");
		assertThat(values.previous()).isEqualTo("SIGHTED");
		assertThat(values.partitions()).isEqualTo("0,3");
		assertThat(values.since()).isEqualTo("2026-01-01T00:00:00Z");
		assertThat(values.at()).isEqualTo("2026-01-01T00:00:03.001Z");
		assertThat(values.held()).isEqualTo("4");
		assertThat(values.process()).isEmpty();
		assertThat(processesOnly).isEmpty();
		assertThat(this.told).as("monitor events are not kept").isEmpty();
	}

	private void start(ListenerChannel... channels) {
		this.dispatcher = new ListenerDispatcher(List.of(channels));
		this.dispatcher.deliveries(new DeliveryListener() {

			@Override
			public void offered(StateChange change) {
				ListenerDispatcherTests.this.told.add("offered " + change.eventName());
			}

			@Override
			public void delivered(StateChange change) {
				ListenerDispatcherTests.this.told.add("delivered " + change.eventName());
			}

			@Override
			public void dropped(StateChange change) {
				ListenerDispatcherTests.this.told.add("dropped " + change.eventName());
			}

		});
		this.dispatcher.start();
	}

	private static ListenerChannel channel(String name, EventMatcher matcher, EventSink sink) {
		return new ListenerChannel(name, matcher, sink, new ListenerChannel.Config(Duration.ofSeconds(5), 0,
				Duration.ZERO, 10));
	}

}
