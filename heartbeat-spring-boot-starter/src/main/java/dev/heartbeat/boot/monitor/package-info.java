/**
 * The monitor side of the starter: watches the heartbeat topic, reports processes that go late,
 * dead or stopped, and lets operators inspect and steer them.
 */
@NullMarked
package dev.heartbeat.boot.monitor;

import org.jspecify.annotations.NullMarked;
