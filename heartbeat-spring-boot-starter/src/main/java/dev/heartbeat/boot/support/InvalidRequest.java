package dev.heartbeat.boot.support;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * A request parameter an endpoint operation refuses: thrown by the operation's helpers and
 * answered as a 400 whose body says which parameter, which value and why (Spring Boot's own
 * handling of a refused operation answers a bare "Bad Request").
 */
public final class InvalidRequest extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String parameter;

	private final @Nullable String value;

	/**
	 * Refuse a parameter.
	 * @param parameter the parameter's name, e.g. {@code state}
	 * @param value the value refused, or {@code null} when it is missing
	 * @param reason why, in a sentence that says what would be accepted
	 */
	public InvalidRequest(String parameter, @Nullable String value, String reason) {
		super(reason, null, false, false);
		this.parameter = parameter;
		this.value = value;
	}

	/**
	 * The 400 answer.
	 * @return the response
	 */
	public WebEndpointResponse<OperationResponseBody> response() {
		return new WebEndpointResponse<>(
				new Descriptor(WebEndpointResponse.STATUS_BAD_REQUEST, "Bad Request", this.parameter, this.value,
						getMessage()),
				WebEndpointResponse.STATUS_BAD_REQUEST);
	}

	/**
	 * The body of the 400 answer.
	 *
	 * @param status 400
	 * @param error {@code Bad Request}
	 * @param parameter the parameter refused
	 * @param value the value refused, {@code null} when it was missing
	 * @param message why, and what would be accepted
	 */
	public record Descriptor(int status, String error, String parameter, @Nullable String value,
			String message) implements OperationResponseBody {
	}

}
