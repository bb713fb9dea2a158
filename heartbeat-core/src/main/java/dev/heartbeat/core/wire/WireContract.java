package dev.heartbeat.core.wire;

/**
 * Names on the wire. Outside consumers rely on them exactly; change none of them.
 * <p>
 * Heartbeat topic: record key = process id (UTF-8), value = payload ({@code beat/5}), headers
 * below. Control topic: key = target process id or {@value #CONTROL_EVERY_PROCESS}, value
 * {@code pause} or {@code resume}, header {@value #HEADER_SIGNATURE}. HTTP: {@code POST} with the
 * payload as text body and the same metadata as {@code Heartbeat-*} request headers.
 */
public final class WireContract {

	/** Default heartbeat topic. */
	public static final String DEFAULT_TOPIC = "heartbeats";

	/** Default control topic. */
	public static final String DEFAULT_CONTROL_TOPIC = "heartbeat-control";

	/** Control record key that addresses every process. */
	public static final String CONTROL_EVERY_PROCESS = "*";

	/** Header: {@code heartbeat.<process>}. */
	public static final String HEADER_SUBJECT = "heartbeat-subject";

	/** Header: the application name. */
	public static final String HEADER_APP = "heartbeat-app";

	/** Header: the instance id. */
	public static final String HEADER_INSTANCE = "heartbeat-instance";

	/** Header: the sequence number, decimal. */
	public static final String HEADER_SEQ = "heartbeat-seq";

	/** Header: the run status, {@code RUNNING} or {@code PAUSED}. */
	public static final String HEADER_STATUS = "heartbeat-status";

	/** Header: the health status code. */
	public static final String HEADER_HEALTH = "heartbeat-health";

	/** Header on control records: hex HMAC-SHA256, see {@link ControlSignature}. */
	public static final String HEADER_SIGNATURE = "heartbeat-signature";

	/** HTTP request header: the subject. */
	public static final String HTTP_SUBJECT = "Heartbeat-Subject";

	/** HTTP request header: the process id. */
	public static final String HTTP_PROCESS = "Heartbeat-Process";

	/** HTTP request header: the application name. */
	public static final String HTTP_APP = "Heartbeat-App";

	/** HTTP request header: the instance id. */
	public static final String HTTP_INSTANCE = "Heartbeat-Instance";

	/** HTTP request header: the sequence number. */
	public static final String HTTP_SEQ = "Heartbeat-Seq";

	/** HTTP request header: the run status. */
	public static final String HTTP_STATUS = "Heartbeat-Status";

	/** HTTP request header: the health status code. */
	public static final String HTTP_HEALTH = "Heartbeat-Health";

	/** HTTP request header: the send time, ISO-8601. */
	public static final String HTTP_SENT_AT = "Heartbeat-Sent-At";

	private WireContract() {
	}

}
