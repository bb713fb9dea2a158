/**
 * The contract every beat publisher passes, shipped in heartbeat-core's test-jar for publishers written elsewhere.
 */
package dev.heartbeat.core.publish.contract;
