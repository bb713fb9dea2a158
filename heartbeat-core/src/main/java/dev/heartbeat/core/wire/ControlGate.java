package dev.heartbeat.core.wire;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.heartbeat.core.time.HeartbeatClock;

/**
 * Decides whether a control record may change this process's run status.
 * <p>
 * Without a secret every well-formed record addressed to this process (or {@code *}) is accepted:
 * control is then unauthenticated, and the starter warns about it at start-up. With a secret a
 * record must carry a valid {@link ControlSignature}, be no older than the window (and no more
 * than the window ahead of this clock), and not be older than the last record applied (nor that very record again), so a
 * record copied back onto the topic changes nothing.
 * <p>
 * Thread-safe.
 */
public final class ControlGate {

	private final String process;

	private final @Nullable ControlSignature signature;

	private final long windowMillis;

	private final HeartbeatClock clock;

	// guarded by this: timestamp and signature of the last accepted record, for replay protection
	private long lastAccepted = Long.MIN_VALUE;

	// guarded by this
	private @Nullable String lastSignature;

	/**
	 * A gate for one process.
	 * @param process this process's id
	 * @param secret the shared secret, or {@code null} for unauthenticated control
	 * @param window how old (or how far ahead) a signed record may be
	 * @param clock the clock
	 */
	public ControlGate(String process, @Nullable String secret, Duration window, HeartbeatClock clock) {
		this.process = Objects.requireNonNull(process, "process");
		this.signature = (secret != null && !secret.isEmpty()) ? new ControlSignature(secret) : null;
		this.windowMillis = window.toMillis();
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * Whether records are authenticated.
	 * @return whether a secret is configured
	 */
	public boolean isAuthenticated() {
		return this.signature != null;
	}

	/**
	 * Judge a record; an accepted record is remembered for replay protection.
	 * @param key the record key
	 * @param value the record value
	 * @param timestamp the record timestamp, epoch ms
	 * @param signatureHeader the signature header, or {@code null}
	 * @return the verdict
	 */
	public ControlVerdict judge(@Nullable String key, @Nullable String value, long timestamp, @Nullable String signatureHeader) {
		if (key == null || key.isEmpty() || value == null) {
			return ControlVerdict.MALFORMED;
		}
		if (!key.equals(this.process) && !key.equals(WireContract.CONTROL_EVERY_PROCESS)) {
			return ControlVerdict.NOT_FOR_ME;
		}
		if (ControlCommand.fromValue(value) == null) {
			return ControlVerdict.MALFORMED;
		}
		if (this.signature == null) {
			return ControlVerdict.ACCEPTED;
		}
		if (signatureHeader == null || signatureHeader.isBlank()) {
			return ControlVerdict.UNSIGNED;
		}
		if (!this.signature.verify(key, value, timestamp, signatureHeader)) {
			return ControlVerdict.BAD_SIGNATURE;
		}
		long now = this.clock.wallTime();
		if (timestamp < now - this.windowMillis || timestamp > now + this.windowMillis) {
			return ControlVerdict.STALE;
		}
		synchronized (this) {
			if (timestamp < this.lastAccepted
					|| (timestamp == this.lastAccepted && signatureHeader.equalsIgnoreCase(this.lastSignature))) {
				return ControlVerdict.REPLAYED;
			}
			this.lastAccepted = timestamp;
			this.lastSignature = signatureHeader;
		}
		return ControlVerdict.ACCEPTED;
	}

}
