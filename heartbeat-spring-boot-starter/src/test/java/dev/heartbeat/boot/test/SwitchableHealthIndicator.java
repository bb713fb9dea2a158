package dev.heartbeat.boot.test;

import java.util.concurrent.CountDownLatch;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * A health indicator whose status a test sets, and which can be made to hang.
 */
public class SwitchableHealthIndicator implements HealthIndicator {

	private volatile Status status = Status.UP;

	private volatile CountDownLatch hang;

	@Override
	public Health health() {
		CountDownLatch latch = this.hang;
		if (latch != null) {
			try {
				latch.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				// ignore the interrupt like a badly written indicator: keep hanging until released
				awaitUninterruptibly(latch);
			}
		}
		return Health.status(this.status).build();
	}

	private static void awaitUninterruptibly(CountDownLatch latch) {
		boolean interrupted = false;
		while (latch.getCount() > 0) {
			try {
				latch.await();
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	public void set(Status status) {
		this.status = status;
	}

	public void set(String code) {
		this.status = new Status(code);
	}

	/**
	 * Make every evaluation hang until the returned latch is counted down.
	 * @return the latch that releases it
	 */
	public CountDownLatch hang() {
		CountDownLatch latch = new CountDownLatch(1);
		this.hang = latch;
		return latch;
	}

	public void release() {
		CountDownLatch latch = this.hang;
		this.hang = null;
		if (latch != null) {
			latch.countDown();
		}
	}

}
