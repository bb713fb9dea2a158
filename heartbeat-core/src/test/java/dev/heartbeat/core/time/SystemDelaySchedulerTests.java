package dev.heartbeat.core.time;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SystemDelayScheduler}, on a real thread.
 */
class SystemDelaySchedulerTests {

	private final SystemDelayScheduler scheduler = new SystemDelayScheduler((runnable) -> {
		Thread thread = new Thread(runnable, "heartbeat-test-scheduler");
		thread.setDaemon(true);
		return thread;
	});

	@AfterEach
	void close() {
		this.scheduler.close();
	}

	@Test
	void scheduleShouldRunTheTaskOnTheThreadFromTheFactory() throws InterruptedException {
		CountDownLatch ran = new CountDownLatch(1);
		AtomicReference<String> threadName = new AtomicReference<>();
		this.scheduler.schedule(Duration.ofMillis(1), () -> {
			threadName.set(Thread.currentThread().getName());
			ran.countDown();
		});
		assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(threadName).hasValue("heartbeat-test-scheduler");
	}

	@Test
	void negativeDelayShouldRunTheTaskAsSoonAsPossible() throws InterruptedException {
		CountDownLatch ran = new CountDownLatch(1);
		this.scheduler.schedule(Duration.ofSeconds(-1), ran::countDown);
		assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void cancelledTaskShouldNotRunWhileTheNextOneDoes() throws InterruptedException {
		AtomicBoolean cancelledRan = new AtomicBoolean();
		CountDownLatch laterRan = new CountDownLatch(1);
		// (room for a busy machine to stall between scheduling and cancelling)
		this.scheduler.schedule(Duration.ofMillis(500), () -> cancelledRan.set(true)).cancel();
		this.scheduler.schedule(Duration.ofMillis(600), laterRan::countDown);
		assertThat(laterRan.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(cancelledRan).isFalse();
	}

	@Test
	void closeShouldEndTheThread() throws InterruptedException {
		this.scheduler.schedule(Duration.ofHours(1), () -> {
		});
		this.scheduler.close();
		assertThat(this.scheduler.awaitTermination(Duration.ofSeconds(5))).isTrue();
	}

}
