/**
 * Data structures behind the deadline engine (timing wheel, intrusive process table, compact
 * ids, exact deadline arithmetic); not API, may change in any release.
 */
package dev.heartbeat.core.monitor.internal;
