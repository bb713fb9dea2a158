/**
 * What the notifiers share and is not API: a small JSON writer and a JSON POST that names the
 * service, never its secret URL, when it fails.
 */
package dev.heartbeat.boot.monitor.notify.internal;
