/**
 * Internals of the scheduler: the run loop and its watchdog, publisher isolation (own thread,
 * timeout, newest-wins slot) and fan-out, and waits bounded on the injected clock.
 * <p>
 * The lifecycle follows Micrometer's {@code PushMeterRegistry}: start with a thread factory,
 * stop with a final send ({@code stop}), skip a tick while the previous one runs, and log what
 * a tick or the timer throws instead of letting it end the loop.
 */
@NullMarked
package dev.heartbeat.core.schedule.internal;

import org.jspecify.annotations.NullMarked;
