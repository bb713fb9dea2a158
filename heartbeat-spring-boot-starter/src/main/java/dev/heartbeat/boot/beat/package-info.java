/**
 * The beating side of the starter: an application that tells the world it is alive, driven by its own health, and obeys pause and resume.
 */
@NullMarked
package dev.heartbeat.boot.beat;

import org.jspecify.annotations.NullMarked;
