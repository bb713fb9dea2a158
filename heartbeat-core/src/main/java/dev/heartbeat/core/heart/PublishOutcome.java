package dev.heartbeat.core.heart;

/**
 * What became of a beat the heart was asked to send.
 */
public enum PublishOutcome {

	/**
	 * At least one publisher delivered it.
	 */
	PUBLISHED,

	/**
	 * It repeated the last delivered beat within the minimum interval and was not sent.
	 */
	SUPPRESSED,

	/**
	 * The beat source chose to send nothing (e.g. health DOWN mapped to silent).
	 */
	SILENT,

	/**
	 * No publisher delivered it.
	 */
	FAILED

}
