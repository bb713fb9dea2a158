/**
 * Notifications people read: the Slack, Teams, PagerDuty, Opsgenie and mail listeners, and the
 * default messages they build from an event, one or a digest of many.
 */
package dev.heartbeat.boot.monitor.notify;
