package dev.heartbeat.boot.support;

/**
 * Marks a health contributor that reports on heartbeats themselves (the app's own beats, the
 * monitor's sight), so that the health that drives the beats leaves it out: a beat must never
 * depend on its own health, nor an app's beats on whether its monitor can see.
 */
public interface HeartbeatOwnHealth {

}
