/**
 * The run status of this process (running or paused) and the feedback that changes it.
 */
@NullMarked
package dev.heartbeat.core.status;

import org.jspecify.annotations.NullMarked;
